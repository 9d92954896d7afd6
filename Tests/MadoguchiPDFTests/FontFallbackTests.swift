import Foundation
import Testing
@testable import MadoguchiPDF

/// A character the primary font lacks is drawn from a fallback font, embedded as a second subset.
@Suite("Font fallback")
struct FontFallbackTests {
    static let ipamj: TrueTypeFont? = TrueTypeFont.findIPAmjMincho()
    static let ipamjMissing = "IPAmj Mincho is not installed (apt-get install fonts-ipamj-mincho)"
    static var bothFonts: Bool { Fixtures.ipaex != nil && ipamj != nil && Poppler.isInstalled }

    /// The synthetic font without 𠮷, and its format 12 variant mapping 𠮷 to glyph 2 (B's square).
    static func syntheticPair() throws -> (TrueTypeFont, TrueTypeFont) {
        (try Fixtures.testFont(), try TrueTypeFont(data: TestFont.make(characterMap: .format12)))
    }

    @Test("Runs switch fonts inside one BT, each font gets its subset, ToUnicode and resources")
    func runsSwitchFonts() throws {
        let (primary, fallback) = try Self.syntheticPair()
        var document = PDFDocument(creationDate: Fixtures.fixedDate)
        document.addPage { $0.text("A\u{20BB7}B\u{E000}", x: 10, y: 10, size: 10) }
        document.addPage { $0.text("\u{20BB7}A", x: 10, y: 10, size: 10) }
        let bytes = document.render(font: .embedded(primary, fallbacks: [fallback]))
        let pdf = RenderedPDF(bytes: bytes)
        #expect(pdf.text.contains("BT /F1 10 Tf 10 831.89 Td <0001> Tj /F2 10 Tf <0002> Tj /F1 10 Tf <00020007> Tj ET\n"))
        #expect(pdf.text.contains("BT /F2 10 Tf 10 831.89 Td <0002> Tj /F1 10 Tf <0001> Tj ET\n"), "a text may start in the fallback")
        #expect(pdf.text.components(separatedBy: "/Subtype /Type0").count - 1 == 2)
        #expect(pdf.text.components(separatedBy: "/FontFile2").count - 1 == 2, "two subsets embedded")
        #expect(pdf.text.range(of: #"/Resources << /Font << /F1 4 0 R /F2 [0-9]+ 0 R >> >>"#, options: .regularExpression) != nil)
        // Each font's /ToUnicode: 𠮷 comes back from the fallback's code 2, B from the primary's.
        let maps = pdf.text.components(separatedBy: "beginbfchar").dropFirst().map { $0.components(separatedBy: "endbfchar")[0] }
        #expect(maps.count == 2)
        #expect(maps.contains { $0.contains("<0002> <D842DFB7>") } && maps.contains { $0.contains("<0002> <0042>") })
        #expect(document.missingCharacters == ["\u{E000}": 1], "only what no font has is missing")
        #expect(document.unprintableCharacters == ["\u{E000}"])
    }

    @Test("Layout measures each character in the font that draws it")
    func widthsFollowTheFallback() throws {
        let (primary, fallback) = try Self.syntheticPair()
        #expect(PDFFontChoice.embedded(primary).textWidth("A\u{20BB7}", size: 10) == 11)          // 600 + .notdef 500
        #expect(abs(PDFFontChoice.embedded(primary, fallbacks: [fallback]).textWidth("A\u{20BB7}", size: 10) - 13) < 1e-9) // 600 + 700
    }

    @Test("Without a fallback in use the output is one font, as before")
    func unusedFallbackAddsNothing() throws {
        let (primary, fallback) = try Self.syntheticPair()
        var plain = PDFStructureTests.sampleDocument(), withFallback = PDFStructureTests.sampleDocument()
        #expect(plain.render(font: .embedded(primary)) == withFallback.render(font: .embedded(primary, fallbacks: [fallback])))
    }

