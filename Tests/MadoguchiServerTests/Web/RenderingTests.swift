import Foundation
@testable import MadoguchiServer
@testable import MadoguchiCore
import NIOCore
import Testing
import Vapor

/// The hand-written pieces of the page path (issue 15) say what the library pieces they replaced said.
@Suite struct RenderingTests {
    @Test func anElementTreeIsWrittenOnceInDocumentOrder() {
        let page = el("div", ["class": "a\"b", "hidden": "", "id": nil]) {
            el("p") { "x < y & " + "z" }
            for item in ["一", "二"] { el("li") { item } }
            el("br")
            el("option") { Ruby.marked("{世帯主|せたいぬし}") }
            el("title") { Ruby.marked("{世帯主|せたいぬし}の方") }
        } + Markup(trusted: "<hr>")
        let expected = #"<div class="a&quot;b" hidden><p>x &lt; y &amp; z</p><li>一</li><li>二</li><br>"#
            + "<option>世帯主（せたいぬし）</option><title>世帯主の方</title></div><hr>"
        #expect(page.html == expected)
        #expect(page.utf8Count == expected.utf8.count)
        #expect(String(buffer: page.buffer()) == expected)
        #expect(page.buffer().capacity >= expected.utf8.count)
        #expect(Markup().html.isEmpty && Markup().utf8Count == 0)
    }

