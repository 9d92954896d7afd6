import Testing
@testable import MadoguchiQR

@Suite("Format and version information")
struct FormatInfoTests {
    /// ISO/IEC 18004 Annex C, Table C.1: the 15-bit strings after the 0x5412 mask, masks 0...7.
    static let published: [(QRCode.ErrorCorrection, [String])] = [
        (.low, ["111011111000100", "111001011110011", "111110110101010", "111100010011101",
                "110011000101111", "110001100011000", "110110001000001", "110100101110110"]),
        (.medium, ["101010000010010", "101000100100101", "101111001111100", "101101101001011",
                   "100010111111001", "100000011001110", "100111110010111", "100101010100000"]),
        (.quartile, ["011010101011111", "011000001101000", "011111100110001", "011101000000110",
                     "010010010110100", "010000110000011", "010111011011010", "010101111101101"]),
        (.high, ["001011010001001", "001001110111110", "001110011100111", "001100111010000",
                 "000011101100010", "000001001010101", "000110100001100", "000100000111011"]),
    ]

    @Test("format bits for every level and mask match the published table")
    func formatTable() {
        for (level, strings) in Self.published {
            for mask in 0..<8 {
                #expect(Self.binary(QRFormatInfo.formatBits(level: level, mask: mask), width: 15) == strings[mask],
                        "level \(level) mask \(mask)")
            }
        }
    }

    @Test("version information for versions 7–10 matches ISO/IEC 18004 Annex D")
    func versionTable() {
        #expect(Self.binary(QRFormatInfo.versionBits(version: 7), width: 18) == "000111110010010100")
        #expect(Self.binary(QRFormatInfo.versionBits(version: 8), width: 18) == "001000010110111100")
        #expect(Self.binary(QRFormatInfo.versionBits(version: 9), width: 18) == "001001101010011001")
        #expect(Self.binary(QRFormatInfo.versionBits(version: 10), width: 18) == "001010010011010011")
    }

    @Test("both format copies in a built symbol carry the level and the chosen mask", arguments: [0, 5, 60, 150])
    func formatInSymbol(length: Int) throws {
        let code = try QRCode(bytes: Array(repeating: 0x41, count: length), level: .quartile)
        let n = code.size
        // Read copy 1 (around the top-left finder) and copy 2 (split between the other finders), bit 14 first.
        let copy1Positions = [(0, 8), (1, 8), (2, 8), (3, 8), (4, 8), (5, 8), (7, 8), (8, 8),
                              (8, 7), (8, 5), (8, 4), (8, 3), (8, 2), (8, 1), (8, 0)]
        let copy2Positions = (0..<7).map { (8, n - 1 - $0) } + (0..<8).map { (n - 8 + $0, 8) }
        let copy1 = copy1Positions.map { code[$0.0, $0.1] ? "1" : "0" }.joined()
        let copy2 = copy2Positions.map { code[$0.0, $0.1] ? "1" : "0" }.joined()
        let expected = Self.published[2].1[code.mask]
        #expect(copy1 == expected)
        #expect(copy2 == expected)
        #expect(code[8, n - 8], "dark module")
    }

    @Test("version 7+ symbols carry both version blocks; smaller ones do not need them")
    func versionBlocksInSymbol() throws {
        let code = try QRCode(bytes: GoldenSymbols.version7Payload, level: .medium)
        #expect(code.version == 7)
        let n = code.size
        // Bit i sits at (n-11 + i%3, i/3) top right and mirrored bottom left; bit 17 is the most significant.
        var topRight = "", bottomLeft = ""
        for i in (0..<18).reversed() {
            topRight += code[n - 11 + i % 3, i / 3] ? "1" : "0"
            bottomLeft += code[i / 3, n - 11 + i % 3] ? "1" : "0"
        }
        #expect(topRight == "000111110010010100")
        #expect(bottomLeft == "000111110010010100")
    }

    static func binary(_ value: Int, width: Int) -> String {
        let digits = String(value, radix: 2)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