    @Test("吉田 and 𠮷田 with IPAex and IPAmj: 𠮷 extracts, two subsets, the unknown character is reported",
          .enabled(if: bothFonts, Comment(rawValue: "\(ipamjMissing); needs IPAex and poppler-utils too")))
    func yoshidaPrintsWithIPAmj() throws {
        let ipaex = try #require(Fixtures.ipaex), ipamj = try #require(Self.ipamj)
        #expect(ipamj.glyphID(for: "\u{20BB7}") != nil, "IPAmj maps 𠮷 through its format 12 cmap")
        #expect(ipaex.glyphID(for: "\u{20BB7}") == nil)
        // A CJK Extension G ideograph (Unicode 13, 2020): newer than both fonts.
        let unknown: Unicode.Scalar = "\u{3134A}"
        #expect(ipaex.glyphID(for: unknown) == nil && ipamj.glyphID(for: unknown) == nil)
        var document = PDFDocument(creationDate: Fixtures.fixedDate)
        document.addPage { page in
            page.text("吉田 一郎", x: 50, y: 80, size: 12)
            page.text("𠮷田 花子", x: 50, y: 120, size: 12)
            page.text("山\(unknown)太郎", x: 50, y: 160, size: 12)
        }
        let pdf = document.render(font: .embedded(ipaex, fallbacks: [ipamj]))
        #expect(document.missingCharacters == [unknown: 1])
        let text = try Poppler.run("pdftotext", ["-layout"], on: pdf, trailing: ["-"]).output
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("吉田 一郎") && lines.contains("𠮷田 花子"), "got: \(text)")
        #expect(lines.contains("山\(unknown)太郎"), "the unknown character still extracts as itself")
        let report = try Poppler.run("pdffonts", on: pdf)
        let rows = report.output.split(separator: "\n").dropFirst(2).map(String.init)
        #expect(rows.count == 2, "\(report.output)")
        #expect(rows.contains { $0.range(of: #"^[A-Z]{6}\+IPAexGothic +CID TrueType +Identity-H +yes yes yes "#, options: .regularExpression) != nil })
        #expect(rows.contains { $0.range(of: #"^[A-Z]{6}\+IPAmjMincho +CID TrueType +Identity-H +yes yes yes "#, options: .regularExpression) != nil },
                "\(report.output)")
        #expect(report.errors.isEmpty, "\(report.errors)")
        // The IPAmj subset holds 𠮷's real outline (not .notdef) and little else.
        let subset = try #require(Self.embeddedFontPrograms(pdf).compactMap { try? TrueTypeFont(data: $0) }
            .first { $0.numberOfGlyphs >= ipamj.numberOfGlyphs })
        let glyph = Int(try #require(ipamj.glyphID(for: "\u{20BB7}")))
        #expect(ipamj.locations.range(of: glyph).count > 0)
        #expect(subset.locations.range(of: glyph).count >= ipamj.locations.range(of: glyph).count)   // padded to 4 bytes
        #expect(subset.glyfTable.length < 20_000, "a subset, not the 45 MB of outlines")
    }

    @Test("Without IPAmj, 𠮷 is reported like any missing character", .enabled(if: Fixtures.ipaex != nil, Comment(rawValue: Fixtures.ipaexMissing)))
    func withoutFallbackYoshidaIsMissing() throws {
        var document = PDFDocument(creationDate: Fixtures.fixedDate)
        document.addPage { $0.text("𠮷田", x: 50, y: 80, size: 12) }
        _ = document.render(font: .embedded(try #require(Fixtures.ipaex)))
        #expect(document.unprintableCharacters == ["\u{20BB7}"])
    }

    @Test("$MADOGUCHI_FALLBACK_FONT names the fallback font; an unusable one is skipped")
    func fallbackDiscovery() throws {
        let directory = FileManager.default.temporaryDirectory
        let good = directory.appendingPathComponent("madoguchi-fallback-\(UUID().uuidString).ttf").path
        let bad = directory.appendingPathComponent("madoguchi-fallback-\(UUID().uuidString).ttf").path
        #expect(FileManager.default.createFile(atPath: good, contents: Data(Fixtures.testFontBytes)))
        #expect(FileManager.default.createFile(atPath: bad, contents: Data("not a font".utf8)))
        defer { for path in [good, bad] { try? FileManager.default.removeItem(atPath: path) } }
        #expect(TrueTypeFont.findIPAmjMincho(environment: ["MADOGUCHI_FALLBACK_FONT": good])?.postScriptName == "Test-SansBold")
        let skipped = TrueTypeFont.findIPAmjMincho(environment: ["MADOGUCHI_FALLBACK_FONT": bad])
        #expect(skipped?.postScriptName == Self.ipamj?.postScriptName)
    }

    /// The bytes of every /FontFile2 stream.
    static func embeddedFontPrograms(_ bytes: [UInt8]) -> [[UInt8]] {
        var programs: [[UInt8]] = []
        var from = 0
        while let start = bytes.firstIndex(of: "/Length1 ", from: from),
              let stream = bytes.firstIndex(of: "stream\n", from: start) {
            let digits = bytes.dropFirst(start + 9).prefix { $0 >= 48 && $0 <= 57 }
            guard let length = Int(String(decoding: digits, as: UTF8.self)), stream + 7 + length <= bytes.count else { break }
            programs.append(Array(bytes[(stream + 7)..<(stream + 7 + length)]))
            from = stream + 7 + length
        }
        return programs
    }
}
