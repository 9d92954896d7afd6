/// An 8-bit grayscale image, 0 black to 255 white, rows top to bottom: what a scanner gives for a form.
public struct GrayImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height, "pixels must be width × height")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public init(width: Int, height: Int, gray: UInt8 = 255) {
        self.init(width: width, height: height, pixels: [UInt8](repeating: gray, count: width * height))
    }

    public subscript(x: Int, y: Int) -> UInt8 {
        get { pixels[y * width + x] }
        set { pixels[y * width + x] = newValue }
    }

    /// The gray at a point between pixels (bilinear), white outside the image: what a scan shows at a place the
    /// page's geometry names in fractions of a pixel.
    public func sample(_ x: Double, _ y: Double) -> Double {
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
        let fx = x - Double(x0), fy = y - Double(y0)
        func at(_ px: Int, _ py: Int) -> Double {
            px < 0 || py < 0 || px >= width || py >= height ? 255 : Double(pixels[py * width + px])
        }
        let top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx
        let bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx
        return top * (1 - fy) + bottom * fy
    }

    /// The gray level that best separates ink from paper (Otsu's method over the histogram).
    public func inkThreshold() -> UInt8 {
        var histogram = [Int](repeating: 0, count: 256)
        for pixel in pixels { histogram[Int(pixel)] += 1 }
        let total = Double(pixels.count)
        let sum = histogram.enumerated().reduce(0.0) { $0 + Double($1.offset * $1.element) }
        var sumBelow = 0.0, weightBelow = 0.0, best = 0.0, threshold = 128
        for level in 0..<256 {
            weightBelow += Double(histogram[level])
            guard weightBelow > 0 else { continue }
            let weightAbove = total - weightBelow
            guard weightAbove > 0 else { break }
            sumBelow += Double(level * histogram[level])
            let meanBelow = sumBelow / weightBelow, meanAbove = (sum - sumBelow) / weightAbove
            let between = weightBelow * weightAbove * (meanBelow - meanAbove) * (meanBelow - meanAbove)
            if between > best { best = between; threshold = level }
        }
        return UInt8(threshold)
    }
}

/// Netpbm graymaps (P5, 8 bit): what `pdftoppm -gray` writes, and the simplest image to hand between tools.
public enum PGM {
    public struct Unreadable: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public static func read(_ bytes: [UInt8]) throws(Unreadable) -> GrayImage {
        var index = 0
        func token() -> String? {
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "#") {
                    while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                } else if [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t")].contains(bytes[index]) {
                    index += 1
                } else {
                    break
                }
            }
            let start = index
            while index < bytes.count, ![UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t")].contains(bytes[index]) {
                index += 1
            }
            return start < index ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
        }
        guard token() == "P5", let width = token().flatMap(Int.init), let height = token().flatMap(Int.init),
              let maximum = token().flatMap(Int.init) else { throw Unreadable(description: "not a binary PGM (P5) image") }
        guard (1...30_000).contains(width), (1...30_000).contains(height), maximum == 255 else {
            throw Unreadable(description: "a PGM image of \(width)×\(height) with maximum \(maximum) is not an 8-bit page scan")
        }
        index += 1  // the single whitespace after the header
        guard bytes.count - index >= width * height else { throw Unreadable(description: "the PGM image is cut short") }
        return GrayImage(width: width, height: height, pixels: Array(bytes[index..<(index + width * height)]))
    }

    public static func write(_ image: GrayImage) -> [UInt8] {
        Array("P5\n\(image.width) \(image.height)\n255\n".utf8) + image.pixels
    }
}
