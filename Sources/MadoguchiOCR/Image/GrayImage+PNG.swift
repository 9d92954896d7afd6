import MadoguchiQR

extension GrayImage {
    /// The image as an 8-bit gray PNG, for a page on screen and a cut-out beside its value: compressed by the
    /// system's zlib (`libz.so.1`, loaded at run time), or stored uncompressed where there is none.
    public func png() -> [UInt8] {
        PNGWriter.gray(width: width, height: height, pixels: pixels, compress: Zlib.compress)
    }

    /// A copy at `scale` of the size (0 < scale ≤ 1), each pixel the mean of the ones it covers: a page kept for a
    /// person to look at needs far fewer pixels than one read by a machine.
    public func scaled(by scale: Double) -> GrayImage {
        guard scale < 1, scale > 0 else { return self }
        let columns = max(1, Int(Double(width) * scale)), rows = max(1, Int(Double(height) * scale))
        var out = [UInt8](repeating: 255, count: columns * rows)
        for row in 0..<rows {
            let top = row * height / rows, bottom = max(top + 1, (row + 1) * height / rows)
            for column in 0..<columns {
                let left = column * width / columns, right = max(left + 1, (column + 1) * width / columns)
                var sum = 0
                for y in top..<bottom { for x in left..<right { sum += Int(pixels[y * width + x]) } }
                out[row * columns + column] = UInt8(sum / ((bottom - top) * (right - left)))
            }
        }
        return GrayImage(width: columns, height: rows, pixels: out)
    }
}

/// zlib's `compress2`, found at run time (every Linux has `libz.so.1`; the build needs only Swift).
enum Zlib {
    private typealias Compress2 = @convention(c) (UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<UInt>?, UnsafePointer<UInt8>?, UInt, Int32) -> Int32
    private typealias Bound = @convention(c) (UInt) -> UInt

    private struct API: @unchecked Sendable {
        let compress2: Compress2
        let bound: Bound
    }

    private static let api: API? = {
        guard let library = DynamicLibrary(["libz.so.1", "libz.so", "libz.dylib"]),
              let compress2 = library.symbol("compress2", as: Compress2.self),
              let bound = library.symbol("compressBound", as: Bound.self) else { return nil }
        return API(compress2: compress2, bound: bound)
    }()

    /// A zlib stream of `data` at level 6, or nil without zlib.
    static func compress(_ data: [UInt8]) -> [UInt8]? {
        guard let api else { return nil }
        var size = api.bound(UInt(data.count))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { target in
            data.withUnsafeBufferPointer { api.compress2(target.baseAddress, &size, $0.baseAddress, UInt($0.count), 6) }
        }
        guard status == 0 else { return nil }
        return Array(out.prefix(Int(size)))
    }
}
