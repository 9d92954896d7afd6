/// A window onto one table of a font file, with big-endian reads that throw instead of trapping.
///
/// Every offset inside a font comes from the file itself, so every read is checked against
/// the table's own length; a bad offset becomes `TrueTypeFontError.truncated`.
struct FontTable: Sendable {
    let tag: String
    /// The whole font file; shared, not copied (arrays are copy-on-write).
    let file: [UInt8]
    /// Where the table starts in `file`.
    let offset: Int
    let length: Int

    init(tag: String, file: [UInt8], offset: Int, length: Int) {
        self.tag = tag
        self.file = file
        self.offset = offset
        self.length = length
    }

    /// The table's bytes, for copying into a subset unchanged.
    var bytes: ArraySlice<UInt8> { file[offset..<(offset + length)] }

    /// Throws unless `count` bytes starting at `at` lie inside the table.
    func require(_ at: Int, _ count: Int, _ what: @autoclosure () -> String = "") throws {
        guard at >= 0, count >= 0, at <= length, count <= length - at else {
            let detail = what()
            throw TrueTypeFontError.truncated(
                "'\(tag)' needs \(count) bytes at \(at) but is \(length) bytes long" + (detail.isEmpty ? "" : " (\(detail))"))
        }
    }

    func uint8(_ at: Int) throws -> UInt8 {
        try require(at, 1)
        return file[offset + at]
    }

    func uint16(_ at: Int) throws -> UInt16 {
        try require(at, 2)
        return uncheckedUInt16(at)
    }

    func int16(_ at: Int) throws -> Int16 {
        Int16(bitPattern: try uint16(at))
    }

    func uint32(_ at: Int) throws -> UInt32 {
        try require(at, 4)
        return uncheckedUInt32(at)
    }

    /// A read the caller has already bounds-checked with `require`, for tight loops over arrays.
    @inline(__always)
    func uncheckedUInt16(_ at: Int) -> UInt16 {
        let p = offset + at
        return UInt16(file[p]) << 8 | UInt16(file[p + 1])
    }

    @inline(__always)
    func uncheckedUInt32(_ at: Int) -> UInt32 {
        let p = offset + at
        return UInt32(file[p]) << 24 | UInt32(file[p + 1]) << 16 | UInt32(file[p + 2]) << 8 | UInt32(file[p + 3])
    }

    /// A sub-window from `at` to the end of this table (cmap subtables, for instance).
    func tail(from at: Int) throws -> FontTable {
        try require(at, 0)
        return FontTable(tag: tag, file: file, offset: offset + at, length: length - at)
    }
}
