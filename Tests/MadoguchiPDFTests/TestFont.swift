/// A tiny TrueType font built byte by byte in the test, independent of the library's own
/// writer, so parser and subsetter are checked against a font whose every glyph is known.
///
/// Glyphs: 0 .notdef (box), 1 'A' (triangle), 2 'B' (square), 3 'C' composite of 1 and 2,
/// 4 space (no outline), 5 'D' (diamond), 6 'E' composite of 3 and 5 (nested composite).
/// 'a' maps to glyph 1 too, like a compatibility ideograph sharing its twin's outline.
/// The format 12 variant also maps U+20BB7 𠮷 to glyph 2.
enum TestFont {
    static let glyphCount = 7
    static let advances: [UInt16] = [500, 600, 700, 800, 800, 800, 800] // glyphs 4–6 repeat the last long metric
    static let unitsPerEm = 1000

    enum CharacterMapKind { case format4, format12 }

    static func make(characterMap: CharacterMapKind = .format4) -> [UInt8] {
        let glyphs = [simple([(0, 0), (0, 700), (500, 700), (500, 0)]), simple([(0, 0), (300, 700), (600, 0)]),
                      simple([(50, 0), (50, 650), (650, 650), (650, 0)]), composite([(1, 0, 0, false), (2, 100, 0, true)]),
                      [], simple([(400, 0), (0, 400), (400, 800), (800, 400)]), composite([(3, 0, 0, false), (5, 50, 50, false)])]
        var glyf: [UInt8] = []
        var loca: [UInt8] = []
        for glyph in glyphs {
            loca.be16(UInt16(glyf.count / 2))
            glyf += glyph
            while glyf.count % 4 != 0 { glyf.append(0) }
        }
        loca.be16(UInt16(glyf.count / 2))

        var head = [UInt8](repeating: 0, count: 54)
        head.set32(0x0001_0000, at: 0)
        head.set32(0x5F0F_3CF5, at: 12)
        head.set16(UInt16(unitsPerEm), at: 18)
        head.set16(UInt16(bitPattern: -50), at: 36)
        head.set16(UInt16(bitPattern: -200), at: 38)
        head.set16(900, at: 40)
        head.set16(850, at: 42)
        head.set16(0, at: 50) // short loca

        var hhea = [UInt8](repeating: 0, count: 36)
        hhea.set32(0x0001_0000, at: 0)
        hhea.set16(800, at: 4)
        hhea.set16(UInt16(bitPattern: -200), at: 6)
        hhea.set16(4, at: 34) // numberOfHMetrics

        var maxp = [UInt8](repeating: 0, count: 32)
        maxp.set32(0x0001_0000, at: 0)
        maxp.set16(UInt16(glyphCount), at: 4)

        var hmtx: [UInt8] = []
        for glyph in 0..<4 { hmtx.be16(advances[glyph]); hmtx.be16(10) }
        for _ in 4..<glyphCount { hmtx.be16(20) }

        var os2 = [UInt8](repeating: 0, count: 96)
        os2.set16(3, at: 0)
        os2.set16(780, at: 68)
        os2.set16(UInt16(bitPattern: -220), at: 70)
        os2.set16(700, at: 88)

        var post = [UInt8](repeating: 0, count: 32)
        post.set32(0x0003_0000, at: 0)

        let tables: [(String, [UInt8])] = [
            ("head", head), ("hhea", hhea), ("maxp", maxp), ("hmtx", hmtx), ("loca", loca), ("glyf", glyf),
            ("cmap", characterMap == .format4 ? cmap4() : cmap12()), ("OS/2", os2), ("name", name()), ("post", post),
        ]
        return sfnt(tables)
    }

    /// Offsets of each table as `make()` lays them out, to aim corruptions precisely.
    static func tableRecords(in font: [UInt8]) -> [String: (record: Int, offset: Int, length: Int)] {
        let count = Int(font.read16(4))
        var records: [String: (Int, Int, Int)] = [:]
        for index in 0..<count {
            let record = 12 + index * 16
            let tag = String(decoding: font[record..<(record + 4)], as: UTF8.self)
            records[tag] = (record, Int(font.read32(record + 8)), Int(font.read32(record + 12)))
        }
        return records
    }

    // MARK: - Tables

    /// One contour of on-curve points, coordinates as 16-bit deltas.
    private static func simple(_ points: [(Int, Int)]) -> [UInt8] {
        var data: [UInt8] = []
        data.be16(1)
        for value in [points.map(\.0).min()!, points.map(\.1).min()!, points.map(\.0).max()!, points.map(\.1).max()!] {
            data.be16(UInt16(bitPattern: Int16(value)))
        }
        data.be16(UInt16(points.count - 1)) // endPtsOfContours
        data.be16(0)                         // no instructions
        data += [UInt8](repeating: 0x01, count: points.count)
        var previous = 0
        for point in points { data.be16(UInt16(bitPattern: Int16(point.0 - previous))); previous = point.0 }
        previous = 0
        for point in points { data.be16(UInt16(bitPattern: Int16(point.1 - previous))); previous = point.1 }
        return data
    }

    /// Components (glyph, dx, dy, with a scale field); word arguments, XY values.
    private static func composite(_ components: [(UInt16, Int, Int, Bool)]) -> [UInt8] {
        var data: [UInt8] = []
        data.be16(UInt16(bitPattern: -1))
        for value in [0, 0, 900, 850] { data.be16(UInt16(value)) }
        for (index, component) in components.enumerated() {
            var flags: UInt16 = 0x0001 | 0x0002
            if index < components.count - 1 { flags |= 0x0020 }
            if component.3 { flags |= 0x0008 }
            data.be16(flags)
            data.be16(component.0)
            data.be16(UInt16(bitPattern: Int16(component.1)))
            data.be16(UInt16(bitPattern: Int16(component.2)))
            if component.3 { data.be16(0x4000) } // scale 1.0 in F2Dot14
        }
        return data
    }

