/// Builds the font program a PDF embeds as `/FontFile2`: every glyph id stays where it was
/// (so the PDF can say `/CIDToGIDMap /Identity` and codes are glyph ids), but only the
/// outlines of the used glyphs, their composite components and .notdef are kept.
///
/// IPAex Gothic is 6 MB; ten filled forms use a few hundred glyphs, and their subset is about
/// 140 KB, half of it the full-length 'loca' and 'hmtx' that keeping every id requires.
///
/// `copies` appends extra glyphs after the font's last one, each a copy of an existing glyph.
/// The PDF writer uses them so that two different characters drawn with the same glyph —
/// a CJK compatibility ideograph and its unified twin, or two 外字 both drawn as .notdef —
/// still get different codes, and so extract as the characters that were really written.
struct FontSubsetter {
    let font: TrueTypeFont

    func subset(keeping glyphs: some Sequence<UInt16>, copies requestedCopies: [UInt16] = []) -> [UInt8] {
        let glyphCount = font.numberOfGlyphs
        let copies = requestedCopies.prefix(max(0, 0xFFFF - glyphCount))
        let keep = keptGlyphs(glyphs, copies: copies)
        let total = glyphCount + copies.count
        func source(_ glyph: Int) -> Int {
            guard glyph >= glyphCount else { return glyph }
            let original = Int(copies[copies.startIndex + glyph - glyphCount])
            return original < glyphCount ? original : 0
        }

        // 'glyf' and the offsets for 'loca'.
        var glyf: [UInt8] = []
        glyf.reserveCapacity(keep.byteCount + copies.count * 64)
        var offsets: [Int] = []
        offsets.reserveCapacity(total + 1)
        let file = font.glyfTable.file
        let base = font.glyfTable.offset
        for glyph in 0..<total {
            offsets.append(glyf.count)
            if glyph >= glyphCount || keep.flags[glyph] {
                let range = font.locations.range(of: source(glyph))
                if !range.isEmpty {
                    glyf.append(contentsOf: file[(base + range.lowerBound)..<(base + range.upperBound)])
                    glyf.padToFourBytes()
                }
            }
        }
        offsets.append(glyf.count)

        // Short offsets halve 'loca' when the kept outlines fit in 128 KB (they usually do).
        let shortLoca = glyf.count <= 0x1FFFE
        var loca: [UInt8] = []
        loca.reserveCapacity((total + 1) * (shortLoca ? 2 : 4))
        for offset in offsets {
            if shortLoca { loca.appendUInt16(UInt16(offset / 2)) } else { loca.appendUInt32(UInt32(offset)) }
        }

        var hmtx: [UInt8] = []
        hmtx.reserveCapacity(total * 4)
        for glyph in 0..<total {
            let original = source(glyph)
            hmtx.appendUInt16(font.metrics.advances[original])
            hmtx.appendUInt16(UInt16(bitPattern: font.metrics.leftSideBearings[original]))
        }

        var head = Array(font.headTable.bytes)
        head.setUInt32(0, at: 8)
        head.setUInt16(shortLoca ? 0 : 1, at: 50)
        var hhea = Array(font.hheaTable.bytes)
        hhea.setUInt16(UInt16(total), at: 34)
        var maxp = Array(font.maxpTable.bytes)
        maxp.setUInt16(UInt16(total), at: 4)

        var tables: [FontFileAssembler.Table] = [
            .init(tag: "head", data: head), .init(tag: "hhea", data: hhea), .init(tag: "maxp", data: maxp),
            .init(tag: "hmtx", data: hmtx), .init(tag: "loca", data: loca), .init(tag: "glyf", data: glyf),
            .init(tag: "cmap", data: Self.emptyCharacterMap), .init(tag: "post", data: postTable()),
        ]
        // Hinting programs are kept whole: the glyph programs may call any function in them.
        for tag in ["cvt ", "fpgm", "prep"] {
            if let table = font.hintingTables[tag] { tables.append(.init(tag: tag, data: Array(table.bytes))) }
        }
        return FontFileAssembler.assemble(tables)
    }

    /// The requested glyphs, .notdef, copy sources and all composite components, transitively.
    private func keptGlyphs(_ glyphs: some Sequence<UInt16>, copies: ArraySlice<UInt16>) -> (flags: [Bool], byteCount: Int) {
        let glyphCount = font.numberOfGlyphs
        var flags = [Bool](repeating: false, count: glyphCount)
        var pending: [Int] = []
        var byteCount = 0
        func mark(_ glyph: Int) {
            guard glyph < glyphCount, !flags[glyph] else { return }
            flags[glyph] = true
            pending.append(glyph)
        }
        mark(0)
        for glyph in glyphs { mark(Int(glyph)) }
        for glyph in copies { mark(Int(glyph)) }
        while let glyph = pending.popLast() {
            let range = font.locations.range(of: glyph)
            byteCount += range.count + 3
            for component in CompositeGlyph.components(in: font.glyfTable, range: range) { mark(Int(component)) }
        }
        return (flags, byteCount)
    }

    /// A 'post' table of version 3 (no glyph names): names are not needed in a PDF and the
    /// version-2 name table of a CJK font is larger than the whole subset's outlines.
    private func postTable() -> [UInt8] {
        var post = [UInt8](repeating: 0, count: 32)
        if let original = font.postTable, original.length >= 32 {
            post = Array(original.bytes.prefix(32))
        }
        post.setUInt32(0x0003_0000, at: 0)
        return post
    }

    /// A Unicode 'cmap' that maps nothing: the PDF's codes are glyph ids and text comes from
    /// `/ToUnicode`, but a TrueType file without 'cmap' is rejected by strict parsers.
    static let emptyCharacterMap: [UInt8] = {
        var cmap: [UInt8] = []
        cmap.appendUInt16(0)          // version
        cmap.appendUInt16(1)          // one encoding record
        cmap.appendUInt16(3)          // Windows
        cmap.appendUInt16(1)          // Unicode BMP
        cmap.appendUInt32(12)         // subtable offset
        cmap.appendUInt16(4)          // format 4
        cmap.appendUInt16(24)         // length
        cmap.appendUInt16(0)          // language
        cmap.appendUInt16(2)          // segCountX2: the mandatory final segment only
        cmap.appendUInt16(2)          // searchRange
        cmap.appendUInt16(0)          // entrySelector
        cmap.appendUInt16(0)          // rangeShift
        cmap.appendUInt16(0xFFFF)     // endCode
        cmap.appendUInt16(0)          // reservedPad
        cmap.appendUInt16(0xFFFF)     // startCode
        cmap.appendUInt16(1)          // idDelta: 0xFFFF + 1 = glyph 0
        cmap.appendUInt16(0)          // idRangeOffset
        return cmap
    }()
}
