/// A QR code symbol (ISO/IEC 18004 Model 2) for a short byte payload, such as the reference URL a
/// citizen receives after applying online and shows at the counter.
///
/// Byte mode only, versions 1–10 (up to 213 bytes at level M), the smallest version that fits is
/// chosen, and the mask with the lowest penalty score. The value is immutable and `Sendable`, so it
/// can be built once and rendered as SVG for the web page and PNG for the receipt printer.
///
/// ```swift
/// let code = try QRCode(text: "https://city.example.jp/c/K7QM-3TXA")
/// let svg = code.svg(title: "受付番号 K7QM-3TXA の QR コード")
/// ```
public struct QRCode: Sendable, Equatable {
    /// Why a payload could not be encoded.
    public enum EncodingError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The payload is longer than version 10 holds at this error-correction level.
        case dataTooLong(byteCount: Int, maxByteCount: Int, level: ErrorCorrection)

        public var description: String {
            switch self {
            case let .dataTooLong(byteCount, maxByteCount, level):
                return "QR payload of \(byteCount) bytes is too long: at most \(maxByteCount) bytes fit "
                    + "(version \(QRVersionTable.maxVersion), level \(level), byte mode)"
            }
        }
    }

    /// Symbol version, 1...10.
    public let version: Int
    /// Modules per side, 17 + 4 × version (not counting the quiet zone).
    public let size: Int
    /// Error-correction level the symbol was built with.
    public let errorCorrection: ErrorCorrection
    /// Data mask pattern 0...7 that was applied.
    public let mask: Int
    /// Row-major modules, `true` = dark.
    let modules: [Bool]

    /// Encodes `bytes` in byte mode.
    /// - Throws: `EncodingError.dataTooLong` when the payload exceeds version 10 at `level`.
    public init(bytes: [UInt8], level: ErrorCorrection = .medium) throws {
        try self.init(bytes: bytes, level: level, forcedMask: nil)
    }

    /// Encodes the UTF-8 bytes of `text` in byte mode, without an ECI header. ASCII (reference URLs)
    /// reads the same everywhere; for non-ASCII text a decoder guesses the character set, and some
    /// (zbar among them) read certain UTF-8 Japanese strings as Shift_JIS.
    public init(text: String, level: ErrorCorrection = .medium) throws {
        try self.init(bytes: Array(text.utf8), level: level)
    }

    /// Full initializer. `forcedMask` (0...7) skips mask selection so tests can check every mask decodes;
    /// `minimumVersion` lets tests build a larger symbol than needed. Out-of-range values are ignored.
    init(bytes: [UInt8], level: ErrorCorrection, forcedMask: Int?, minimumVersion: Int = 1) throws {
        let lowest = max(1, min(minimumVersion, QRVersionTable.maxVersion))
        guard let version = (lowest...QRVersionTable.maxVersion).first(where: {
            bytes.count <= QRVersionTable.byteCapacity(version: $0, level: level)
        }), let layout = QRVersionTable.blockLayout(version: version, level: level) else {
            throw EncodingError.dataTooLong(
                byteCount: bytes.count,
                maxByteCount: QRVersionTable.byteCapacity(version: QRVersionTable.maxVersion, level: level),
                level: level)
        }

        let data = QRDataEncoder.dataCodewords(for: bytes, version: version, capacity: layout.dataCodewords)
        let codewords = QRDataEncoder.interleavedCodewords(data: data, layout: layout)

        var placed = QRMatrix(version: version)
        placed.placeData(codewords)
        let base = placed

        // Mask candidates: the forced one, or all eight scored by penalty (first lowest wins a tie).
        // Each candidate gets its own format information before scoring, so the score is that of the
        // symbol actually printed.
        func masked(_ mask: Int) -> QRMatrix {
            var matrix = base
            matrix.applyMask(mask)
            matrix.drawFormatInfo(level: level, mask: mask)
            return matrix
        }
        let validForcedMask = forcedMask.flatMap { QRMask.all.contains($0) ? $0 : nil }
        var chosenMask = validForcedMask ?? 0
        var chosen = masked(chosenMask)
        if validForcedMask == nil {
            var bestPenalty = QRMask.penalty(chosen.modules, size: chosen.size)
            for mask in QRMask.all.dropFirst() {
                let candidate = masked(mask)
                let penalty = QRMask.penalty(candidate.modules, size: candidate.size)
                if penalty < bestPenalty {
                    bestPenalty = penalty
                    chosenMask = mask
                    chosen = candidate
                }
            }
        }

        self.version = version
        self.size = chosen.size
        self.errorCorrection = level
        self.mask = chosenMask
        self.modules = chosen.modules
    }

    /// Whether the module at column `x`, row `y` is dark (`code[x, y]`). Coordinates outside the symbol read as
    /// light, like the quiet zone around it.
    public subscript(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }
}
