/// Reed–Solomon error-correction codewords, as QR codes use them (ISO/IEC 18004 §7.5.2).
///
/// The EC codewords of a block are the remainder of dividing the data polynomial (times x^n) by the
/// generator polynomial g(x) = (x − α^0)(x − α^1)…(x − α^(n−1)). A scanner uses them to repair
/// smudged or torn modules, which is why a receipt that went through a pocket still scans.
struct ReedSolomonEncoder: Sendable {
    /// Number of EC codewords produced per block.
    let degree: Int
    /// Generator coefficients from x^(n−1) down to x^0; the leading x^n coefficient (always 1) is implicit.
    let generator: [UInt8]

    /// - Precondition: `degree` is 1...255 (the QR tables only use 7...30); callers pass table values only.
    init(degree: Int) {
        precondition((1...255).contains(degree), "Reed–Solomon degree out of range")
        self.degree = degree
        // Start from the polynomial "1" and multiply by (x − α^i) for each root.
        // Coefficients are stored highest power first, leading 1 implicit.
        var coefficients = [UInt8](repeating: 0, count: degree)
        coefficients[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                coefficients[j] = GaloisField.multiply(coefficients[j], root)
                if j + 1 < degree { coefficients[j] ^= coefficients[j + 1] }
            }
            root = GaloisField.multiply(root, 0x02)
        }
        self.generator = coefficients
    }

    /// The `degree` EC codewords for one block of data codewords (polynomial long division, LFSR style).
    func errorCorrection(for data: [UInt8]) -> [UInt8] {
        var remainder = [UInt8](repeating: 0, count: degree)
        for byte in data {
            let factor = byte ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            if factor == 0 { continue }
            for i in 0..<degree {
                remainder[i] ^= GaloisField.multiply(generator[i], factor)
            }
        }
        return remainder
    }
}
