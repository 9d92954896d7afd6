/// Where each glyph's outline lies inside 'glyf', from 'loca'.
///
/// Validated once at load (non-decreasing, inside 'glyf'), so that every later slice of
/// glyph data — in subsetting above all — is known to be in bounds.
struct GlyphLocations: Sendable {
    /// `numberOfGlyphs + 1` byte offsets into 'glyf'; glyph `g` is `offsets[g]..<offsets[g + 1]`.
    let offsets: [UInt32]

    init(_ loca: FontTable, format: Int, numberOfGlyphs: Int, glyfLength: Int) throws {
        let count = numberOfGlyphs + 1
        var offsets = [UInt32](repeating: 0, count: count)
        if format == 0 {
            try loca.require(0, count * 2, "\(count) short offsets")
            for index in 0..<count { offsets[index] = UInt32(loca.uncheckedUInt16(index * 2)) * 2 }
        } else {
            try loca.require(0, count * 4, "\(count) long offsets")
            for index in 0..<count { offsets[index] = loca.uncheckedUInt32(index * 4) }
        }
        for index in 1..<count where offsets[index] < offsets[index - 1] {
            throw TrueTypeFontError.invalid("'loca' offset of glyph \(index) goes backwards")
        }
        guard Int(offsets[count - 1]) <= glyfLength else {
            throw TrueTypeFontError.invalid("'loca' points \(offsets[count - 1]) bytes into a \(glyfLength)-byte 'glyf'")
        }
        self.offsets = offsets
    }

    /// The byte range of `glyph` inside 'glyf'; empty for glyphs without outline (space).
    func range(of glyph: Int) -> Range<Int> {
        Int(offsets[glyph])..<Int(offsets[glyph + 1])
    }
}
