import Foundation

/// Image files decoded by Leptonica (`liblept.so.5`, installed with Tesseract), loaded at run time: PNG, JPEG and
/// TIFF (every page of a multi-page TIFF), as scanners write them, in any bit depth, made 8-bit gray.
enum Leptonica {
    struct API: @unchecked Sendable {
        let readMem: @convention(c) (UnsafePointer<UInt8>?, Int) -> OpaquePointer?
        let readMultipageTiff: @convention(c) (UnsafePointer<UInt8>?, Int) -> OpaquePointer?
        let pixaCount: @convention(c) (OpaquePointer?) -> Int32
        let pixaGet: @convention(c) (OpaquePointer?, Int32, Int32) -> OpaquePointer?
        let pixaDestroy: @convention(c) (UnsafeMutablePointer<OpaquePointer?>?) -> Void
        let convertTo8: @convention(c) (OpaquePointer?, Int32) -> OpaquePointer?
        let width: @convention(c) (OpaquePointer?) -> Int32
        let height: @convention(c) (OpaquePointer?) -> Int32
        let wpl: @convention(c) (OpaquePointer?) -> Int32
        let data: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<UInt32>?
        let destroy: @convention(c) (UnsafeMutablePointer<OpaquePointer?>?) -> Void
    }

    static let api: API? = {
        guard let library = DynamicLibrary(["liblept.so.5", "libleptonica.so.6", "liblept.so"]) else { return nil }
        func symbol<T>(_ name: String, _ type: T.Type) -> T? { library.symbol(name, as: type) }
        guard let readMem = symbol("pixReadMem", (@convention(c) (UnsafePointer<UInt8>?, Int) -> OpaquePointer?).self),
              let readMultipageTiff = symbol("pixaReadMemMultipageTiff", (@convention(c) (UnsafePointer<UInt8>?, Int) -> OpaquePointer?).self),
              let pixaCount = symbol("pixaGetCount", (@convention(c) (OpaquePointer?) -> Int32).self),
              let pixaGet = symbol("pixaGetPix", (@convention(c) (OpaquePointer?, Int32, Int32) -> OpaquePointer?).self),
              let pixaDestroy = symbol("pixaDestroy", (@convention(c) (UnsafeMutablePointer<OpaquePointer?>?) -> Void).self),
              let convertTo8 = symbol("pixConvertTo8", (@convention(c) (OpaquePointer?, Int32) -> OpaquePointer?).self),
              let width = symbol("pixGetWidth", (@convention(c) (OpaquePointer?) -> Int32).self),
              let height = symbol("pixGetHeight", (@convention(c) (OpaquePointer?) -> Int32).self),
              let wpl = symbol("pixGetWpl", (@convention(c) (OpaquePointer?) -> Int32).self),
              let data = symbol("pixGetData", (@convention(c) (OpaquePointer?) -> UnsafeMutablePointer<UInt32>?).self),
              let destroy = symbol("pixDestroy", (@convention(c) (UnsafeMutablePointer<OpaquePointer?>?) -> Void).self)
        else { return nil }
        return API(readMem: readMem, readMultipageTiff: readMultipageTiff, pixaCount: pixaCount, pixaGet: pixaGet, pixaDestroy: pixaDestroy,
                   convertTo8: convertTo8, width: width, height: height, wpl: wpl, data: data, destroy: destroy)
    }()

    private struct Writer: @unchecked Sendable {
        let create: @convention(c) (Int32, Int32, Int32) -> OpaquePointer?
        let writeJpeg: @convention(c) (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?, UnsafeMutablePointer<Int>?, OpaquePointer?, Int32, Int32) -> Int32
        let free: @convention(c) (UnsafeMutableRawPointer?) -> Void
    }

    private static let writer: Writer? = {
        guard let library = DynamicLibrary(["liblept.so.5", "libleptonica.so.6", "liblept.so"]),
              let create = library.symbol("pixCreate", as: (@convention(c) (Int32, Int32, Int32) -> OpaquePointer?).self),
              let writeJpeg = library.symbol("pixWriteMemJpeg", as: (@convention(c) (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?, UnsafeMutablePointer<Int>?, OpaquePointer?, Int32, Int32) -> Int32).self),
              let free = library.symbol("lept_free", as: (@convention(c) (UnsafeMutableRawPointer?) -> Void).self) else { return nil }
        return Writer(create: create, writeJpeg: writeJpeg, free: free)
    }()

    /// The image as a JPEG file at `quality` (a scanner's or a phone's lossy compression); nil without Leptonica.
    static func jpeg(_ image: GrayImage, quality: Int) -> [UInt8]? {
        guard let api, let writer else { return nil }
        var pix = writer.create(Int32(image.width), Int32(image.height), 8)
        guard pix != nil, let data = api.data(pix) else { return nil }
        defer { api.destroy(&pix) }
        // A row is 32-bit words with the bytes in the machine's order (see `gray`).
        let wordsPerLine = Int(api.wpl(pix)), flip = 1.littleEndian == 1 ? 3 : 0
        let bytes = UnsafeMutableRawPointer(data).assumingMemoryBound(to: UInt8.self)
        for y in 0..<image.height {
            let row = y * wordsPerLine * 4
            for x in 0..<image.width { bytes[row + (x ^ flip)] = image.pixels[y * image.width + x] }
        }
        var out: UnsafeMutablePointer<UInt8>?
        var size = 0
        guard writer.writeJpeg(&out, &size, pix, Int32(quality), 0) == 0, let out else { return nil }
        defer { writer.free(out) }
        return Array(UnsafeBufferPointer(start: out, count: size))
    }

    /// The pages of an image file; nil when Leptonica is not installed, empty when it cannot read the file.
    static func pages(_ bytes: [UInt8], tiff: Bool) -> [GrayImage]? {
        guard let api else { return nil }
        if tiff {
            var pixa = bytes.withUnsafeBufferPointer { api.readMultipageTiff($0.baseAddress, $0.count) }
            guard pixa != nil else { return [] }
            defer { api.pixaDestroy(&pixa) }
            return (0..<api.pixaCount(pixa)).compactMap { index in
                var pix = api.pixaGet(pixa, index, 2)  // L_CLONE
                defer { api.destroy(&pix) }
                return gray(pix, api)
            }
        }
        var pix = bytes.withUnsafeBufferPointer { api.readMem($0.baseAddress, $0.count) }
        guard pix != nil else { return [] }
        defer { api.destroy(&pix) }
        return gray(pix, api).map { [$0] } ?? []
    }

    /// An 8-bit copy of a Pix: Leptonica keeps a row in 32-bit words, their bytes in the machine's order, so a
    /// byte's place in its word is flipped on a little-endian machine (its GET_DATA_BYTE).
    private static func gray(_ pix: OpaquePointer?, _ api: API) -> GrayImage? {
        var eight = api.convertTo8(pix, 0)
        guard eight != nil else { return nil }
        defer { api.destroy(&eight) }
        let width = Int(api.width(eight)), height = Int(api.height(eight)), wordsPerLine = Int(api.wpl(eight))
        guard width > 0, height > 0, let data = api.data(eight) else { return nil }
        var pixels = [UInt8](repeating: 255, count: width * height)
        let bytes = UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self)
        let flip = 1.littleEndian == 1 ? 3 : 0
        for y in 0..<height {
            let row = y * wordsPerLine * 4
            for x in 0..<width { pixels[y * width + x] = bytes[row + (x ^ flip)] }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }
}
