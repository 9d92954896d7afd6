/// Adler-32 (RFC 1950 §8.2), the checksum that ends a zlib stream.
package enum Adler32 {
    package static func checksum(_ bytes: [UInt8]) -> UInt32 {
        let modulus: UInt32 = 65_521
        var a: UInt32 = 1
        var b: UInt32 = 0
        // 5552 is the largest run that cannot overflow 32 bits before reducing (zlib's NMAX).
        var index = 0
        while index < bytes.count {
            let end = min(index + 5552, bytes.count)
            for i in index..<end {
                a += UInt32(bytes[i])
                b += a
            }
            a %= modulus
            b %= modulus
            index = end
        }
        return (b << 16) | a
    }
}
