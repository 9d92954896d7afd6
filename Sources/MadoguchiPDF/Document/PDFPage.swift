/// One page of a form, drawn with a TOP-LEFT origin in points, like the paper forms'
/// own specifications (and like the screen layouts they are copied from).
///
/// Text `y` is the baseline. Nothing is encoded until `PDFDocument.render(font:)`.
public struct PDFPage: Sendable {
    public let size: PDFPageSize
    private(set) var marks: [PageMark] = []

    public init(size: PDFPageSize = .a4) {
        self.size = size
    }

    /// Draws `string` exactly as given — no Unicode normalization, so a name written with a
    /// CJK compatibility ideograph stays that ideograph — with its baseline at `y`.
    public mutating func text(_ string: String, x: Double, y: Double, size: Double) {
        marks.append(.text(string, x: x, y: y, size: size))
    }

    public mutating func line(from start: (Double, Double), to end: (Double, Double), width: Double = 0.5) {
        marks.append(.line(x1: start.0, y1: start.1, x2: end.0, y2: end.1, width: width))
    }

    /// A box whose top-left corner is (`x`, `y`). `lineWidth` 0 draws no border; `fill` is a
    /// gray level from 0 (black) to 1 (white), for the shaded label cells of a form.
    public mutating func rect(x: Double, y: Double, width: Double, height: Double,
                              lineWidth: Double = 0.5, fill gray: Double? = nil) {
        marks.append(.rect(x: x, y: y, width: width, height: height, lineWidth: lineWidth, fill: gray))
    }

    /// A stroked open path with round joins: signatures captured on the counter tablet are
    /// drawn as vectors, so they print sharp at any size.
    public mutating func polyline(_ points: [(Double, Double)], width: Double = 1) {
        var coordinates: [Double] = []
        coordinates.reserveCapacity(points.count * 2)
        for point in points {
            coordinates.append(point.0)
            coordinates.append(point.1)
        }
        marks.append(.polyline(coordinates, width: width))
    }

    var hasText: Bool {
        marks.contains { if case .text(let string, _, _, _) = $0 { !string.isEmpty } else { false } }
    }
}
