/// Why a font file cannot be used.
///
/// A counter machine may be pointed at any file through `MADOGUCHI_FONT`, so a wrong or
/// damaged file must end in one of these errors — naming the table and the problem — rather
/// than a trap that takes the print service down.
public enum TrueTypeFontError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file is a font, but not one this writer can embed (CFF outlines, a collection).
    case unsupportedFormat(String)
    /// A table every TrueType font needs is absent.
    case missingTable(String)
    /// A structure runs past the end of the file or of its table.
    case truncated(String)
    /// A field holds a value no valid font has.
    case invalid(String)
    /// The file could not be read at all.
    case unreadableFile(String)

    public var description: String {
        switch self {
        case .unsupportedFormat(let what): "unsupported font format: \(what)"
        case .missingTable(let tag): "font has no '\(tag)' table"
        case .truncated(let what): "font data is truncated: \(what)"
        case .invalid(let what): "font data is invalid: \(what)"
        case .unreadableFile(let path): "cannot read font file \(path)"
        }
    }
}
