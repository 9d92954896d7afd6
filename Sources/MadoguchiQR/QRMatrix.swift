/// The module grid while a symbol is being built: function patterns, then data, then mask.
///
/// `isFunction` remembers which modules belong to finder, timing, alignment, format and version
/// areas, so data placement skips them and masking leaves them untouched.
struct QRMatrix: Sendable {
    let version: Int
    let size: Int
    /// Row-major, `true` = dark.
    private(set) var modules: [Bool]
    private(set) var isFunction: [Bool]

    init(version: Int) {
        self.version = version
        self.size = QRVersionTable.size(version: version)
        self.modules = Array(repeating: false, count: size * size)
        self.isFunction = Array(repeating: false, count: size * size)
        drawFunctionPatterns()
    }

    subscript(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }

    private mutating func setFunction(_ x: Int, _ y: Int, _ dark: Bool) {
        modules[y * size + x] = dark
        isFunction[y * size + x] = true
    }

    // MARK: Function patterns

    private mutating func drawFunctionPatterns() {
        // Timing patterns first: finders and alignment overwrite their ends.
        for i in 0..<size {
            setFunction(6, i, i % 2 == 0)
            setFunction(i, 6, i % 2 == 0)
        }
        drawFinder(centerX: 3, centerY: 3)
        drawFinder(centerX: size - 4, centerY: 3)
        drawFinder(centerX: 3, centerY: size - 4)

        let positions = QRVersionTable.alignmentPositions(version: version)
        let last = positions.count - 1
        for (i, y) in positions.enumerated() {
            for (j, x) in positions.enumerated() {
                // Skip the three corners that would sit on a finder pattern.
                if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                drawAlignment(centerX: x, centerY: y)
            }
        }
        // Reserve the format areas now (real bits come per mask), then the version blocks.
        drawFormatInfo(level: .medium, mask: 0)
        drawVersionInfo()
    }

    /// 7×7 finder plus its one-module light separator (the 9×9 square, clipped at the edges).
    private mutating func drawFinder(centerX: Int, centerY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centerX + dx, y = centerY + dy
                guard x >= 0, y >= 0, x < size, y < size else { continue }
                let ring = max(abs(dx), abs(dy))
                setFunction(x, y, ring != 2 && ring != 4)
            }
        }
    }

    /// 5×5 alignment pattern: dark centre, light ring, dark ring.
    private mutating func drawAlignment(centerX: Int, centerY: Int) {
        for dy in -2...2 {
            for dx in -2...2 {
                setFunction(centerX + dx, centerY + dy, max(abs(dx), abs(dy)) != 1)
            }
        }
    }

    /// Writes both copies of the 15 format bits and the always-dark module (ISO/IEC 18004 §7.9.1).
    /// Bit 0 is the least significant bit of `QRFormatInfo.formatBits`.
    mutating func drawFormatInfo(level: QRCode.ErrorCorrection, mask: Int) {
        let bits = QRFormatInfo.formatBits(level: level, mask: mask)
        func bit(_ i: Int) -> Bool { (bits >> i) & 1 == 1 }

        // Copy 1, around the top-left finder: down column 8, then along row 8 leftwards.
        for i in 0...5 { setFunction(8, i, bit(i)) }
        setFunction(8, 7, bit(6))
        setFunction(8, 8, bit(7))
        setFunction(7, 8, bit(8))
        for i in 9..<15 { setFunction(14 - i, 8, bit(i)) }

        // Copy 2: row 8 under the top-right finder, then column 8 beside the bottom-left finder.
        for i in 0..<8 { setFunction(size - 1 - i, 8, bit(i)) }
        for i in 8..<15 { setFunction(8, size - 15 + i, bit(i)) }
        setFunction(8, size - 8, true)  // the dark module
    }

    /// The two 6×3 version blocks, for versions 7 and up (ISO/IEC 18004 §7.10).
    private mutating func drawVersionInfo() {
        guard version >= 7 else { return }
        let bits = QRFormatInfo.versionBits(version: version)
        for i in 0..<18 {
            let dark = (bits >> i) & 1 == 1
            let a = size - 11 + i % 3
            let b = i / 3
            setFunction(a, b, dark)  // top-right block
            setFunction(b, a, dark)  // bottom-left block
        }
    }

    // MARK: Data

    /// Places codewords in the two-column zigzag from the bottom-right corner, skipping the vertical
    /// timing column and function modules (ISO/IEC 18004 §7.7.3). Remainder bits stay light.
    mutating func placeData(_ codewords: [UInt8]) {
        let totalBits = codewords.count * 8
        var bitIndex = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            let upward = ((right + 1) & 2) == 0
            for vertical in 0..<size {
                let y = upward ? size - 1 - vertical : vertical
                for j in 0..<2 {
                    let x = right - j
                    let index = y * size + x
                    guard !isFunction[index], bitIndex < totalBits else { continue }
                    let byte = codewords[bitIndex >> 3]
                    modules[index] = (byte >> (7 - UInt8(bitIndex & 7))) & 1 == 1
                    bitIndex += 1
                }
            }
            right -= 2
        }
    }

    /// XORs the mask pattern onto every non-function module. Applying the same mask twice undoes it.
    mutating func applyMask(_ mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] {
                if QRMask.isMasked(mask, x: x, y: y) { modules[y * size + x].toggle() }
            }
        }
    }
}