    /// Format 4: space by delta, A–C and D–E by delta, a–b through the glyph id array.
    private static func cmap4() -> [UInt8] {
        // (start, end, delta, glyphs through idRangeOffset)
        let segments: [(UInt16, UInt16, Int, [UInt16])] = [
            (0x20, 0x20, 4 - 0x20, []), (0x41, 0x43, 1 - 0x41, []), (0x44, 0x45, 5 - 0x44, []),
            (0x61, 0x62, 0, [1, 2]), (0xFFFF, 0xFFFF, 1, []),
        ]
        let segCount = segments.count
        var sub: [UInt8] = []
        sub.be16(4); sub.be16(0); sub.be16(0)
        sub.be16(UInt16(segCount * 2)); sub.be16(8); sub.be16(2); sub.be16(UInt16(segCount * 2 - 8))
        for segment in segments { sub.be16(segment.1) }
        sub.be16(0)
        for segment in segments { sub.be16(segment.0) }
        for segment in segments { sub.be16(UInt16(truncatingIfNeeded: segment.2)) }
        var glyphArray: [UInt16] = []
        for (index, segment) in segments.enumerated() {
            if segment.3.isEmpty { sub.be16(0); continue }
            // Bytes from this idRangeOffset entry to its first glyph id in the array.
            sub.be16(UInt16((segCount - index) * 2 + glyphArray.count * 2))
            glyphArray += segment.3
        }
        for glyph in glyphArray { sub.be16(glyph) }
        sub.set16(UInt16(sub.count), at: 2)
        var cmap: [UInt8] = []
        cmap.be16(0); cmap.be16(1); cmap.be16(3); cmap.be16(1); cmap.be32(12)
        return cmap + sub
    }

    private static func cmap12() -> [UInt8] {
        let groups: [(UInt32, UInt32, UInt32)] = [(0x20, 0x20, 4), (0x41, 0x43, 1), (0x44, 0x45, 5), (0x61, 0x61, 1),
                                                 (0x62, 0x62, 2), (0x20BB7, 0x20BB7, 2)]
        var sub: [UInt8] = []
        sub.be16(12); sub.be16(0); sub.be32(UInt32(16 + groups.count * 12)); sub.be32(0); sub.be32(UInt32(groups.count))
        for group in groups { sub.be32(group.0); sub.be32(group.1); sub.be32(group.2) }
        var cmap: [UInt8] = []
        cmap.be16(0); cmap.be16(1); cmap.be16(3); cmap.be16(10); cmap.be32(12)
        return cmap + sub
    }

    /// A name table with only the PostScript name, in UTF-16BE, with a space to be dropped.
    private static func name() -> [UInt8] {
        let text = Array("Test-Sans Bold".utf16)
        var table: [UInt8] = []
        table.be16(0); table.be16(1); table.be16(18)
        table.be16(3); table.be16(1); table.be16(0x409); table.be16(6); table.be16(UInt16(text.count * 2)); table.be16(0)
        for unit in text { table.be16(unit) }
        return table
    }

    private static func sfnt(_ tables: [(String, [UInt8])]) -> [UInt8] {
        let sorted = tables.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        var font: [UInt8] = []
        font.be32(0x0001_0000); font.be16(UInt16(sorted.count)); font.be16(128); font.be16(3); font.be16(UInt16(sorted.count * 16 - 128))
        var offset = 12 + sorted.count * 16
        for (tag, data) in sorted {
            font += Array(tag.utf8)
            font.be32(SfntChecksum.of(data))
            font.be32(UInt32(offset))
            font.be32(UInt32(data.count))
            offset += (data.count + 3) / 4 * 4
        }
        for (_, data) in sorted {
            font += data
            while font.count % 4 != 0 { font.append(0) }
        }
        return font
    }
}

/// The sfnt checksum, written again here so tests do not trust the library's version.
enum SfntChecksum {
    static func of(_ bytes: some Collection<UInt8>) -> UInt32 {
        var sum: UInt32 = 0
        var word: UInt32 = 0
        var count = 0
        for byte in bytes {
            word = word << 8 | UInt32(byte)
            count += 1
            if count == 4 { sum &+= word; word = 0; count = 0 }
        }
        if count > 0 { sum &+= word << (8 * UInt32(4 - count)) }
        return sum
    }
}

extension Array where Element == UInt8 {
    mutating func be16(_ value: UInt16) { append(UInt8(value >> 8)); append(UInt8(value & 0xFF)) }
    mutating func be32(_ value: UInt32) { be16(UInt16(value >> 16)); be16(UInt16(value & 0xFFFF)) }
    mutating func set16(_ value: UInt16, at offset: Int) { self[offset] = UInt8(value >> 8); self[offset + 1] = UInt8(value & 0xFF) }
    mutating func set32(_ value: UInt32, at offset: Int) { set16(UInt16(value >> 16), at: offset); set16(UInt16(value & 0xFFFF), at: offset + 2) }
    func read16(_ offset: Int) -> UInt16 { UInt16(self[offset]) << 8 | UInt16(self[offset + 1]) }
    func read32(_ offset: Int) -> UInt32 { UInt32(read16(offset)) << 16 | UInt32(read16(offset + 2)) }
}
