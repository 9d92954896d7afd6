/// A page size in points (1/72 inch).
public struct PDFPageSize: Sendable, Hashable {
    public let width: Double
    public let height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// ISO A4, 210 × 297 mm: every municipal form Madoguchi prints.
    public static let a4 = PDFPageSize(width: 595.28, height: 841.89)
}
