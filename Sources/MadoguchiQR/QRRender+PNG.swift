extension QRCode {
    /// The symbol as a 1-bit grayscale PNG, for `<img>` tags and receipt printers.
    ///
    /// Written by hand to keep the package dependency-free: the image data goes into a zlib stream of
    /// STORED (uncompressed) deflate blocks, which every PNG reader accepts. A QR code at 1 bit per
    /// pixel is small anyway (version 10 at 8 px/module is about 34 KB).
    /// - Parameters:
    ///   - moduleSize: pixels per module side, clamped to 1...40.
    ///   - quietZone: light border in modules, clamped to 0...16.
    public func png(moduleSize: Int = 8, quietZone: Int = 4) -> [UInt8] {
        let raster = Raster(code: self, moduleSize: moduleSize, quietZone: quietZone)
        let width = raster.width
        let rowBytes = (width + 7) / 8

        // Scanlines: filter byte 0 (None), then pixels packed MSB first, 1 = white, 0 = black.
        var scanlines: [UInt8] = []
        scanlines.reserveCapacity((rowBytes + 1) * width)
        for y in 0..<width {
            scanlines.append(0)
            var byte: UInt8 = 0
            for x in 0..<width {
                if !raster.isDark(x: x, y: y) { byte |= 0x80 >> UInt8(x % 8) }
                if x % 8 == 7 || x == width - 1 {
                    scanlines.append(byte)
                    byte = 0
                }
            }
        }

        var header: [UInt8] = []
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(width))
        header += [1, 0, 0, 0, 0]  // bit depth 1, grayscale, deflate, adaptive filtering, no interlace

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        PNGWriter.appendChunk("IHDR", header, to: &png)
        PNGWriter.appendChunk("IDAT", PNGWriter.zlibStored(scanlines), to: &png)
        PNGWriter.appendChunk("IEND", [], to: &png)
        return png
    }
}

/// PNG container and zlib framing without a compression library.
package enum PNGWriter {
    /// Largest payload of one stored deflate block (LEN is 16 bits).
    static let maxStoredBlock = 65_535

    /// A chunk: big-endian length, 4-letter type, data, CRC-32 of type + data.
    package static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        png.appendBigEndian(UInt32(data.count))
        var crc = CRC32()
        crc.update(typeBytes)
        crc.update(data)
        png += typeBytes
        png += data
        png.appendBigEndian(crc.value)
    }

    /// An 8-bit grayscale image as a PNG. `compress` makes the zlib stream of the scanlines (zlib's own, when the
    /// caller has it); without it, stored blocks: a valid PNG, only larger.
    package static func gray(width: Int, height: Int, pixels: [UInt8], compress: (([UInt8]) -> [UInt8]?)? = nil) -> [UInt8] {
        // Scanlines with the Up filter (2): a scan's rows resemble their neighbours, which zlib then finds cheap.
        var scanlines = [UInt8]()
        scanlines.reserveCapacity((width + 1) * height)
        for y in 0..<height {
            scanlines.append(y == 0 ? 0 : 2)
            let row = y * width
            if y == 0 {
                scanlines += pixels[row..<row + width]
            } else {
                for x in 0..<width { scanlines.append(pixels[row + x] &- pixels[row - width + x]) }
            }
        }
        var header: [UInt8] = []
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header += [8, 0, 0, 0, 0]  // bit depth 8, grayscale, deflate, adaptive filtering, no interlace
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", compress?(scanlines) ?? zlibStored(scanlines), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951 §3.2.4) ending in the Adler-32.
    package static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]  // deflate, 32 K window; FCHECK makes 0x7801 a multiple of 31
        out.reserveCapacity(data.count + data.count / maxStoredBlock * 5 + 16)
        var offset = 0
        repeat {
            let length = min(maxStoredBlock, data.count - offset)
            let isFinal = offset + length == data.count
            out.append(isFinal ? 0x01 : 0x00)  // BFINAL bit, BTYPE = 00 (stored)
            out.append(UInt8(length & 0xFF))
            out.append(UInt8(length >> 8))
            out.append(UInt8(~length & 0xFF))
            out.append(UInt8((~length >> 8) & 0xFF))
            out += data[offset..<offset + length]
            offset += length
        } while offset < data.count
        out.appendBigEndian(Adler32.checksum(data))
        return out
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(value >> 24))
        append(UInt8((value >> 16) & 0xFF))
        append(UInt8((value >> 8) & 0xFF))
        append(UInt8(value & 0xFF))
    }
}
