import Foundation
import Testing
@testable import MadoguchiPDF

@Suite("PDF structure")
struct PDFStructureTests {
    /// Two pages of everything the API can draw.
    static func sampleDocument(date: Date = Fixtures.fixedDate) -> PDFDocument {
        var document = PDFDocument(title: "住民異動届 AB", creationDate: date)
        document.addPage { page in
            page.rect(x: 36, y: 36, width: 523, height: 200, lineWidth: 1.5)
            page.rect(x: 40, y: 40, width: 90, height: 30, lineWidth: 0.5, fill: 0.9)
            page.rect(x: 40, y: 80, width: 90, height: 30, lineWidth: 0, fill: 0.8)
            page.line(from: (40, 120), to: (500, 120), width: 0.25)
            page.text("AB CE", x: 46, y: 60, size: 11)
            page.polyline([(300, 200), (310, 190), (320, 205)], width: 1.2)
        }
        document.addPage { page in
            page.text("ab", x: 46.125, y: 60, size: 9.5)
        }
        return document
    }

    static var fontChoices: [PDFFontChoice] {
        get throws { [.embedded(try Fixtures.testFont()), .standardJapanese] }
    }

    @Test("Every xref entry points at its 'N 0 obj'", arguments: [0, 1])
    func xrefOffsetsAreExact(choice: Int) throws {
        var document = Self.sampleDocument()
        let bytes = document.render(font: try Self.fontChoices[choice])
        #expect(xrefProblems(bytes) == [])
        #expect(bytes.firstIndex(of: "%PDF-1.7\n") == 0)
        #expect(bytes.suffix(6).elementsEqual("%%EOF\n".utf8))
    }

    @Test("The xref check catches a shifted object")
    func xrefCheckCanFail() throws {
        var document = Self.sampleDocument()
        var bytes = document.render(font: .standardJapanese)
        let body = try #require(bytes.firstIndex(of: "2 0 obj"))
        bytes.insert(UInt8(ascii: " "), at: body)   // objects from here on move one byte
        #expect(!xrefProblems(bytes).isEmpty)
    }

