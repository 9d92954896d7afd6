import Foundation
import Testing
@testable import MadoguchiCore

/// ふりがな groups `{漢字|かんじ}` in message texts, scanned by hand: the same groups the regex it replaced found.
@Suite struct RubyTests {
    /// The rule as a regex, kept here as the reference.
    static func referenceMarked(_ text: String) -> String {
        text.replacing(/\{([^{}|]+)\|([^{}|]+)\}/) { match in
            String(Ruby.open) + match.output.1 + String(Ruby.separator) + match.output.2 + String(Ruby.close)
        }
    }

    static let tricky = ["", "no braces", "{0}{日|にち}", "a{b|c}d{e}f", "{|x}", "{a|}", "{{a|b}}", "{a|b|c}", "{a{b|c}",
                         "{a|b", "a|b}", "}{x|y}{", "{0}時台 {1}", "{漢字|かんじ}と{2}と{仮名|かな}", "{a\u{301}|b}", "{🇯🇵|にっぽん}"]

    @Test func markedFindsTheGroupsTheRegexFound() throws {
        var texts = Self.tricky
        // Every text the shipped message catalogs hold.
        for messages in SampleCatalog.catalog.messages.catalogs.values { texts += messages.messages.values }
        #expect(texts.count > 500)
        for text in texts {
            #expect(Ruby.marked(text) == Self.referenceMarked(text), "\(text)")
        }
    }

    @Test func plainKeepsTheBase() {
        #expect(Ruby.plain("{0}{日|にち}") == "{0}日")
        #expect(Ruby.plain(Ruby.marked("{世帯主|せたいぬし}の{名前|なまえ}")) == "世帯主の名前")
        #expect(Ruby.plain("{a|b|c}") == "{a|b|c}")
    }
}
