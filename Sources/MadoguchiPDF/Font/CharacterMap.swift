/// Unicode scalar → glyph id, from the best Unicode subtable of 'cmap' (format 12, else 4).
///
/// The Basic Multilingual Plane is expanded into a flat 64 K table at load, because text
/// layout looks up every character of every form field; the few supplementary characters
/// (外字 such as 𩸽 live there) stay as ranges searched by bisection.
struct CharacterMap: Sendable {
    /// Glyph id for every BMP scalar; 0 means "not mapped".
    private let basic: [UInt16]
    /// Sorted, non-overlapping ranges above U+FFFF.
    private let supplementary: [Range]

    struct Range: Sendable {
        let first: UInt32
        let last: UInt32
        let firstGlyph: Int
    }

    init(_ cmap: FontTable, numberOfGlyphs: Int) throws {
        let subtableCount = Int(try cmap.uint16(2))
        try cmap.require(4, subtableCount * 8, "cmap encoding records")
        var best: (rank: Int, offset: Int, format: UInt16)?
        for index in 0..<subtableCount {
            let platform = cmap.uncheckedUInt16(4 + index * 8)
            let encoding = cmap.uncheckedUInt16(6 + index * 8)
            let offset = Int(cmap.uncheckedUInt32(8 + index * 8))
            let format = try cmap.uint16(offset)
            guard let rank = Self.rank(platform: platform, encoding: encoding, format: format) else { continue }
            if let current = best, current.rank <= rank { continue }
            best = (rank, offset, format)
        }
        guard let chosen = best else {
            throw TrueTypeFontError.invalid("'cmap' has no Unicode subtable of format 4 or 12")
        }
        var basic = [UInt16](repeating: 0, count: 0x1_0000)
        let subtable = try cmap.tail(from: chosen.offset)
        if chosen.format == 12 {
            supplementary = try Self.readFormat12(subtable, into: &basic, numberOfGlyphs: numberOfGlyphs)
        } else {
            try Self.readFormat4(subtable, into: &basic, numberOfGlyphs: numberOfGlyphs)
            supplementary = []
        }
        self.basic = basic
    }

    func glyph(for scalar: Unicode.Scalar) -> UInt16? {
        let value = scalar.value
        if value <= 0xFFFF {
            let glyph = basic[Int(value)]
            return glyph == 0 ? nil : glyph
        }
        var low = 0
        var high = supplementary.count
        while low < high {
            let middle = (low + high) / 2
            let range = supplementary[middle]
            if value < range.first { high = middle } else if value > range.last { low = middle + 1 } else {
                let glyph = range.firstGlyph + Int(value - range.first)
                return glyph == 0 ? nil : UInt16(glyph)
            }
        }
        return nil
    }

    /// Lower is better: full-repertoire Unicode first, then BMP-only Unicode.
    private static func rank(platform: UInt16, encoding: UInt16, format: UInt16) -> Int? {
        switch (platform, encoding, format) {
        case (3, 10, 12): 0
        case (0, 4, 12), (0, 6, 12): 1
        case (3, 1, 4): 2
        case (0, 0...3, 4): 3
        default: nil
        }
    }

    private static func readFormat4(_ table: FontTable, into basic: inout [UInt16], numberOfGlyphs: Int) throws {
        let segCountX2 = Int(try table.uint16(6))
        guard segCountX2 > 0, segCountX2 % 2 == 0 else {
            throw TrueTypeFontError.invalid("cmap format 4 segCountX2 \(segCountX2) is not a positive even number")
        }
        let segments = segCountX2 / 2
        let ends = 14, starts = 16 + segCountX2, deltas = 16 + 2 * segCountX2, rangeOffsets = 16 + 3 * segCountX2
        try table.require(0, rangeOffsets + segCountX2, "cmap format 4 segment arrays")
        var previousEnd = -1
        for segment in 0..<segments {
            let end = Int(table.uncheckedUInt16(ends + segment * 2))
            let start = Int(table.uncheckedUInt16(starts + segment * 2))
            let delta = table.uncheckedUInt16(deltas + segment * 2)
            let rangeOffset = Int(table.uncheckedUInt16(rangeOffsets + segment * 2))
            // Segments must ascend without overlap; this also bounds the work to 64 K entries.
            guard start <= end, start > previousEnd else {
                throw TrueTypeFontError.invalid("cmap format 4 segment \(segment) (\(start)...\(end)) overlaps or is out of order")
            }
            previousEnd = end
            for code in start...end {
                var glyph: UInt16
                if rangeOffset == 0 {
                    glyph = UInt16(truncatingIfNeeded: code) &+ delta
                } else {
                    // A glyph index outside the table maps to nothing rather than failing the font.
                    let address = rangeOffsets + segment * 2 + rangeOffset + (code - start) * 2
                    let raw = (try? table.uint16(address)) ?? 0
                    glyph = raw == 0 ? 0 : raw &+ delta
                }
                if Int(glyph) < numberOfGlyphs { basic[code] = glyph }
            }
        }
    }

    private static func readFormat12(_ table: FontTable, into basic: inout [UInt16], numberOfGlyphs: Int) throws -> [Range] {
        let groupCount = Int(try table.uint32(12))
        guard groupCount <= (table.length - 16) / 12 else {
            throw TrueTypeFontError.truncated("cmap format 12 claims \(groupCount) groups in \(table.length) bytes")
        }
        var supplementary: [Range] = []
        var previousLast = -1
        for group in 0..<groupCount {
            let first = Int(table.uncheckedUInt32(16 + group * 12))
            let last = Int(table.uncheckedUInt32(20 + group * 12))
            let firstGlyph = Int(table.uncheckedUInt32(24 + group * 12))
            guard first <= last, first > previousLast, last <= 0x10FFFF else {
                throw TrueTypeFontError.invalid("cmap format 12 group \(group) (\(first)...\(last)) overlaps, is out of order or beyond Unicode")
            }
            previousLast = last
            if first <= 0xFFFF {
                for code in first...min(last, 0xFFFF) {
                    let glyph = firstGlyph + (code - first)
                    if glyph < numberOfGlyphs { basic[code] = UInt16(glyph) }
                }
            }
            if last > 0xFFFF {
                let start = max(first, 0x1_0000)
                let startGlyph = firstGlyph + (start - first)
                // Keep only the part whose glyph ids exist, so lookups never leave the font.
                let usableLast = min(last, start + (numberOfGlyphs - 1 - startGlyph))
                if startGlyph < numberOfGlyphs, usableLast >= start {
                    supplementary.append(Range(first: UInt32(start), last: UInt32(usableLast), firstGlyph: startGlyph))
                }
            }
        }
        return supplementary
    }
}
