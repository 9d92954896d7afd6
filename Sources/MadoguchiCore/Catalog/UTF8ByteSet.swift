/// A set of byte values, to ask in one pass whether a text holds any of them.
///
/// Every text of every page is scanned for what it might need (escapes, ruby groups, placeholders), and nearly
/// none holds any of it: a scan of a native string's contiguous bytes against a 256-bit table is several times
/// faster than `utf8.contains(where:)` with its per-byte index checks (a profile of the guide's result page found
/// those scans at 5 % of the server's time). Inlinable, so that the scan is compiled into its caller.
public struct UTF8ByteSet: Sendable {
    @usableFromInline let words: (UInt64, UInt64, UInt64, UInt64)

    public init(_ bytes: UInt8...) {
        var words: [UInt64] = [0, 0, 0, 0]
        for byte in bytes { words[Int(byte >> 6)] |= 1 << UInt64(byte & 63) }
        self.words = (words[0], words[1], words[2], words[3])
    }

    @inlinable @inline(__always)
    public func contains(_ byte: UInt8) -> Bool {
        let word: UInt64
        switch byte >> 6 {
        case 0: word = words.0
        case 1: word = words.1
        case 2: word = words.2
        default: word = words.3
        }
        return word & (1 << UInt64(byte & 63)) != 0
    }

    @inlinable
    func containsAny(of bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where contains(byte) { return true }
        return false
    }
}

extension String {
    /// Whether any UTF-8 byte of the text is in `set`.
    @inlinable
    public func containsAnyUTF8(of set: UTF8ByteSet) -> Bool {
        utf8.withContiguousStorageIfAvailable(set.containsAny) ?? utf8.contains(where: set.contains)
    }
}

extension Substring {
    /// Whether any UTF-8 byte of the text is in `set`.
    @inlinable
    public func containsAnyUTF8(of set: UTF8ByteSet) -> Bool {
        utf8.withContiguousStorageIfAvailable(set.containsAny) ?? utf8.contains(where: set.contains)
    }
}