    @Test("Same input, same bytes; only CreationDate depends on the date")
    func outputIsDeterministic() throws {
        let font = try Fixtures.testFont()
        var first = Self.sampleDocument(), second = Self.sampleDocument()
        let a = first.render(font: .embedded(font))
        #expect(a == second.render(font: .embedded(font)))
        #expect(a == first.render(font: .embedded(font)))
        var later = Self.sampleDocument(date: Fixtures.fixedDate.addingTimeInterval(86_400 + 3_723))
        let b = later.render(font: .embedded(font))
        #expect(a != b)
        #expect(a.latin1Text.replacingOccurrences(of: "D:20260401090000+09'00'", with: "DATE")
                == b.latin1Text.replacingOccurrences(of: "D:20260402100203+09'00'", with: "DATE"))
    }

    @Test("Info: producer, JST creation date, title in UTF-16BE")
    func infoDictionary() throws {
        var document = Self.sampleDocument()
        let text = document.render(font: .standardJapanese).latin1Text
        #expect(text.contains("/Producer (Madoguchi) /CreationDate (D:20260401090000+09'00')"))
        #expect(text.contains("/Title <FEFF4F4F6C11757052D55C4A002000410042>"))
        #expect(text.contains("/MediaBox [0 0 595.28 841.89]"))
        #expect(text.contains("/Type /Pages /Kids [") && text.contains("/Count 2"))
    }

    @Test("Embedded font objects: Type0, Identity-H, CIDFontType2, Identity map, widths, subset name")
    func embeddedFontObjects() throws {
        var document = Self.sampleDocument()
        let pdf = RenderedPDF(bytes: document.render(font: .embedded(try Fixtures.testFont())))
        let text = pdf.text
        #expect(text.range(of: "/Subtype /Type0 /BaseFont /[A-Z]{6}\\+Test-SansBold /Encoding /Identity-H", options: .regularExpression) != nil)
        #expect(text.contains("/Subtype /CIDFontType2"))
        #expect(text.contains("/CIDToGIDMap /Identity"))
        #expect(text.contains("/Registry (Adobe) /Ordering (Identity) /Supplement 0"))
        // A, B, C, space and E are glyphs 1–4 and 6; 'a' shares A's glyph and gets copy 7, 'b' shares B's: copy 8.
        #expect(text.contains("/W [1 [600 700 800 800] 6 [800 600 700]]"))
        #expect(text.contains("/FontBBox [-50 -200 900 850]") && text.contains("/Ascent 780 /Descent -220 /CapHeight 700"))
        #expect(text.range(of: "/Length1 [0-9]+ >>\nstream\n", options: .regularExpression) != nil)
        #expect(text.components(separatedBy: "/Type /Font ").count - 1 == 2, "one Type0 and one CIDFont, shared by both pages")
        #expect(text.components(separatedBy: "/F1 4 0 R").count - 1 == 2)
        #expect(pdf.shownCodes == [["0001", "0002", "0004", "0003", "0006"], ["0007", "0008"]])
    }

    @Test("Characters sharing a glyph keep their own code and text (no normalization)")
    func sharedGlyphsExtractExactly() throws {
        var document = PDFDocument(creationDate: Fixtures.fixedDate)
        document.addPage { $0.text("Aa", x: 10, y: 10, size: 10) }
        let bytes = document.render(font: .embedded(try Fixtures.testFont()))
        let pdf = RenderedPDF(bytes: bytes)
        #expect(pdf.shownCodes == [["0001", "0007"]])
        #expect(pdf.toUnicode == ["0001": "0041", "0007": "0061"])
        #expect(document.missingCharacters.isEmpty)
    }

    @Test("Missing characters print as .notdef, are counted, and keep their text")
    func missingCharactersAreCounted() throws {
        var document = PDFDocument(creationDate: Fixtures.fixedDate)
        document.addPage { $0.text("A\u{E000}\u{E001}\u{E000}", x: 10, y: 10, size: 10) }
        document.addPage { $0.text("B\u{E000}C\u{E0100}C", x: 10, y: 10, size: 10) }
        let font = try Fixtures.testFont()
        let bytes = document.render(font: .embedded(font))
        #expect(document.missingCharacters == ["\u{E000}": 3, "\u{E001}": 1, "\u{E0100}": 1])
        let pdf = RenderedPDF(bytes: bytes)
        #expect(pdf.shownCodes == [["0001", "0007", "0008", "0007"], ["0002", "0007", "0003", "0009"]])
        #expect(pdf.toUnicode["0007"] == "E000")
        #expect(pdf.toUnicode["0008"] == "E001")
        #expect(pdf.toUnicode["0003"] == "0043DB40DD00", "C plus its variation selector, one code")
        #expect(pdf.toUnicode["0009"] == "0043", "plain C after C+VS gets a copy of C")
        // The copies in the embedded subset really are .notdef (and C) outlines.
        let start = try #require(bytes.firstIndex(of: "/Length1 "))
        let stream = try #require(bytes.firstIndex(of: "stream\n", from: start)) + 7
        let digits = bytes.dropFirst(start + 9).prefix { $0 >= 48 && $0 <= 57 }
        let length = try #require(Int(String(decoding: digits, as: UTF8.self)))
        let subset = try TrueTypeFont(data: Array(bytes[stream..<(stream + length)]))
        #expect(subset.numberOfGlyphs == 10)
        #expect(subset.locations.range(of: 7).count >= font.locations.range(of: 0).count)   // .notdef, padded
        #expect(subset.locations.range(of: 8).count >= font.locations.range(of: 0).count)
        #expect(subset.locations.range(of: 9).count >= font.locations.range(of: 3).count)   // C
        #expect(subset.advance(of: 7) == 500 && subset.advance(of: 9) == 800)
    }

    @Test("Standard Japanese: UCS-2 codes, Adobe-Japan1-6, non-BMP counted and still in ToUnicode")
    func standardJapaneseFont() throws {
        var document = PDFDocument(creationDate: Fixtures.fixedDate)
        document.addPage { $0.text("髙A𠮷", x: 10, y: 10, size: 10) }
        let pdf = RenderedPDF(bytes: document.render(font: .standardJapanese))
        #expect(pdf.text.contains("/BaseFont /HeiseiKakuGo-W5 /Encoding /UniJIS-UCS2-H"))
        #expect(pdf.text.contains("/Subtype /CIDFontType0"))
        #expect(pdf.text.contains("/Registry (Adobe) /Ordering (Japan1) /Supplement 6"))
        #expect(!pdf.text.contains("/FontFile"))
        #expect(pdf.shownCodes == [["9AD9", "0041", "D800"]])
        #expect(pdf.toUnicode == ["0041": "0041", "9AD9": "9AD9", "D800": "D842DFB7"])
        #expect(document.missingCharacters == ["𠮷": 1])
    }

    @Test("Content stream: top-left coordinates flipped, compact numbers, one w per change")
    func contentStreamOperators() throws {
        var document = Self.sampleDocument()
        let text = document.render(font: .embedded(try Fixtures.testFont())).latin1Text
        #expect(text.contains("1.5 w\n36 605.89 523 200 re S\n"))                 // 841.89 - 36 - 200
        #expect(text.contains("0.5 w\nq 0.9 g 40 771.89 90 30 re B Q\n"))
        #expect(text.contains("q 0.8 g 40 731.89 90 30 re f Q\n"))
        #expect(text.contains("0.25 w\n40 721.89 m 500 721.89 l S\n"))
        #expect(text.contains("BT /F1 11 Tf 46 781.89 Td <"))
        #expect(text.contains("BT /F1 9.5 Tf 46.125 781.89 Td <"))
        #expect(text.contains("q 1 J 1 j 1.2 w 300 641.89 m 310 651.89 l 320 636.89 l S Q\n"))
    }

    @Test("Numbers: at most three decimals, no trailing zeros, never NaN", arguments: [
        (12.0, "12"), (741.89, "741.89"), (-0.5, "-0.5"), (0.0004, "0"), (-0.0004, "0"), (0.1 + 0.2, "0.3"),
        (1234.5678, "1234.568"), (Double.nan, "0"), (Double.infinity, "0"), (1e300, "9000000000000"),
    ])
    func numberFormatting(value: Double, expected: String) {
        var bytes: [UInt8] = []
        bytes.appendNumber(value)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test("A document without text has no font")
    func noTextNoFont() throws {
        var document = PDFDocument(creationDate: Fixtures.fixedDate)
        document.addPage { $0.line(from: (0, 0), to: (10, 10)) }
        let bytes = document.render(font: .embedded(try Fixtures.testFont()))
        #expect(!bytes.latin1Text.contains("/Font"))
        #expect(xrefProblems(bytes) == [])
    }

    /// Checks startxref, the xref table and /Size against the actual object positions.
    private func xrefProblems(_ bytes: [UInt8]) -> [String] {
        let text = bytes.latin1Text
        guard let startxref = bytes.lastIndex(of: "startxref\n") else { return ["no startxref"] }
        let offsetText = text.utf8.dropFirst(startxref + 10).prefix { $0 >= 48 && $0 <= 57 }
        guard let xref = Int(String(decoding: offsetText, as: UTF8.self)), xref < bytes.count,
              bytes.firstIndex(of: "xref\n0 ", from: xref) == xref else { return ["startxref does not point at xref"] }
        let header = text.utf8.dropFirst(xref + 7).prefix { $0 != 10 }
        guard let count = Int(String(decoding: header, as: UTF8.self)) else { return ["no xref count"] }
        var problems: [String] = []
        if !text.contains("/Size \(count) ") { problems.append("trailer /Size is not \(count)") }
        let entries = xref + 7 + header.count + 1
        for number in 0..<count {
            let start = entries + number * 20
            guard start + 20 <= bytes.count else { return problems + ["xref entry \(number) is cut off"] }
            let entry = String(decoding: bytes[start..<(start + 20)], as: UTF8.self)
            if number == 0 {
                if entry != "0000000000 65535 f \n" { problems.append("entry 0 is \(entry)") }
                continue
            }
            guard entry.hasSuffix(" 00000 n \n"), let offset = Int(entry.prefix(10)) else {
                problems.append("entry \(number) is malformed: \(entry)")
                continue
            }
            if bytes.firstIndex(of: "\(number) 0 obj\n", from: offset) != offset {
                problems.append("object \(number) is not at \(offset)")
            }
        }
        return problems
    }
}
