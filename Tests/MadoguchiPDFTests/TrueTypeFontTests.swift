import Foundation
import Testing
@testable import MadoguchiPDF

@Suite("TrueType parsing")
struct TrueTypeFontTests {
    @Test("The synthetic font's cmap, metrics and names come back as built", arguments: [TestFont.CharacterMapKind.format4, .format12])
    func syntheticFontParses(kind: TestFont.CharacterMapKind) throws {
        let font = try TrueTypeFont(data: TestFont.make(characterMap: kind))
        #expect(font.unitsPerEm == 1000)
        #expect(font.numberOfGlyphs == 7)
        #expect(font.glyphID(for: "A") == 1)
        #expect(font.glyphID(for: "C") == 3)
        #expect(font.glyphID(for: "E") == 6)
        #expect(font.glyphID(for: " ") == 4)
        #expect(font.glyphID(for: "a") == 1)
        #expect(font.glyphID(for: "b") == 2)
        #expect(font.glyphID(for: "Z") == nil)
        #expect(font.glyphID(for: "\u{FFFF}") == nil)
        #expect(font.glyphID(for: "𠮷") == (kind == .format12 ? 2 : nil))
        #expect((0..<7).map { font.advance(of: UInt16($0)) } == TestFont.advances.map(Int.init))
        #expect(font.advance(of: 7) == 0)
        #expect(font.postScriptName == "Test-SansBold")
        #expect(font.ascent == 780 && font.descent == -220 && font.capHeight == 700)
        #expect(font.boundingBox == FontBoundingBox(xMin: -50, yMin: -200, xMax: 900, yMax: 850))
    }

    @Test("textWidth sums advances; missing characters take .notdef's width; selectors none")
    func textWidthUsesAdvances() throws {
        let font = try Fixtures.testFont()
        #expect(font.textWidth("AB", size: 10) == 13)            // (600 + 700) / 1000 * 10
        #expect(font.textWidth("AZ", size: 10) == 11)            // Z is missing: .notdef is 500
        #expect(font.textWidth("A\u{E0100}", size: 10) == 6)
        #expect(PDFFontChoice.embedded(font).textWidth("AB", size: 20) == 26)
        #expect(PDFFontChoice.standardJapanese.textWidth("ab山", size: 10) == 20)
    }

    @Test("MADOGUCHI_FONT is tried first, and an unusable one is skipped")
    func environmentOverrideComesFirst() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-font-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("test.ttf").path
        let bad = directory.appendingPathComponent("bad.ttf").path
        #expect(FileManager.default.createFile(atPath: good, contents: Data(Fixtures.testFontBytes)))
        #expect(FileManager.default.createFile(atPath: bad, contents: Data("not a font".utf8)))

        #expect(TrueTypeFont.findIPAexGothic(environment: ["MADOGUCHI_FONT": good])?.postScriptName == "Test-SansBold")
        let fallback = TrueTypeFont.findIPAexGothic(environment: ["MADOGUCHI_FONT": bad])
        #expect(fallback?.postScriptName == Fixtures.ipaex?.postScriptName)
    }

    @Test("IPAex Gothic: kanji, 髙, supplementary-plane 𩸽 and metrics", .enabled(if: Fixtures.ipaex != nil, Comment(rawValue: Fixtures.ipaexMissing)))
    func ipaexGothicParses() throws {
        let font = try #require(Fixtures.ipaex)
        #expect(font.postScriptName == "IPAexGothic")
        #expect(font.unitsPerEm == 2048)
        for scalar in "山田太郎髙橋ヤマダ栃木県真岡市荒町令和".unicodeScalars {
            let glyph = try #require(font.glyphID(for: scalar), "IPAex lacks \(scalar)")
            #expect(font.advance(of: glyph) == font.unitsPerEm, "\(scalar) is full width")
        }
        #expect(font.glyphID(for: "髙") != font.glyphID(for: "高"))
        #expect(font.glyphID(for: "\u{29E3D}") != nil)              // 𩸽, through cmap format 12
        #expect(font.glyphID(for: "\u{E000}") == nil)               // private use: a 外字 the font lacks
        let digit = try #require(font.glyphID(for: "5"))
        #expect(font.advance(of: digit) < font.unitsPerEm)           // proportional Latin, narrower than kanji
        #expect(font.glyphID(for: "\u{F9EC}") == font.glyphID(for: "\u{6EBA}"))  // 溺 shares 溺's outline
    }
}
