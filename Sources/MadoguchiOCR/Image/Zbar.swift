import Foundation

/// QR codes read by ZBar (`libzbar.so.0`, Debian's `libzbar0`), loaded at run time: the form's label on a scan.
public enum Zbar {
    struct API: @unchecked Sendable {
        let scannerCreate: @convention(c) () -> OpaquePointer?
        let scannerDestroy: @convention(c) (OpaquePointer?) -> Void
        let scannerSetConfig: @convention(c) (OpaquePointer?, Int32, Int32, Int32) -> Int32
        let imageCreate: @convention(c) () -> OpaquePointer?
        let imageDestroy: @convention(c) (OpaquePointer?) -> Void
        let imageSetFormat: @convention(c) (OpaquePointer?, UInt) -> Void
        let imageSetSize: @convention(c) (OpaquePointer?, UInt32, UInt32) -> Void
        let imageSetData: @convention(c) (OpaquePointer?, UnsafeRawPointer?, UInt, OpaquePointer?) -> Void
        let scanImage: @convention(c) (OpaquePointer?, OpaquePointer?) -> Int32
        let firstSymbol: @convention(c) (OpaquePointer?) -> OpaquePointer?
        let nextSymbol: @convention(c) (OpaquePointer?) -> OpaquePointer?
        let symbolData: @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    }

    static let api: API? = {
        guard let library = DynamicLibrary(["libzbar.so.0", "libzbar.so"]) else { return nil }
        func symbol<T>(_ name: String, _ type: T.Type) -> T? { library.symbol(name, as: type) }
        guard let scannerCreate = symbol("zbar_image_scanner_create", (@convention(c) () -> OpaquePointer?).self),
              let scannerDestroy = symbol("zbar_image_scanner_destroy", (@convention(c) (OpaquePointer?) -> Void).self),
              let scannerSetConfig = symbol("zbar_image_scanner_set_config", (@convention(c) (OpaquePointer?, Int32, Int32, Int32) -> Int32).self),
              let imageCreate = symbol("zbar_image_create", (@convention(c) () -> OpaquePointer?).self),
              let imageDestroy = symbol("zbar_image_destroy", (@convention(c) (OpaquePointer?) -> Void).self),
              let imageSetFormat = symbol("zbar_image_set_format", (@convention(c) (OpaquePointer?, UInt) -> Void).self),
              let imageSetSize = symbol("zbar_image_set_size", (@convention(c) (OpaquePointer?, UInt32, UInt32) -> Void).self),
              let imageSetData = symbol("zbar_image_set_data", (@convention(c) (OpaquePointer?, UnsafeRawPointer?, UInt, OpaquePointer?) -> Void).self),
              let scanImage = symbol("zbar_scan_image", (@convention(c) (OpaquePointer?, OpaquePointer?) -> Int32).self),
              let firstSymbol = symbol("zbar_image_first_symbol", (@convention(c) (OpaquePointer?) -> OpaquePointer?).self),
              let nextSymbol = symbol("zbar_symbol_next", (@convention(c) (OpaquePointer?) -> OpaquePointer?).self),
              let symbolData = symbol("zbar_symbol_get_data", (@convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?).self)
        else { return nil }
        return API(scannerCreate: scannerCreate, scannerDestroy: scannerDestroy, scannerSetConfig: scannerSetConfig, imageCreate: imageCreate,
                   imageDestroy: imageDestroy, imageSetFormat: imageSetFormat, imageSetSize: imageSetSize, imageSetData: imageSetData,
                   scanImage: scanImage, firstSymbol: firstSymbol, nextSymbol: nextSymbol, symbolData: symbolData)
    }()

    public static var isInstalled: Bool { api != nil }

    /// The text of every QR code (and other symbol) in the image; nil when ZBar is not installed.
    public static func codes(in image: GrayImage) -> [String]? {
        guard let api, let scanner = api.scannerCreate() else { return nil }
        defer { api.scannerDestroy(scanner) }
        _ = api.scannerSetConfig(scanner, 0, 0, 1)  // every symbology, ZBAR_CFG_ENABLE
        guard let zimage = api.imageCreate() else { return nil }
        defer { api.imageDestroy(zimage) }
        let y800: UInt = 0x3030_3859  // fourcc("Y800"): 8-bit gray
        api.imageSetFormat(zimage, y800)
        api.imageSetSize(zimage, UInt32(image.width), UInt32(image.height))
        return image.pixels.withUnsafeBytes { bytes -> [String] in
            api.imageSetData(zimage, bytes.baseAddress, UInt(bytes.count), nil)
            guard api.scanImage(scanner, zimage) > 0 else { return [] }
            var found: [String] = []
            var symbol = api.firstSymbol(zimage)
            while let current = symbol {
                if let data = api.symbolData(current) { found.append(String(cString: data)) }
                symbol = api.nextSymbol(current)
            }
            return found
        }
    }
}
