/// Arithmetic in GF(2^8) with the QR code field polynomial x^8 + x^4 + x^3 + x^2 + 1 (0x11D).
///
/// Reed–Solomon error correction is polynomial arithmetic over this field. Multiplication goes
/// through log/antilog tables built once, because it runs for every codeword of every block.
enum GaloisField {
    /// The reducing polynomial from ISO/IEC 18004 §7.5.2 (bit 8 included).
    static let primitivePolynomial = 0x11D

    /// `exp[i]` = α^i for i in 0..<510; doubled in length so `exp[log a + log b]` needs no modulo.
    static let exp: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 510)
        var value = 1
        for i in 0..<255 {
            table[i] = UInt8(value)
            table[i + 255] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= primitivePolynomial }
        }
        return table
    }()

    /// `log[a]` = i such that α^i = a, for a in 1...255. `log[0]` is unused (log of zero is undefined).
    static let log: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for i in 0..<255 { table[Int(exp[i])] = i }
        return table
    }()

    /// Product of two field elements.
    @inline(__always)
    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 { return 0 }
        return exp[log[Int(a)] + log[Int(b)]]
    }

    /// α^power, for any non-negative power.
    static func alphaPower(_ power: Int) -> UInt8 {
        exp[power % 255]
    }
}
