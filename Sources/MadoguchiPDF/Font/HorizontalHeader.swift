/// The fields of the 'hhea' table that embedding needs.
struct HorizontalHeader: Sendable {
    let ascender: Int
    let descender: Int
    /// How many glyphs have their own advance in 'hmtx'; the rest repeat the last one.
    let numberOfHMetrics: Int

    init(_ hhea: FontTable) throws {
        try hhea.require(0, 36, "hhea is 36 bytes")
        ascender = Int(try hhea.int16(4))
        descender = Int(try hhea.int16(6))
        numberOfHMetrics = Int(try hhea.uint16(34))
        guard numberOfHMetrics >= 1 else {
            throw TrueTypeFontError.invalid("'hhea' numberOfHMetrics is 0")
        }
    }
}
