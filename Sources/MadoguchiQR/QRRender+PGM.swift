extension QRCode {
    /// The symbol as a binary PGM (P5) image, 8-bit grayscale, 0 = dark, 255 = light.
    ///
    /// The simplest raster format there is: the tests feed it to a real decoder (zbarimg) without
    /// trusting any of our own compression code.
    /// - Parameters:
    ///   - moduleSize: pixels per module side, clamped to 1...40.
    ///   - quietZone: light border in modules, clamped to 0...16.
    public func pgm(moduleSize: Int = 8, quietZone: Int = 4) -> [UInt8] {
        let raster = Raster(code: self, moduleSize: moduleSize, quietZone: quietZone)
        var bytes = Array("P5\n\(raster.width) \(raster.width)\n255\n".utf8)
        bytes.reserveCapacity(bytes.count + raster.width * raster.width)
        for y in 0..<raster.width {
            for x in 0..<raster.width {
                bytes.append(raster.isDark(x: x, y: y) ? 0 : 255)
            }
        }
        return bytes
    }

    /// Pixel view of a symbol: scaling and quiet zone, shared by the raster renderers.
    struct Raster {
        let code: QRCode
        let scale: Int
        let border: Int
        /// Image width and height in pixels.
        let width: Int

        /// Allowed pixels per module. The upper bound keeps a request parameter such as `?size=99999`
        /// from allocating gigabytes or overflowing: version 10 at 40 px with a 16-module border is
        /// 3,560 px square.
        static let moduleSizes = 1...40
        /// Allowed quiet-zone widths in modules (the standard asks for 4).
        static let quietZones = 0...16

        static func clampedModuleSize(_ value: Int) -> Int { min(max(value, moduleSizes.lowerBound), moduleSizes.upperBound) }
        static func clampedQuietZone(_ value: Int) -> Int { min(max(value, quietZones.lowerBound), quietZones.upperBound) }

        init(code: QRCode, moduleSize: Int, quietZone: Int) {
            self.code = code
            self.scale = Self.clampedModuleSize(moduleSize)
            self.border = Self.clampedQuietZone(quietZone)
            self.width = (code.size + 2 * border) * scale
        }

        func isDark(x: Int, y: Int) -> Bool {
            code[x / scale - border, y / scale - border]
        }
    }
}
