import Testing
@testable import MadoguchiPDF

@Suite("Font subsetting")
struct FontSubsetTests {
    @Test("A composite's components are kept, transitively; unused outlines are dropped")
    func compositeComponentsAreKept() throws {
        let font = try Fixtures.testFont()
        let subset = try TrueTypeFont(data: font.subset(glyphs: [6]))   // E = C(A, B) + D
        #expect(subset.numberOfGlyphs == font.numberOfGlyphs)
        for glyph in [0, 1, 2, 3, 5, 6] {
            #expect(glyphData(subset, glyph) == glyphData(font, glyph), "glyph \(glyph) must be kept byte for byte")
            #expect(!glyphData(subset, glyph).isEmpty)
        }
        let onlyA = try TrueTypeFont(data: font.subset(glyphs: [1]))
        #expect(glyphData(onlyA, 1) == glyphData(font, 1))
        for glyph in [2, 3, 5, 6] { #expect(glyphData(onlyA, glyph).isEmpty, "glyph \(glyph) was not asked for") }
        #expect(!glyphData(onlyA, 0).isEmpty, ".notdef is always kept")
    }

    @Test("Subset keeps glyph ids and every advance; cmap is dropped")
    func subsetKeepsIdsAndAdvances() throws {
        let font = try Fixtures.testFont()
        let subset = try TrueTypeFont(data: font.subset(glyphs: [2]))
        #expect((0..<7).map { subset.advance(of: UInt16($0)) } == TestFont.advances.map(Int.init))
        #expect(subset.unitsPerEm == font.unitsPerEm)
        #expect(subset.glyphID(for: "B") == nil)  // the PDF's /ToUnicode carries text, not the subset
    }

    @Test("Table checksums and checkSumAdjustment are right")
    func checksumsAreRight() throws {
        let font = try Fixtures.testFont()
        try expectValidChecksums(font.subset(glyphs: [3, 4]))
        try expectValidChecksums(FontSubsetter(font: font).subset(keeping: [1], copies: [1, 0]))
        // The check itself must catch a flipped byte.
        var broken = font.subset(glyphs: [3])
        broken[broken.count - 1] ^= 0x01
        #expect(checksumProblems(broken).isEmpty == false)
    }

    @Test("Appended copies duplicate a glyph's outline and advance after the last glyph")
    func copiesAreAppended() throws {
        let font = try Fixtures.testFont()
        let subset = try TrueTypeFont(data: FontSubsetter(font: font).subset(keeping: [1], copies: [1, 0, 3]))
        #expect(subset.numberOfGlyphs == 10)
        #expect(glyphData(subset, 7) == glyphData(font, 1))
        #expect(glyphData(subset, 8) == glyphData(font, 0))
        #expect(glyphData(subset, 9) == glyphData(font, 3))
        #expect(!glyphData(subset, 2).isEmpty, "a copied composite keeps its components")
        #expect(subset.advance(of: 7) == 600 && subset.advance(of: 8) == 500 && subset.advance(of: 9) == 800)
    }

    @Test("IPAex subset: same glyph count and advances, only the used outlines", .enabled(if: Fixtures.ipaex != nil, Comment(rawValue: Fixtures.ipaexMissing)))
    func ipaexSubset() throws {
        let font = try #require(Fixtures.ipaex)
        let used = Set("山田 太郎 髙橋 栃木県真岡市荒町5191".unicodeScalars.compactMap(font.glyphID(for:)))
        let bytes = font.subset(glyphs: used)
        let subset = try TrueTypeFont(data: bytes)
        #expect(subset.numberOfGlyphs == font.numberOfGlyphs)
        #expect(subset.metrics.advances == font.metrics.advances)
        for glyph in used { #expect(glyphData(subset, Int(glyph)) == glyphData(font, Int(glyph))) }
        let unused = try #require(font.glyphID(for: "鈴"))
        #expect(glyphData(subset, Int(unused)).isEmpty)
        #expect(bytes.count < 150_000, "a few glyphs of a 6 MB font: \(bytes.count) bytes")
        try expectValidChecksums(bytes)
    }

    // MARK: - Helpers

    private func glyphData(_ font: TrueTypeFont, _ glyph: Int) -> [UInt8] {
        let range = font.locations.range(of: glyph)
        return Array(font.glyfTable.bytes.dropFirst(range.lowerBound).prefix(range.count))
    }

    private func expectValidChecksums(_ font: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(checksumProblems(font) == [], sourceLocation: sourceLocation)
    }

    /// Recomputes every checksum independently of the library.
    private func checksumProblems(_ font: [UInt8]) -> [String] {
        var problems: [String] = []
        for (tag, record) in TestFont.tableRecords(in: font) {
            var data = Array(font[record.offset..<(record.offset + record.length)])
            if tag == "head" { data.set32(0, at: 8) }
            if SfntChecksum.of(data) != font.read32(record.record + 4) { problems.append("'\(tag)' checksum") }
        }
        if SfntChecksum.of(font) != 0xB1B0_AFBA { problems.append("checkSumAdjustment") }
        return problems
    }
}
