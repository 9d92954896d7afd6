extension QRCode {
    /// The four QR error-correction levels. Higher levels survive more damage but hold fewer bytes.
    ///
    /// Madoguchi uses `.medium` by default: a printed receipt can lose ~15 % of its modules
    /// (fold, thermal fade) and still scan, while a reference URL still fits a small symbol.
    public enum ErrorCorrection: Int, Sendable, CaseIterable, CustomStringConvertible {
        /// L: about 7 % of codewords can be restored.
        case low
        /// M: about 15 %.
        case medium
        /// Q: about 25 %.
        case quartile
        /// H: about 30 %.
        case high

        /// The two-bit indicator in the format information (ISO/IEC 18004 Table 12): L=01, M=00, Q=11, H=10.
        var formatBits: Int {
            switch self {
            case .low: return 0b01
            case .medium: return 0b00
            case .quartile: return 0b11
            case .high: return 0b10
            }
        }

        public var description: String {
            switch self {
            case .low: return "L"
            case .medium: return "M"
            case .quartile: return "Q"
            case .high: return "H"
            }
        }
    }
}
