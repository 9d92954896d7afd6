import Foundation
import Testing
@testable import MadoguchiQR

@Suite("Renderers")
struct RenderTests {
    /// The reference URL at level M: version 3, 29 modules.
    let code: QRCode

    init() throws {
        code = try QRCode(text: Payloads.reference)
        #expect(code.size == 29)
    }

    @Test("checksums: CRC-32 and Adler-32 known vectors")
    func checksums() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
        #expect(CRC32.checksum(Array("IEND".utf8)) == 0xAE42_6082)  // every PNG ends with this CRC
        #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(Adler32.checksum([]) == 1)
        // Long input crosses the 5552-byte reduction step: compare with the one-byte-at-a-time definition.
        let long = (0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) | 0x80 }
        #expect(Adler32.checksum(long) == Self.slowAdler(long))
    }

    @Test("PGM: P5 header, one byte per pixel, quiet zone light, modules scaled")
    func pgm() {
        let image = code.pgm(moduleSize: 3, quietZone: 2)
        let width = (code.size + 4) * 3
        let header = Array("P5\n\(width) \(width)\n255\n".utf8)
        #expect(Array(image.prefix(header.count)) == header)
        #expect(image.count == header.count + width * width)
        for y in 0..<width {
            for x in 0..<width {
                let dark = code[x / 3 - 2, y / 3 - 2]
                if image[header.count + y * width + x] != (dark ? 0 : 255) {
                    Issue.record("pixel (\(x), \(y))")
                    return
                }
            }
        }
        // Nonsense sizes are clamped (1...40 px, 0...16 modules) instead of crashing or exhausting memory.
        #expect(code.pgm(moduleSize: 0, quietZone: -3).count == Array("P5\n29 29\n255\n".utf8).count + 29 * 29)
        let huge = code.pgm(moduleSize: .max, quietZone: .max)
        #expect(huge.starts(with: Array("P5\n2440 2440\n255\n".utf8)))  // (29 + 2 × 16) × 40
        let png = code.png(moduleSize: .max, quietZone: .min)
        #expect(Self.be32(png, 16) == 29 * 40)  // IHDR width
        #expect(code.svg(moduleSize: -5, quietZone: 100).contains("width=\"61\" height=\"61\" viewBox=\"0 0 61 61\""))
    }

    @Test("SVG: crisp edges, escaped title, path covering exactly the dark modules")
    func svg() throws {
        let svg = code.svg(title: "受付番号 <K7QM-3TXA> & \"QR\"", moduleSize: 8, quietZone: 4)
        let extent = code.size + 8
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(extent * 8)\" height=\"\(extent * 8)\""))
        #expect(svg.contains("viewBox=\"0 0 \(extent) \(extent)\""))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.contains("<title>受付番号 &lt;K7QM-3TXA&gt; &amp; &quot;QR&quot;</title>"))
        #expect(svg.hasSuffix("</svg>"))
        #expect(svg.components(separatedBy: "<path").count == 2)

        // Replay the path: "M{x} {y}h{n}v1h-{n}z" per horizontal run of dark modules.
        let d = try #require(svg.components(separatedBy: " d=\"").last?.components(separatedBy: "\"").first)
        var painted = Set<Int>()
        let scanner = Scanner(string: d)
        while !scanner.isAtEnd {
            guard scanner.scanString("M") != nil, let x = scanner.scanInt(), let y = scanner.scanInt(),
                  scanner.scanString("h") != nil, let run = scanner.scanInt(),
                  scanner.scanString("v1h-") != nil, scanner.scanInt() == run, scanner.scanString("z") != nil
            else {
                Issue.record("unexpected path syntax near \(scanner.currentIndex)")
                return
            }
            for dx in 0..<run { painted.insert((y - 4) * code.size + (x - 4 + dx)) }
        }
        let dark = Set((0..<(code.size * code.size)).filter { code[$0 % code.size, $0 / code.size] })
        #expect(painted == dark)
    }

    @Test("PNG: signature, chunk CRCs, IHDR, stored zlib blocks with Adler-32, pixels",
          arguments: [(8, 4), (1, 0), (40, 4)])
    func pngStructure(moduleSize: Int, quietZone: Int) throws {
        let png = code.png(moduleSize: moduleSize, quietZone: quietZone)
        let width = (code.size + 2 * quietZone) * moduleSize
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])

        var chunks: [(type: String, data: [UInt8])] = []
        var offset = 8
        while offset + 12 <= png.count {
            let length = Int(Self.be32(png, offset))
            let typeAndData = Array(png[(offset + 4)..<(offset + 8 + length)])
            #expect(Self.be32(png, offset + 8 + length) == Self.bitwiseCRC(typeAndData), "CRC of chunk at \(offset)")
            chunks.append((String(decoding: typeAndData.prefix(4), as: UTF8.self), Array(typeAndData.dropFirst(4))))
            offset += 12 + length
        }
        #expect(offset == png.count)
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        let ihdr = chunks[0].data
        #expect(Self.be32(ihdr, 0) == UInt32(width) && Self.be32(ihdr, 4) == UInt32(width))
        #expect(Array(ihdr[8...]) == [1, 0, 0, 0, 0])

        // zlib header, stored blocks of at most 65,535 bytes, Adler-32 of the inflated bytes.
        let zlib = chunks[1].data
        #expect((Int(zlib[0]) << 8 | Int(zlib[1])) % 31 == 0 && zlib[0] & 0x0F == 8)
        var inflated: [UInt8] = []
        var position = 2
        var sawFinal = false
        var blocks = 0
        while !sawFinal {
            let header = zlib[position]
            #expect(header & 0b110 == 0, "BTYPE must be stored")
            sawFinal = header & 1 == 1
            let len = Int(zlib[position + 1]) | Int(zlib[position + 2]) << 8
            let nlen = Int(zlib[position + 3]) | Int(zlib[position + 4]) << 8
            #expect(len ^ nlen == 0xFFFF)
            #expect(len <= 65_535)
            inflated += zlib[(position + 5)..<(position + 5 + len)]
            position += 5 + len
            blocks += 1
        }
        #expect(Self.be32(zlib, position) == Self.slowAdler(inflated))
        #expect(position + 4 == zlib.count)

        let rowBytes = (width + 7) / 8
        #expect(inflated.count == (rowBytes + 1) * width)
        #expect(blocks == max(1, (inflated.count + 65_534) / 65_535))
        for y in 0..<width {
            #expect(inflated[y * (rowBytes + 1)] == 0, "filter byte")
            for x in 0..<width {
                let byte = inflated[y * (rowBytes + 1) + 1 + x / 8]
                let white = (byte >> UInt8(7 - x % 8)) & 1 == 1
                let dark = code[x / moduleSize - quietZone, y / moduleSize - quietZone]
                if white == dark { Issue.record("pixel (\(x), \(y))"); return }
            }
        }
    }

    @Test("PNG passes Python's zlib: every chunk CRC and the inflated stream",
          .enabled(if: ExternalTools.hasPython, "python3 not installed"), arguments: [8, 40])
    func pngWithPythonZlib(moduleSize: Int) throws {
        let png = code.png(moduleSize: moduleSize, quietZone: 4)
        let script = """
            import sys, struct, zlib
            data = open(sys.argv[1], 'rb').read()
            assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
            pos, idat, types = 8, b'', []
            while pos < len(data):
                (length,) = struct.unpack('>I', data[pos:pos+4])
                kind, body = data[pos+4:pos+8], data[pos+8:pos+8+length]
                (crc,) = struct.unpack('>I', data[pos+8+length:pos+12+length])
                assert zlib.crc32(kind + body) == crc, kind
                types.append(kind.decode())
                if kind == b'IDAT': idat += body
                if kind == b'IHDR': width, height, depth, color = struct.unpack('>IIBB', body[:10])
                pos += 12 + length
            raw = zlib.decompress(idat)
            assert len(raw) == height * (1 + (width * depth + 7) // 8), len(raw)
            print(','.join(types), width, height, depth, color)
            """
        let output = try ExternalTools.withTemporaryFile(png, suffix: "png") { path in
            try ExternalTools.run(ExternalTools.python3, ["-c", script, path])
        }
        #expect(output.status == 0)
        let width = (code.size + 8) * moduleSize
        #expect(output.text == "IHDR,IDAT,IEND \(width) \(width) 1 0\n")
    }

    // Independent reference implementations, deliberately naive.

    static func bitwiseCRC(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (crc & 1 == 1 ? 0xEDB8_8320 : 0) }
        }
        return ~crc
    }

    static func slowAdler(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    static func be32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }
}
