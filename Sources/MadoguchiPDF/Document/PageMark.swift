/// One drawing operation recorded on a page, in the page's top-left coordinates.
///
/// Pages record marks instead of writing PDF operators at once because the font's codes
/// (and which glyphs to embed) are only known when the document is rendered with a font.
enum PageMark: Sendable {
    case text(String, x: Double, y: Double, size: Double)
    case line(x1: Double, y1: Double, x2: Double, y2: Double, width: Double)
    case rect(x: Double, y: Double, width: Double, height: Double, lineWidth: Double, fill: Double?)
    /// Coordinates flattened as x0, y0, x1, y1, …
    case polyline([Double], width: Double)
}
