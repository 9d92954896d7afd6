/// The sfnt table directory: which tables the file has and where they are.
///
/// Only glyf-based TrueType is accepted, because a CIDFontType2 with `/FontFile2` must be
/// TrueType outlines; CFF fonts and collections are rejected here with a clear message.
struct TableDirectory: Sendable {
    private let tables: [String: FontTable]

    init(file: [UInt8]) throws {
        let whole = FontTable(tag: "offset table", file: file, offset: 0, length: file.count)
        let version = try whole.uint32(0)
        switch version {
        case 0x0001_0000, 0x7472_7565: // 1.0 and 'true'
            break
        case 0x4F54_544F: // 'OTTO'
            throw TrueTypeFontError.unsupportedFormat("OpenType font with CFF outlines; only glyf-based TrueType can be embedded")
        case 0x7474_6366: // 'ttcf'
            throw TrueTypeFontError.unsupportedFormat("font collection (.ttc); extract one font first")
        default:
            throw TrueTypeFontError.invalid("not a TrueType font (sfnt version 0x\(String(version, radix: 16)))")
        }
        let count = Int(try whole.uint16(4))
        guard count > 0 else { throw TrueTypeFontError.invalid("the table directory is empty") }
        try whole.require(12, count * 16, "table directory")
        var tables: [String: FontTable] = [:]
        for index in 0..<count {
            let record = 12 + index * 16
            let tagBytes = file[record..<(record + 4)]
            guard tagBytes.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }) else {
                throw TrueTypeFontError.invalid("table record \(index) has a non-ASCII tag")
            }
            let tag = String(decoding: tagBytes, as: UTF8.self)
            let offset = Int(whole.uncheckedUInt32(record + 8))
            let length = Int(whole.uncheckedUInt32(record + 12))
            guard offset <= file.count, length <= file.count - offset else {
                throw TrueTypeFontError.truncated("table '\(tag)' (offset \(offset), length \(length)) ends past the end of the \(file.count)-byte file")
            }
            tables[tag] = FontTable(tag: tag, file: file, offset: offset, length: length)
        }
        self.tables = tables
    }

    func table(_ tag: String) throws -> FontTable {
        guard let table = tables[tag] else {
            if tag == "glyf", tables["CFF "] != nil || tables["CFF2"] != nil {
                throw TrueTypeFontError.unsupportedFormat("OpenType font with CFF outlines; only glyf-based TrueType can be embedded")
            }
            throw TrueTypeFontError.missingTable(tag)
        }
        return table
    }

    func optionalTable(_ tag: String) -> FontTable? { tables[tag] }
}
