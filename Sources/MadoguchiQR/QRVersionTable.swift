/// Per-version constants from ISO/IEC 18004 for versions 1–10: block structure and alignment pattern
/// positions. Madoguchi's reference URLs are short, so the table stops at version 10 (57×57 modules),
/// which keeps the code small and every entry covered by tests.
enum QRVersionTable {
    /// Highest version this encoder produces.
    static let maxVersion = 10

    /// A run of identical blocks: `count` blocks of `dataCodewords` data codewords each.
    struct BlockGroup: Sendable, Equatable {
        let count: Int
        let dataCodewords: Int
    }

    /// How the codewords of one (version, level) pair split into Reed–Solomon blocks (ISO/IEC 18004 Table 9).
    struct BlockLayout: Sendable, Equatable {
        /// EC codewords appended to every block of this symbol.
        let ecCodewordsPerBlock: Int
        /// Group 1 then (optionally) group 2, whose blocks hold one more data codeword.
        let groups: [BlockGroup]

        var blockCount: Int { groups.reduce(0) { $0 + $1.count } }
        var dataCodewords: Int { groups.reduce(0) { $0 + $1.count * $1.dataCodewords } }
        var totalCodewords: Int { dataCodewords + blockCount * ecCodewordsPerBlock }
    }

    private static func layout(_ ec: Int, _ c1: Int, _ d1: Int, _ c2: Int = 0, _ d2: Int = 0) -> BlockLayout {
        var groups = [BlockGroup(count: c1, dataCodewords: d1)]
        if c2 > 0 { groups.append(BlockGroup(count: c2, dataCodewords: d2)) }
        return BlockLayout(ecCodewordsPerBlock: ec, groups: groups)
    }

    /// `layouts[version - 1][level.rawValue]`, levels in the order L, M, Q, H.
    private static let layouts: [[BlockLayout]] = [
        /* 1 */ [layout(7, 1, 19), layout(10, 1, 16), layout(13, 1, 13), layout(17, 1, 9)],
        /* 2 */ [layout(10, 1, 34), layout(16, 1, 28), layout(22, 1, 22), layout(28, 1, 16)],
        /* 3 */ [layout(15, 1, 55), layout(26, 1, 44), layout(18, 2, 17), layout(22, 2, 13)],
        /* 4 */ [layout(20, 1, 80), layout(18, 2, 32), layout(26, 2, 24), layout(16, 4, 9)],
        /* 5 */ [layout(26, 1, 108), layout(24, 2, 43), layout(18, 2, 15, 2, 16), layout(22, 2, 11, 2, 12)],
        /* 6 */ [layout(18, 2, 68), layout(16, 4, 27), layout(24, 4, 19), layout(28, 4, 15)],
        /* 7 */ [layout(20, 2, 78), layout(18, 4, 31), layout(18, 2, 14, 4, 15), layout(26, 4, 13, 1, 14)],
        /* 8 */ [layout(24, 2, 97), layout(22, 2, 38, 2, 39), layout(22, 4, 18, 2, 19), layout(26, 4, 14, 2, 15)],
        /* 9 */ [layout(30, 2, 116), layout(22, 3, 36, 2, 37), layout(20, 4, 16, 4, 17), layout(24, 4, 12, 4, 13)],
        /* 10 */ [layout(18, 2, 68, 2, 69), layout(26, 4, 43, 1, 44), layout(24, 6, 19, 2, 20), layout(28, 6, 15, 2, 16)],
    ]

    /// Block layout, or nil for a version outside 1...maxVersion.
    static func blockLayout(version: Int, level: QRCode.ErrorCorrection) -> BlockLayout? {
        guard (1...maxVersion).contains(version) else { return nil }
        return layouts[version - 1][level.rawValue]
    }

    /// Modules per side: 17 + 4·version.
    static func size(version: Int) -> Int { 17 + 4 * version }

    /// Centre coordinates (rows and columns alike) of the alignment patterns (ISO/IEC 18004 Annex E).
    static func alignmentPositions(version: Int) -> [Int] {
        switch version {
        case 2: return [6, 18]
        case 3: return [6, 22]
        case 4: return [6, 26]
        case 5: return [6, 30]
        case 6: return [6, 34]
        case 7: return [6, 22, 38]
        case 8: return [6, 24, 42]
        case 9: return [6, 26, 46]
        case 10: return [6, 28, 50]
        default: return []
        }
    }

    /// Modules left for data and EC after all function patterns, format and version information.
    /// Used by tests to cross-check the block table: it must equal `totalCodewords * 8 + remainder bits`.
    static func rawDataModules(version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignmentCount = version / 7 + 2
            result -= (25 * alignmentCount - 10) * alignmentCount - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    /// Bits of the byte-mode character count indicator: 8 for versions 1–9, 16 from version 10.
    static func byteCountBits(version: Int) -> Int { version <= 9 ? 8 : 16 }

    /// Most bytes that fit in byte mode: data bits minus the 4-bit mode indicator and the count.
    static func byteCapacity(version: Int, level: QRCode.ErrorCorrection) -> Int {
        guard let layout = blockLayout(version: version, level: level) else { return 0 }
        return (layout.dataCodewords * 8 - 4 - byteCountBits(version: version)) / 8
    }
}
