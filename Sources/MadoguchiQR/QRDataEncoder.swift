/// Turns the payload into the data codewords of a symbol: byte-mode segment, terminator, padding
/// (ISO/IEC 18004 §7.4). Byte mode only: reference URLs and UTF-8 text both fit it, and one mode keeps
/// the encoder small and its output easy to verify.
enum QRDataEncoder {
    /// Data codewords for `bytes` in a symbol that holds `capacity` data codewords.
    /// - Precondition: the bytes fit (the caller chose the version from `QRVersionTable.byteCapacity`).
    static func dataCodewords(for bytes: [UInt8], version: Int, capacity: Int) -> [UInt8] {
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)  // byte mode indicator
        bits.append(bytes.count, count: QRVersionTable.byteCountBits(version: version))
        for byte in bytes { bits.append(Int(byte), count: 8) }

        let capacityBits = capacity * 8
        precondition(bits.count <= capacityBits, "payload does not fit the chosen version")
        // Terminator: up to four zero bits, then zero bits up to a byte boundary.
        bits.append(0, count: min(4, capacityBits - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)

        var codewords = bits.bytes
        // Alternate pad codewords 11101100 and 00010001 until the symbol is full.
        var pad: UInt8 = 0xEC
        while codewords.count < capacity {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// Splits data codewords into blocks, adds Reed–Solomon EC to each, and interleaves them
    /// (ISO/IEC 18004 §7.6): the final bit stream that goes into the matrix.
    static func interleavedCodewords(data: [UInt8], layout: QRVersionTable.BlockLayout) -> [UInt8] {
        let encoder = ReedSolomonEncoder(degree: layout.ecCodewordsPerBlock)
        var dataBlocks: [[UInt8]] = []
        var offset = 0
        for group in layout.groups {
            for _ in 0..<group.count {
                dataBlocks.append(Array(data[offset..<offset + group.dataCodewords]))
                offset += group.dataCodewords
            }
        }
        let ecBlocks = dataBlocks.map(encoder.errorCorrection(for:))

        var result: [UInt8] = []
        result.reserveCapacity(layout.totalCodewords)
        let longest = dataBlocks.map(\.count).max() ?? 0
        for i in 0..<longest {
            for block in dataBlocks where i < block.count { result.append(block[i]) }
        }
        for i in 0..<layout.ecCodewordsPerBlock {
            for block in ecBlocks { result.append(block[i]) }
        }
        return result
    }
}

/// A growable big-endian bit string.
struct BitBuffer {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    /// Appends the low `count` bits of `value`, most significant first.
    mutating func append(_ value: Int, count bitCount: Int) {
        guard bitCount > 0 else { return }
        for shift in stride(from: bitCount - 1, through: 0, by: -1) {
            if count % 8 == 0 { bytes.append(0) }
            if (value >> shift) & 1 == 1 {
                bytes[bytes.count - 1] |= UInt8(0x80 >> (count % 8))
            }
            count += 1
        }
    }
}
