/// The BCH-protected metadata a scanner reads before anything else (ISO/IEC 18004 §7.9, §7.10).
enum QRFormatInfo {
    /// 15 format bits: 2 bits EC level + 3 bits mask, a BCH(15,5) remainder with generator
    /// 0x537 (x^10+x^8+x^5+x^4+x^2+x+1), XORed with 0x5412 so the field is never all light.
    static func formatBits(level: QRCode.ErrorCorrection, mask: Int) -> Int {
        let data = (level.formatBits << 3) | (mask & 0b111)
        var remainder = data
        for _ in 0..<10 {
            remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537)
        }
        return ((data << 10) | (remainder & 0x3FF)) ^ 0x5412
    }

    /// 18 version bits for versions ≥ 7: 6 bits of version + a BCH(18,6) remainder with generator
    /// 0x1F25 (x^12+x^11+x^10+x^9+x^8+x^5+x^2+1). Not masked.
    static func versionBits(version: Int) -> Int {
        var remainder = version
        for _ in 0..<12 {
            remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25)
        }
        return (version << 12) | (remainder & 0xFFF)
    }
}