    /// Every element HTML leaves unclosed, and no other; attribute values lose their ふりがな and are escaped,
    /// short and long open tags alike (a short one stays an inline string).
    @Test func voidElementsAreLeftOpenAndAttributesEscaped() {
        for name in ["input", "meta", "link", "br", "img", "hr"] {
            #expect(el(name, ["a": "1"]).html == "<\(name) a=\"1\">")
        }
        for name in ["b", "p", "li", "ul", "div", "span", "label", "select", "section", "textarea", "inputs", "brr"] {
            #expect(el(name).html == "<\(name)></\(name)>")
        }
        let long = String(repeating: "x", count: 40)
        #expect(el("a", ["title": "{漢字|かんじ}の\"&'<>", "href": long, "data-x": ""]) { "y" }.html
                == "<a title=\"漢字の&quot;&amp;&#39;&lt;&gt;\" href=\"\(long)\" data-x>y</a>")
        #expect(el("a", ["title": Ruby.marked("{漢字|かんじ}")]).html == "<a title=\"漢字\"></a>")
        #expect(el("textarea") { "{漢字|かんじ}" }.html == "<textarea>{漢字|かんじ}</textarea>")
    }

    /// The scans over a text's bytes answer as a scan over its `utf8` view does: for native strings (contiguous)
    /// and bridged ones (read without contiguous storage).
    @Test func byteScansAnswerAsTheUTF8ViewDoes() {
        let members: [UInt8] = [0x26, 0x3C, 0x22, UInt8(ascii: "{"), 0xEE, 0xFF, 0x00, 0x80]
        let set = UTF8ByteSet(0x26, 0x3C, 0x22, UInt8(ascii: "{"), 0xEE, 0xFF, 0x00, 0x80)
        let one = UTF8ByteSet(0xEE)
        var generator = SplitMix64(seed: 1_515)
        let alphabet = ["a", "&", "<", "\"", "{", "}", "世", "\u{E000}", "\u{0}", "\u{7F}", "é", "😀", "ÿ", "Ā", " "]
        var found = 0
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 12) { text += alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let expected = text.utf8.contains { set.contains($0) }
            #expect(text.containsAnyUTF8(of: set) == expected, "\(text.debugDescription)")
            #expect((NSString(string: text) as String).containsAnyUTF8(of: set) == expected)
            #expect(text.containsAnyUTF8(of: one) == text.utf8.contains(0xEE))
            #expect(text.containsUTF8(UInt8(ascii: "{")) == text.utf8.contains(UInt8(ascii: "{")))
            if expected { found += 1 }
        }
        #expect(found > 1_000 && found < 2_900)  // both answers were exercised
        for byte in UInt8.min...UInt8.max {
            #expect(set.contains(byte) == members.contains(byte))
            // At every place of a long text, inside a word of eight or in the tail after the last one.
            for place in [0, 7, 8, 15, 16, 22] {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 23)
                bytes[place] = byte
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(text.containsAnyUTF8(of: set) == text.utf8.contains { members.contains($0) }, "\(byte) at \(place)")
            }
        }
        // The texts built on them: passed over untouched, or rewritten as before.
        #expect(Markup.escape("世帯主 a-b") == "世帯主 a-b")
        #expect(Markup.escape("<b>'x'&\"") == "&lt;b&gt;&#39;x&#39;&amp;&quot;")
        #expect(Markup.escape(Ruby.marked("{漢字|かんじ}"), ruby: true) == "<ruby>漢字<rt>かんじ</rt></ruby>")
        #expect(Ruby.plain("世帯主") == "世帯主" && Ruby.plain("{漢字|かんじ}と" + Ruby.marked("{字|じ}")) == "漢字と字")
        #expect(Ruby.marked("{0}件") == "{0}件")
    }

    /// `{0}` … filled over the bytes as a filling over Unicode scalars does (the reference, here), on generated
    /// messages with placeholders, braces, digits of other scripts and combining marks. (The former filling read
    /// Characters, so a combining mark right after `}` hid the placeholder; no message has one.)
    @Test func placeholdersAreFilledAsOverScalars() {
        func reference(_ text: String, _ arguments: [String]) -> String {
            let scalars = Array(text.unicodeScalars)
            var result = String.UnicodeScalarView()
            var index = 0
            while index < scalars.count {
                if scalars[index] == "{", index + 2 < scalars.count, ("0"..."9").contains(scalars[index + 1]),
                   Int(scalars[index + 1].value) - 0x30 < arguments.count, scalars[index + 2] == "}" {
                    result.append(contentsOf: arguments[Int(scalars[index + 1].value) - 0x30].unicodeScalars)
                    index += 3
                } else {
                    result.append(scalars[index])
                    index += 1
                }
            }
            return String(result)
        }
        var generator = SplitMix64(seed: 2_026)
        let alphabet = ["{", "}", "0", "1", "2", "9", "{0}", "{1}", "{2}", "０", "世", "\u{301}", "a", "|", "{{"]
        let arguments = ["x", "{1}", "二"]
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 10) { text += alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let count = Int(generator.next() % 4)
            #expect(PageContext.filling(text, with: Array(arguments.prefix(count))) == reference(text, Array(arguments.prefix(count))),
                    "\(text.debugDescription)")
        }
    }

    /// The `Content-Type` is read from the raw header as `HTTPMediaType` reads it, for the types we check.
    @Test func contentTypesAreReadAsVaporReadsThem() {
        let given = ["application/json", "Application/JSON; charset=utf-8", " application/json ", "application/json;",
                     "application/jsonx", "text/plain", "application", "application/", "/json", "", "application/x-www-form-urlencoded",
                     "application/x-www-form-urlencoded;charset=UTF-8", "multipart/form-data; boundary=x", "json/application"]
        for value in given {
            let headers = HTTPHeaders([("Content-Type", value)])
            let media = headers.contentType
            for (type, subType) in [("application", "json"), ("application", "x-www-form-urlencoded")] {
                let vapor = media.map { $0.type.lowercased() == type && $0.subType.lowercased() == subType } ?? false
                #expect(headers.contentType(is: type, subType) == vapor, "\(value) as \(type)/\(subType)")
            }
        }
        #expect(HTTPHeaders().contentType(is: "application", "json") == nil)
        #expect(HTTPHeaders([("Content-Type", "*/*")]).contentType(is: "application", "json") == false)
    }

    @Test func aFormIsReadAsVaporReadsIt() throws {
        #expect(try URLEncodedForm.fields("a=1&b=x+y&c=%E4%B8%96%e7%95%8C&d=&e&a=2&f=b=c&&g=%2B%26".utf8)
                == ["a": "2", "b": "x y", "c": "世界", "d": "", "e": "", "f": "b=c", "g": "+&"])
        #expect(try URLEncodedForm.fields("".utf8).isEmpty)
        for damaged in ["a=%", "a=%4", "a=%zz", "a=%FF", "%C3=1"] {
            #expect(throws: URLEncodedForm.Malformed.self, "\(damaged)") { try URLEncodedForm.fields(damaged.utf8) }
        }
        #expect(throws: URLEncodedForm.Malformed.self) { try URLEncodedForm.fields("a=1&b=2&c=3".utf8, limit: 2) }
        #expect(URLEncodedForm.value("lang", inQuery: "x=1&lang=vi") == "vi")
        #expect(URLEncodedForm.value("lang", inQuery: "x=%zz&lang=vi") == nil)
        #expect(URLEncodedForm.value("lang", inQuery: nil) == nil)

        // Two thousand generated forms as browsers send them (name=value pairs): where Vapor's decoder reads one,
        // ours reads the same; where it refuses (a broken escape, bytes that are not UTF-8), so do we.
        var generator = SplitMix64(seed: 15)
        let alphabet: [String] = "ab=+%2E4F9z ~-_.*世".map(String.init) + ["%E4%B8%96", "%41", "%2", "%g1", "%26", "%3D"]
        func piece(_ count: UInt64, without excluded: String) -> String {
            var text = ""
            for _ in 0..<Int(generator.next() % count) {
                let pick = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                if pick != excluded { text += pick }
            }
            return text
        }
        let vapor = URLEncodedFormDecoder()
        for _ in 0..<2_000 {
            var pairs: [String] = []
            // Names of their own: a broken escape in a value a later one replaces refuses the form here, where
            // Vapor only reads the last value of a name.
            for index in 0..<Int(generator.next() % 5) {
                let name = "n\(index)" + piece(6, without: "=")
                pairs.append(name + "=" + piece(8, without: ""))
            }
            let body = pairs.joined(separator: "&")
            let theirs = try? vapor.decode([String: String].self, from: body)
            let ours = try? URLEncodedForm.fields(body.utf8)
            #expect(ours == theirs, "\(body)")
        }
    }

    @Test func tokensAreBase64URLAndDigestsHexAsFoundationWritesThem() {
        for count in 0..<40 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 250) }
            let foundation = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(Tokens.base64URL(bytes) == foundation, "\(count) bytes")
        }
        let tokens = (0..<200).map { _ in Tokens.random() }
        #expect(Set(tokens).count == 200)
        #expect(tokens.allSatisfy { $0.utf8.count == 43 && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } })
        // Every character position takes many values: the 32 bytes are drawn, not zero-filled.
        #expect((0..<43).allSatisfy { position in Set(tokens.map { Array($0)[position] }).count > 10 })
        #expect(Tokens.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func spacesAreTrimmedAsFoundationTrimsThem() {
        for text in ["", "  ", "\u{3000}山田\u{3000}", "\t x y \t", "\u{00A0}x\u{2003}", "x\n", " \n ", "a", "  b", "c  "] {
            #expect(text.trimmedOfSpaces == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
        }
    }

    /// A phone's live ticket is written by hand (`writeTicket`): it must read back as `JSONEncoder` wrote it, nil
    /// fields left out, a quote in a place name escaped, no ticket at all for an unknown secret.
    @Test func aPhonesTicketIsTheJSONTheEncoderWrote() throws {
        func ticket(_ state: QueueTicketState, position: Int?, wait: Double?, counter: Int?) -> QueueLiveState.TicketState {
            .init(label: "A-012", section: "JUMIN", sectionName: "市民課", sectionNameEn: "Residents \"A\"", state: state,
                  position: position, waitSeconds: wait, counter: counter, place: "本庁舎1階\n", placeEn: "1F \\ main", openCounters: 2)
        }
        let state = try QueueLiveState(version: 41, at: 1_764_000_000.25, sections: [], calls: [], recent: [], tickets: [
            "waiting": ticket(.waiting, position: 3, wait: 754.3125, counter: nil),
            "called": ticket(.called, position: nil, wait: nil, counter: 4),
            "soon": ticket(.waiting, position: 1, wait: 0, counter: nil),
        ])
        for token in ["waiting", "called", "soon", "unknown"] {
            var buffer = ByteBuffer(string: "data: ")
            state.writeTicket(token, into: &buffer)
            let written = String(buffer: buffer)
            #expect(written.hasPrefix("data: {"))
            let ours = try JSONSerialization.jsonObject(with: Data(written.dropFirst(6).utf8)) as? NSDictionary
            let encoded = try JSONEncoder().encode(QueueLiveState.Ticket(version: state.version, ticket: state.tickets[token]))
            let theirs = try JSONSerialization.jsonObject(with: encoded) as? NSDictionary
            #expect(ours != nil && ours == theirs, "\(token): \(written)")
        }
    }
}
