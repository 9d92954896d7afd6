/// The six upper-case letters before '+' in an embedded subset's name (ISO 32000 9.6.4).
///
/// Derived from the subset's contents, not random, so that rendering the same document
/// twice gives the same bytes, while different subsets in one viewer get different names.
enum SubsetTag {
    static func make(codes: [UInt16], copies: [UInt16]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 // FNV-1a 64
        for value in codes + [0xFFFF] + copies {
            hash = (hash ^ UInt64(value & 0xFF)) &* 0x0000_0100_0000_01B3
            hash = (hash ^ UInt64(value >> 8)) &* 0x0000_0100_0000_01B3
        }
        var letters = ""
        for _ in 0..<6 {
            letters.unicodeScalars.append(Unicode.Scalar(UInt8(65 + hash % 26)))
            hash /= 26
        }
        return letters
    }
}
