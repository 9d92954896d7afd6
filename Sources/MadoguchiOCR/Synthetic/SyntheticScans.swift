import Foundation
import MadoguchiCore
import MadoguchiPDF

/// Filled paper forms as a scanner gives them back, for the tests and `madoguchi paper bench`: the project's own blank layout with values written in a
/// font, rasterized by poppler (`pdftoppm`, the real renderer) at a scanner's resolution, then damaged the way
/// paper and scanners damage pages — turned, skewed in perspective, blurred, speckled. The damage is applied here
/// with a known transform, so a test knows where every printed point truly landed.
public enum SyntheticScans {
    public static let pdftoppm = ScanFile.pdftoppm

    /// The page as printed: PDF rendered with IPAex Gothic (or `font`).
    public static func pdf(_ form: PaperForm, values: [String: String], job: String = "TEST2345", font: TrueTypeFont? = nil) throws -> [UInt8] {
        var document = PDFDocument(title: form.name.ja, creationDate: Date(timeIntervalSince1970: 0))
        document.append(try PaperSheet.page(form, label: .init(form: form.id, version: form.version, job: job), values: values))
        guard let chosen = font ?? TrueTypeFont.findIPAexGothic() else { throw CocoaError(.fileNoSuchFile) }
        return document.render(font: .embedded(chosen))
    }

    /// The page rasterized in gray at `dpi`, as the paper door renders a scanned PDF.
    public static func raster(_ pdf: [UInt8], dpi: Int) throws -> GrayImage {
        let pages = try ScanFile.rendered(pdf, dpi: dpi)
        guard let first = pages.first else { throw ScanFile.Unreadable.damaged(.pdf) }
        return first
    }

    /// What happened to a page between the printer and the scan.
    public struct Damage: Sendable, CustomStringConvertible {
        public var degrees = 0.0
        /// The top edge narrower than the bottom by this share (a sheet not flat on the glass, a phone photo).
        public var keystone = 0.0
        public var blur = false
        /// Share of pixels flipped to a random gray (dust, toner).
        public var noise = 0.0
        public var seed: UInt64 = 1

        public init(degrees: Double = 0, keystone: Double = 0, blur: Bool = false, noise: Double = 0, seed: UInt64 = 1) {
            self.degrees = degrees
            self.keystone = keystone
            self.blur = blur
            self.noise = noise
            self.seed = seed
        }

        public var description: String { "\(degrees)° keystone \(keystone) blur \(blur) noise \(noise)" }
    }

    /// The damaged scan, and where a point of the printed page (mm) truly is in it (pixels): a perspective (the
    /// top edge narrower by `keystone`) and a turn about the page's centre, both exact projections.
    public static func damage(_ image: GrayImage, dpi: Int, _ damage: Damage) -> (GrayImage, (Double, Double) -> (x: Double, y: Double)) {
        let scale = Double(dpi) / 25.4
        let w = Double(image.width), h = Double(image.height), cx = w / 2, cy = h / 2
        let angle = damage.degrees * .pi / 180
        let squeeze = damage.keystone * w / 2
        func turned(_ p: (x: Double, y: Double)) -> (x: Double, y: Double) {
            let (dx, dy) = (p.x - cx, p.y - cy)
            return (cx + dx * cos(angle) - dy * sin(angle), cy + dx * sin(angle) + dy * cos(angle))
        }
        let corners = [(0.0, 0.0), (w, 0), (0, h), (w, h)].map { (x: $0.0, y: $0.1) }
        let moved = [(squeeze, 0.0), (w - squeeze, 0), (0, h), (w, h)].map { turned((x: $0.0, y: $0.1)) }
        let forward = Homography(from: corners, to: moved)!, backward = Homography(from: moved, to: corners)!
        var out = GrayImage(width: image.width, height: image.height)
        for y in 0..<image.height {
            for x in 0..<image.width {
                let source = backward.apply(Double(x) + 0.5, Double(y) + 0.5)
                out[x, y] = UInt8(max(0, min(255, image.sample(source.x - 0.5, source.y - 0.5).rounded())))
            }
        }
        if damage.blur { out = blurred(out) }
        if damage.noise > 0 {
            var random = SeededRandom(seed: damage.seed)
            let count = Int(Double(out.pixels.count) * damage.noise)
            for _ in 0..<count { out.pixels[Int(random.next() % UInt64(out.pixels.count))] = UInt8(random.next() % 256) }
        }
        return (out, { forward.apply($0 * scale, $1 * scale) })
    }

    /// The scan as a JPEG file at `quality` and back, as the door decodes it: the blocks and ringing of a lossy
    /// scanner or a phone. Nil without Leptonica.
    public static func jpegged(_ image: GrayImage, quality: Int) -> (image: GrayImage, file: [UInt8])? {
        guard let file = Leptonica.jpeg(image, quality: quality), let page = Leptonica.pages(file, tiff: false)?.first else { return nil }
        return (page, file)
    }

    /// A 3×3 box blur: a scanner slightly out of focus.
    static func blurred(_ image: GrayImage) -> GrayImage {
        var out = image
        for y in 1..<(image.height - 1) {
            for x in 1..<(image.width - 1) {
                var sum = 0
                for dy in -1...1 { for dx in -1...1 { sum += Int(image[x + dx, y + dy]) } }
                out[x, y] = UInt8(sum / 9)
            }
        }
        return out
    }
}

/// SplitMix64: the same damage and the same values on every run.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
