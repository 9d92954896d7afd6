import Foundation
import Testing
@testable import MadoguchiQR

/// Printable payloads of exact byte lengths, so each lands in a known version.
enum Payloads {
    static let reference = "https://madoguchi.example.jp/c/K7QM-3TXA"

    /// ASCII: the reference URL cut or extended with a query to exactly `length` bytes.
    static func ascii(_ length: Int) -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var text = reference + "?r="
        var i = 0
        while text.utf8.count < length {
            text.append(alphabet[(i * 7 + 3) % alphabet.count])
            i += 1
        }
        return String(decoding: text.utf8.prefix(length), as: UTF8.self)
    }

    /// UTF-8 Japanese (3 bytes per kana/kanji) topped up with ASCII digits to exactly `length` bytes.
    static func japanese(_ length: Int) -> String {
        let phrase = Array("窓口受付番号をお見せください市役所住民課")
        var text = ""
        var i = 0
        while text.utf8.count + 3 <= length {
            text.append(phrase[i % phrase.count])
            i += 1
        }
        while text.utf8.count < length { text.append("7") }
        return text
    }

    /// The lengths from the brief plus 170, which is the only one that lands in version 9 at level M.
    static let asciiLengths = [1, 10, 14, 20, 26, 40, 60, 80, 106, 122, 150, 170, 200]
}

@Suite("Round trip through zbarimg", .serialized, .enabled(if: ExternalTools.hasZbar, "zbarimg not installed (apt-get install zbar-tools)"))
struct ZbarRoundTripTests {
    @Test("ASCII URLs at level M decode to the same text", arguments: Payloads.asciiLengths)
    func asciiLevelM(length: Int) throws {
        let text = Payloads.ascii(length)
        #expect(text.utf8.count == length)
        let code = try QRCode(text: text)
        #expect(try ExternalTools.zbarDecode(code.pgm(moduleSize: 4), suffix: "pgm") == text,
                "version \(code.version) mask \(code.mask)")
    }

    /// Compared as bytes (`-Sbinary`): without an ECI header zbar guesses the character set, and it
    /// reads some UTF-8 Japanese (e.g. "窓口") as Shift_JIS. The symbol carries the exact UTF-8 bytes.
    @Test("UTF-8 Japanese text decodes to the same bytes", arguments: [3, 6, 30, 99, 150, 201])
    func japanese(length: Int) throws {
        let text = Payloads.japanese(length)
        #expect(text.utf8.count == length)
        let code = try QRCode(text: text)
        #expect(try ExternalTools.zbarDecodeBytes(code.pgm(moduleSize: 4), suffix: "pgm") == Array(text.utf8),
                "version \(code.version) mask \(code.mask)")
    }

    @Test("levels L, Q and H decode, from the smallest to the fullest version 10",
          arguments: [(QRCode.ErrorCorrection.low, 1), (.low, 271), (.quartile, 11), (.quartile, 151),
                      (.high, 7), (.high, 60), (.high, 119), (.medium, 213)])
    func otherLevels(level: QRCode.ErrorCorrection, length: Int) throws {
        let text = Payloads.ascii(length)
        let code = try QRCode(text: text, level: level)
        #expect(try ExternalTools.zbarDecode(code.pgm(moduleSize: 4), suffix: "pgm") == text,
                "\(level) version \(code.version) mask \(code.mask)")
    }

    @Test("every mask decodes, in small and large versions",
          arguments: 0..<8, [1, 4, 7, 10])
    func everyMask(mask: Int, version: Int) throws {
        let text = Payloads.ascii(14)
        let code = try QRCode(bytes: Array(text.utf8), level: .medium, forcedMask: mask, minimumVersion: version)
        #expect(code.mask == mask)
        #expect(code.version == version)
        #expect(try ExternalTools.zbarDecode(code.pgm(moduleSize: 4), suffix: "pgm") == text)
    }

    @Test("empty input decodes to an empty payload")
    func empty() throws {
        let code = try QRCode(bytes: [])
        #expect(code.version == 1)
        #expect(try ExternalTools.zbarDecode(code.pgm(), suffix: "pgm") == "")
    }

    /// zbar needs about 2 px per module for version 3 and up; 1 px works for version 1.
    @Test("the PNG decodes too, from 1 px per module to several stored deflate blocks",
          arguments: [(14, 1), (40, 8), (200, 2), (213, 24)])
    func png(length: Int, moduleSize: Int) throws {
        let text = Payloads.ascii(length)
        let code = try QRCode(text: text)
        #expect(try ExternalTools.zbarDecode(code.png(moduleSize: moduleSize), suffix: "png") == text)
    }

    @Test("a damaged symbol is still read: error correction really works")
    func damaged() throws {
        let text = Payloads.ascii(60)
        let code = try QRCode(text: text, level: .high)
        var image = code.pgm(moduleSize: 4, quietZone: 4)
        // Paint the bottom-right 4×4 data modules light (clear of the alignment pattern and the finders).
        let width = (code.size + 8) * 4
        let header = image.count - width * width
        for y in (code.size - 4 + 4) * 4..<(code.size + 4) * 4 {
            for x in (code.size - 4 + 4) * 4..<(code.size + 4) * 4 { image[header + y * width + x] = 255 }
        }
        #expect(image != code.pgm(moduleSize: 4, quietZone: 4))
        #expect(try ExternalTools.zbarDecode(image, suffix: "pgm") == text)
    }
}

@Suite("Round-trip coverage")
struct CoverageTests {
    @Test("the level-M round-trip inputs exercise versions 1 through 10")
    func versionsCovered() throws {
        let versions = try Payloads.asciiLengths.map { try QRCode(text: Payloads.ascii($0)).version }
        #expect(Set(versions) == Set(1...10), "versions \(versions)")
        let masks = try Payloads.asciiLengths.map { try QRCode(text: Payloads.ascii($0)).mask }
        let japaneseMasks = try [3, 6, 30, 99, 150, 201].map { try QRCode(text: Payloads.japanese($0)).mask }
        print("round-trip versions \(versions), automatic masks \(masks), Japanese masks \(japaneseMasks)")
    }
}
