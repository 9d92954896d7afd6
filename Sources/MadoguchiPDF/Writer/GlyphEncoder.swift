/// Turns text into the codes a content stream shows, and afterwards writes the font
/// objects those codes need.
///
/// One encoder lives for one rendering, so it can collect the used characters across all
/// pages and write one font shared by every page.
protocol GlyphEncoder {
    /// Appends the hex digits (without `<` `>`) of the codes that draw `text`.
    mutating func appendCodes(for text: String, to stream: inout [UInt8])
    /// Characters the font cannot draw, and how often they were asked for.
    var missingCharacters: [Unicode.Scalar: Int] { get }
    /// Writes the Type0 font as object `number`, reserving further objects as needed.
    func writeFont(as number: Int, into writer: inout PDFObjectWriter)
}
