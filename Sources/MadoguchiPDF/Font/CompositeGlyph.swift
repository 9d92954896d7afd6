/// Reads the component glyph ids of a composite glyph.
///
/// A subset must keep every component or the composite draws nothing, so the subsetter asks
/// this for each kept glyph. Malformed data ends the list early instead of failing: the
/// font was validated at load, and a half-kept composite is better than no document.
enum CompositeGlyph {
    private static let argumentsAreWords: UInt16 = 0x0001
    private static let hasScale: UInt16 = 0x0008
    private static let moreComponents: UInt16 = 0x0020
    private static let hasXYScale: UInt16 = 0x0040
    private static let hasTwoByTwo: UInt16 = 0x0080

    /// The components of the glyph stored in `glyf[range]`; empty for simple or empty glyphs.
    static func components(in glyf: FontTable, range: Range<Int>) -> [UInt16] {
        guard range.count >= 10, let contours = try? glyf.int16(range.lowerBound), contours < 0 else { return [] }
        var components: [UInt16] = []
        var at = range.lowerBound + 10
        // A composite cannot have more components than it has 4-byte records.
        for _ in 0..<(range.count / 4) {
            guard at + 4 <= range.upperBound,
                  let flags = try? glyf.uint16(at), let component = try? glyf.uint16(at + 2) else { break }
            components.append(component)
            at += 4
            at += flags & argumentsAreWords != 0 ? 4 : 2
            if flags & hasScale != 0 { at += 2 } else if flags & hasXYScale != 0 { at += 4 } else if flags & hasTwoByTwo != 0 { at += 8 }
            if flags & moreComponents == 0 { break }
        }
        return components
    }
}
