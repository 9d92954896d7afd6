import Testing
@testable import MadoguchiPDF

/// Fonts come from disk and from `$MADOGUCHI_FONT`: damaged ones must throw, never trap.
@Suite("Malformed fonts")
struct MalformedFontTests {
    @Test("Empty, tiny and non-font inputs throw")
    func tinyInputsThrow() {
        for bytes: [UInt8] in [[], [0, 1, 0, 0], Array(repeating: 0, count: 11), Array("%PDF-1.7 hello".utf8)] {
            #expect(throws: TrueTypeFontError.self) { try TrueTypeFont(data: bytes) }
        }
        #expect(throws: TrueTypeFontError.unsupportedFormat("OpenType font with CFF outlines; only glyf-based TrueType can be embedded")) {
            try TrueTypeFont(data: Array("OTTO".utf8) + Array(repeating: 0, count: 40))
        }
    }

    @Test("Random bytes throw, with or without a valid sfnt header")
    func randomBytesThrow() {
        var random = SplitMix64(state: 0xC0FFEE)
        for round in 0..<300 {
            var bytes = (0..<Int.random(in: 0..<3000, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            if round % 2 == 1, bytes.count >= 6 { bytes.set32(0x0001_0000, at: 0) }
            #expect(throws: TrueTypeFontError.self, "round \(round)") { try TrueTypeFont(data: bytes) }
        }
    }

    @Test("Every truncation of the font throws")
    func truncationsThrow() throws {
        let font = Fixtures.testFontBytes
        let dataEnd = TestFont.tableRecords(in: font).values.map { $0.offset + $0.length }.max() ?? font.count
        _ = try TrueTypeFont(data: Array(font[..<dataEnd]))   // the whole data still parses
        for length in 0..<dataEnd {
            #expect(throws: TrueTypeFontError.self, "\(length) bytes") { try TrueTypeFont(data: Array(font[..<length])) }
        }
    }

    @Test("Wrong offsets and impossible fields throw the matching error")
    func wrongFieldsThrow() throws {
        let records = TestFont.tableRecords(in: Fixtures.testFontBytes)
        func corrupted(_ change: (inout [UInt8]) -> Void) -> [UInt8] {
            var bytes = Fixtures.testFontBytes
            change(&bytes)
            return bytes
        }
        let glyf = try #require(records["glyf"]), loca = try #require(records["loca"])
        let head = try #require(records["head"]), maxp = try #require(records["maxp"])
        let cmap = try #require(records["cmap"]), hhea = try #require(records["hhea"])
        let cases: [(String, [UInt8], (TrueTypeFontError) -> Bool)] = [
            ("glyf offset past the end", corrupted { $0.set32(UInt32($0.count), at: glyf.record + 8) }, isTruncated),
            ("glyf length past the end", corrupted { $0.set32(0xFFFF_FFF0, at: glyf.record + 12) }, isTruncated),
            ("loca going backwards", corrupted { $0.set16(0xFFFF, at: loca.offset + 2) }, isInvalid),
            ("head magic", corrupted { $0.set32(0, at: head.offset + 12) }, isInvalid),
            ("unitsPerEm 0", corrupted { $0.set16(0, at: head.offset + 18) }, isInvalid),
            ("indexToLocFormat 7", corrupted { $0.set16(7, at: head.offset + 50) }, isInvalid),
            ("numGlyphs larger than loca", corrupted { $0.set16(60000, at: maxp.offset + 4) }, isTruncated),
            ("numGlyphs 0", corrupted { $0.set16(0, at: maxp.offset + 4) }, isInvalid),
            ("numberOfHMetrics 0", corrupted { $0.set16(0, at: hhea.offset + 34) }, isInvalid),
            ("cmap subtable offset past the end", corrupted { $0.set32(0x00FF_FFFF, at: cmap.offset + 8) }, isTruncated),
            ("cmap segments out of order", corrupted { $0.set16(0x7000, at: cmap.offset + 12 + 16) }, isInvalid),
            ("no glyf table", corrupted { $0.replaceSubrange(glyf.record..<(glyf.record + 4), with: Array("gly_".utf8)) },
             { $0 == .missingTable("glyf") }),
        ]
        for (name, bytes, matches) in cases {
            do {
                _ = try TrueTypeFont(data: bytes)
                Issue.record("\(name): parsed")
            } catch let error as TrueTypeFontError {
                #expect(matches(error), "\(name): \(error)")
            }
        }
    }

    @Test("Hundreds of random mutations of the synthetic font never trap")
    func syntheticMutationsNeverTrap() throws {
        var random = SplitMix64(state: 42)
        let outcome = try mutate(Fixtures.testFontBytes, region: 0..<Fixtures.testFontBytes.count, rounds: 1500, using: &random)
        #expect(outcome.threw > 100, "mutations must be detected: \(outcome)")
        #expect(outcome.parsed > 100, "many mutations hit harmless bytes: \(outcome)")
    }

    @Test("Random mutations of IPAex's header and table directory never trap", .enabled(if: Fixtures.ipaexBytes != nil, Comment(rawValue: Fixtures.ipaexMissing)))
    func ipaexDirectoryMutationsNeverTrap() throws {
        let font = try #require(Fixtures.ipaexBytes)
        let directoryEnd = 12 + Int(font.read16(4)) * 16
        var random = SplitMix64(state: 7)
        let outcome = try mutate(font, region: 0..<directoryEnd, rounds: 250, using: &random)
        #expect(outcome.threw > 50, "\(outcome)")
    }

    /// Flips 1–4 random bytes in `region`; a font that still parses must stay usable:
    /// lookups, widths, a subset that parses again, and a rendered document.
    private func mutate(_ original: [UInt8], region: Range<Int>, rounds: Int,
                        using random: inout SplitMix64) throws -> (parsed: Int, threw: Int) {
        var parsed = 0, threw = 0
        var bytes = original
        for round in 0..<rounds {
            var changed: [Int] = []
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: region, using: &random)
                changed.append(at)
                bytes[at] = UInt8.random(in: 0...255, using: &random)
            }
            defer { for at in changed { bytes[at] = original[at] } }
            let font: TrueTypeFont
            do {
                font = try TrueTypeFont(data: bytes)
            } catch is TrueTypeFontError {
                threw += 1
                continue
            }
            parsed += 1
            let glyphs = Set("AbCE 山田髙".unicodeScalars.compactMap(font.glyphID(for:)))
            _ = font.textWidth("AbCE 山田髙\u{E000}", size: 12)
            let subset = try TrueTypeFont(data: font.subset(glyphs: glyphs))
            #expect(subset.numberOfGlyphs == font.numberOfGlyphs, "round \(round)")
            var document = PDFDocument(creationDate: Fixtures.fixedDate)
            document.addPage { $0.text("AbCE 山田髙\u{E000}", x: 10, y: 10, size: 12) }
            #expect(!document.render(font: .embedded(font)).isEmpty)
        }
        return (parsed, threw)
    }

    private func isTruncated(_ error: TrueTypeFontError) -> Bool { if case .truncated = error { true } else { false } }
    private func isInvalid(_ error: TrueTypeFontError) -> Bool { if case .invalid = error { true } else { false } }
}
