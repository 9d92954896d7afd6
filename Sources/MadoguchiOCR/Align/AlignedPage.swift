import MadoguchiCore

/// A scan aligned to the printed page: any place given in millimetres of the form is found in the scan, however
/// the sheet lay on the scanner.
public struct AlignedPage: Sendable {
    public let image: GrayImage
    let toScan: Homography
    /// Ink is darker than this (Otsu's threshold of the whole scan).
    public let inkThreshold: UInt8

    /// Aligns by the four corner marks; fails naming the corners without one.
    public static func align(_ image: GrayImage) -> Result<AlignedPage, CornerMarks.Missing> {
        // Otsu's level over the whole scan, capped so that a page with little ink still calls only dark ink ink.
        let threshold = min(image.inkThreshold(), 160)
        switch CornerMarks.find(in: image, threshold: threshold) {
        case .failure(let missing): return .failure(missing)
        case .success(let centres):
            let printed = PaperGeometry.markCentres
            guard let homography = Homography(from: printed, to: centres) else { return .failure(CornerMarks.Missing(corners: [0, 1, 2, 3])) }
            return .success(AlignedPage(image: image, toScan: homography, inkThreshold: threshold))
        }
    }

    /// Where a point of the page (mm) is in the scan (pixels).
    public func scanPoint(_ x: Double, _ y: Double) -> (x: Double, y: Double) { toScan.apply(x, y) }

    /// The part of the page in a rectangle (mm), upright, at `pixelsPerMM` (12 ≈ 300 dpi).
    public func crop(x: Double, y: Double, width: Double, height: Double, pixelsPerMM: Double = 12) -> GrayImage {
        let columns = max(1, Int((width * pixelsPerMM).rounded())), rows = max(1, Int((height * pixelsPerMM).rounded()))
        var pixels = [UInt8](repeating: 255, count: columns * rows)
        for row in 0..<rows {
            for column in 0..<columns {
                let point = toScan.apply(x + (Double(column) + 0.5) / pixelsPerMM, y + (Double(row) + 0.5) / pixelsPerMM)
                pixels[row * columns + column] = UInt8(max(0, min(255, image.sample(point.x - 0.5, point.y - 0.5).rounded())))
            }
        }
        return GrayImage(width: columns, height: rows, pixels: pixels)
    }

    /// The share of ink inside a box (mm), `inset` mm in from its printed border so that the border is not counted.
    public func inkRatio(x: Double, y: Double, width: Double, height: Double, inset: Double) -> Double {
        let inner = crop(x: x + inset, y: y + inset, width: max(0.5, width - 2 * inset), height: max(0.5, height - 2 * inset), pixelsPerMM: 8)
        let threshold = inkThreshold
        return Double(inner.pixels.count { $0 < threshold }) / Double(inner.pixels.count)
    }
}

extension AlignedPage {
    /// Pixels per millimetre of what a person is shown: the whole page (≈127 dpi) and a zone's cut-out (≈203 dpi).
    public static let pageScale = 5.0, cutoutScale = 8.0

    /// The whole page upright, as a person checking it sees it.
    public func upright() -> GrayImage {
        crop(x: 0, y: 0, width: PaperGeometry.pageWidth, height: PaperGeometry.pageHeight, pixelsPerMM: Self.pageScale)
    }

    /// A zone with its label and a little of the paper around it, upright: what a person checks its value against.
    public func cutout(_ zone: PaperZone) -> GrayImage {
        let extent = PaperGeometry.extent(zone)
        return crop(x: extent.x - 1.5, y: extent.y - 0.5, width: extent.width + 3, height: extent.height + 2, pixelsPerMM: Self.cutoutScale)
    }

    /// The form's label in its QR code (top right of the printed page), cut out upright at 10 px/mm: read where it
    /// must be, it is found on a turned or speckled scan where a search of the whole page might not.
    public func label() -> PaperSheet.Label? {
        let margin = 3.0
        let image = crop(x: PaperGeometry.qrX - margin, y: PaperGeometry.qrY - margin,
                         width: PaperGeometry.qrSide + 2 * margin, height: PaperGeometry.qrSide + 2 * margin, pixelsPerMM: 10)
        return Zbar.codes(in: image)?.lazy.compactMap(PaperSheet.Label.init).first
    }
}
