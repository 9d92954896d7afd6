/// The fields of the 'head' table that embedding needs.
struct FontHeader: Sendable {
    let unitsPerEm: Int
    let boundingBox: FontBoundingBox
    /// 0: 'loca' holds 16-bit offsets divided by two; 1: 32-bit offsets.
    let indexToLocFormat: Int

    init(_ head: FontTable) throws {
        try head.require(0, 54, "head is 54 bytes")
        guard try head.uint32(12) == 0x5F0F_3CF5 else {
            throw TrueTypeFontError.invalid("'head' has the wrong magic number")
        }
        let unitsPerEm = Int(try head.uint16(18))
        // The spec allows 16...16384; anything else makes every width meaningless.
        guard (16...16384).contains(unitsPerEm) else {
            throw TrueTypeFontError.invalid("unitsPerEm \(unitsPerEm) is outside 16...16384")
        }
        self.unitsPerEm = unitsPerEm
        boundingBox = FontBoundingBox(
            xMin: Int(try head.int16(36)), yMin: Int(try head.int16(38)),
            xMax: Int(try head.int16(40)), yMax: Int(try head.int16(42)))
        let format = Int(try head.int16(50))
        guard format == 0 || format == 1 else {
            throw TrueTypeFontError.invalid("indexToLocFormat \(format) is neither 0 nor 1")
        }
        indexToLocFormat = format
    }
}

/// A box in font units, for the PDF `/FontBBox`.
public struct FontBoundingBox: Sendable, Hashable {
    public let xMin: Int
    public let yMin: Int
    public let xMax: Int
    public let yMax: Int
}
