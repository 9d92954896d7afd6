import Testing
@testable import MadoguchiQR

@Suite("Version table and data codewords")
struct VersionTableTests {
    /// Published byte-mode capacities (ISO/IEC 18004 Table 7), versions 1–10.
    static let publishedByteCapacity: [QRCode.ErrorCorrection: [Int]] = [
        .low: [17, 32, 53, 78, 106, 134, 154, 192, 230, 271],
        .medium: [14, 26, 42, 62, 84, 106, 122, 152, 180, 213],
        .quartile: [11, 20, 32, 46, 60, 74, 86, 108, 130, 151],
        .high: [7, 14, 24, 34, 44, 58, 64, 84, 98, 119],
    ]

    @Test("block layouts fill exactly the modules the symbol has for codewords")
    func totalsMatchGeometry() throws {
        for version in 1...10 {
            let raw = QRVersionTable.rawDataModules(version: version)
            for level in QRCode.ErrorCorrection.allCases {
                let layout = try #require(QRVersionTable.blockLayout(version: version, level: level))
                #expect(layout.totalCodewords == raw / 8, "version \(version) \(level)")
                if layout.groups.count == 2 {
                    #expect(layout.groups[1].dataCodewords == layout.groups[0].dataCodewords + 1)
                }
            }
        }
        // Remainder bits per ISO/IEC 18004 Table 1: 0 for v1, 7 for v2–6, 0 for v7–10.
        #expect((1...10).map { QRVersionTable.rawDataModules(version: $0) % 8 } == [0, 7, 7, 7, 7, 7, 0, 0, 0, 0])
        #expect(QRVersionTable.blockLayout(version: 11, level: .medium) == nil)
        #expect(QRVersionTable.blockLayout(version: 0, level: .medium) == nil)
    }

    @Test("byte capacities match the published table")
    func capacities() {
        for (level, capacities) in Self.publishedByteCapacity {
            #expect((1...10).map { QRVersionTable.byteCapacity(version: $0, level: level) } == capacities, "\(level)")
        }
    }

    @Test("the smallest version that fits is chosen, at every capacity boundary")
    func versionChoice() throws {
        for (level, capacities) in Self.publishedByteCapacity {
            for (index, capacity) in capacities.enumerated() {
                let full = try QRCode(bytes: Array(repeating: 0x61, count: capacity), level: level)
                #expect(full.version == index + 1, "\(capacity) bytes at \(level)")
                #expect(full.size == 17 + 4 * full.version)
                if index < 9 {
                    let over = try QRCode(bytes: Array(repeating: 0x61, count: capacity + 1), level: level)
                    #expect(over.version == index + 2, "\(capacity + 1) bytes at \(level)")
                }
            }
        }
    }

    @Test("too long input throws a clear error at each level")
    func tooLong() {
        for (level, capacities) in Self.publishedByteCapacity {
            let max = capacities[9]
            #expect(throws: QRCode.EncodingError.dataTooLong(byteCount: max + 1, maxByteCount: max, level: level)) {
                try QRCode(bytes: Array(repeating: 0x61, count: max + 1), level: level)
            }
        }
        do {
            _ = try QRCode(text: String(repeating: "あ", count: 80))  // 240 UTF-8 bytes
            Issue.record("240 bytes at M should not fit")
        } catch let error as QRCode.EncodingError {
            #expect(error.description.contains("240 bytes"))
            #expect(error.description.contains("at most 213"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("empty input is a valid version 1 symbol: mode, zero count, terminator, pad codewords")
    func emptyInput() throws {
        let code = try QRCode(bytes: [])
        #expect(code.version == 1)
        #expect(code.size == 21)
        #expect(QRDataEncoder.dataCodewords(for: [], version: 1, capacity: 16)
            == [0x40, 0x00, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11])
    }

    @Test("byte-mode bit stream: 0100, 8-bit count, bytes, terminator, pads")
    func byteModeStream() {
        // "A" = 0x41: 0100 00000001 01000001 0000 → 40 14 10, then EC 11 ...
        #expect(QRDataEncoder.dataCodewords(for: [0x41], version: 1, capacity: 16)
            == [0x40, 0x14, 0x10] + [0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC])
        // Version 10 uses a 16-bit count: 0100 0000000000000010 0xFF 0x00 0000 → 40 00 2F F0 00 0 pad...
        let v10 = QRDataEncoder.dataCodewords(for: [0xFF, 0x00], version: 10, capacity: 216)
        #expect(Array(v10.prefix(6)) == [0x40, 0x00, 0x2F, 0xF0, 0x00, 0xEC])
        #expect(v10.count == 216)
        // A full symbol: the terminator is cut short (here to 4 bits still fit exactly) and no pad follows.
        let full = QRDataEncoder.dataCodewords(for: Array(repeating: 0x61, count: 14), version: 1, capacity: 16)
        #expect(full.count == 16)
        #expect(full.last == 0x10)  // low nibble of the last 0x61, then the 4-bit terminator
    }

    @Test("5-Q interleaving: data column by column over blocks of 15,15,16,16, then EC")
    func interleaving() throws {
        let layout = try #require(QRVersionTable.blockLayout(version: 5, level: .quartile))
        let data = (0..<62).map { UInt8($0) }
        let stream = QRDataEncoder.interleavedCodewords(data: data, layout: layout)
        #expect(stream.count == 134)
        // Blocks start at data indices 0, 15, 30, 46.
        #expect(Array(stream.prefix(8)) == [0, 15, 30, 46, 1, 16, 31, 47])
        #expect(Array(stream[56..<62]) == [14, 29, 44, 60, 45, 61])  // last column: only the long blocks
        let encoder = ReedSolomonEncoder(degree: 18)
        let ec0 = encoder.errorCorrection(for: Array(data[0..<15]))
        let ec3 = encoder.errorCorrection(for: Array(data[46..<62]))
        #expect(stream[62] == ec0[0])
        #expect(stream[65] == ec3[0])
        #expect(stream[133] == ec3[17])
    }
}
