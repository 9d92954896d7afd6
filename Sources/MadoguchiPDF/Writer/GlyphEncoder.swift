/// Turns text into the codes a content stream shows, and afterwards writes the font
/// objects those codes need.
///
/// One encoder lives for one rendering, so it can collect the used characters across all
/// pages and write each font once, shared by every page. Fonts are numbered from 0, which
/// pages name /F1; an encoder with fallback fonts uses /F2 … for characters /F1 lacks.
protocol GlyphEncoder {
    /// The font that draws the start of `text`, to select at the text's `BT`.
    func firstFont(for text: String) -> Int
    /// Appends `<codes> Tj` for `text`, starting in the selected `font`; where a character
    /// needs another font, ends the string and selects that one (`/Fn size Tf`) first.
    mutating func appendShow(_ text: String, size: Double, font: Int, to stream: inout [UInt8])
    /// Which fonts have been used so far, by number: pages list them as resources.
    var usedFonts: [Bool] { get }
    /// Whether every font it writes is embedded (PDF/A needs it).
    var embedsFonts: Bool { get }
    /// Characters no font can draw, and how often they were asked for.
    var missingCharacters: [Unicode.Scalar: Int] { get }
    /// Writes font `index` as the Type0 font object `number`, reserving further objects as needed.
    func writeFont(_ index: Int, as number: Int, into writer: inout PDFObjectWriter)
}
