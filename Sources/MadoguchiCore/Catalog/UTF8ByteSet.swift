#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A set of up to eight byte values, to ask in one pass whether a text holds any of them.
///
/// Every text of every page is scanned for what it might need (escapes, ruby groups, placeholders), and nearly
/// none holds any of it: `utf8.contains(where:)` with its per-byte index checks was 5 % of the guide's result page.
/// The scan reads a native string's contiguous bytes eight at a time and tests each member against all eight at
/// once (a byte equal to the member leaves a zero byte after an exclusive or, which `(x - 0x01…) & ~x & 0x80…`
/// finds exactly). Inlinable, so that the scan is compiled into its caller.
public struct UTF8ByteSet: Sendable {
    /// Each member repeated in all eight bytes of a word; unused places repeat the first member.
    @usableFromInline let broadcasts: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    public init(_ bytes: UInt8...) {
        precondition((1...8).contains(bytes.count), "a set of one to eight bytes")
        let words = (0..<8).map { UInt64(bytes[$0 < bytes.count ? $0 : 0]) &* 0x0101_0101_0101_0101 }
        broadcasts = (words[0], words[1], words[2], words[3], words[4], words[5], words[6], words[7])
    }

    /// Whether any of the eight bytes of `word` is zero (exact: which one is not told).
    @inlinable @inline(__always)
    public static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
    }

    /// Whether any of the eight bytes of `word` is a member.
    @inlinable @inline(__always)
    func matches(_ word: UInt64) -> Bool {
        Self.hasZeroByte(word ^ broadcasts.0) || Self.hasZeroByte(word ^ broadcasts.1)
            || Self.hasZeroByte(word ^ broadcasts.2) || Self.hasZeroByte(word ^ broadcasts.3)
            || Self.hasZeroByte(word ^ broadcasts.4) || Self.hasZeroByte(word ^ broadcasts.5)
            || Self.hasZeroByte(word ^ broadcasts.6) || Self.hasZeroByte(word ^ broadcasts.7)
    }

    @inlinable
    public func contains(_ byte: UInt8) -> Bool { matches(UInt64(byte) &* 0x0101_0101_0101_0101) }

    @inlinable
    func containsAny(of bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count {
            if matches(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { return true }
            index += 8
        }
        while index < bytes.count {
            if contains(bytes[index]) { return true }
            index += 1
        }
        return false
    }
}

extension String {
    /// Whether any UTF-8 byte of the text is in `set`.
    @inlinable
    public func containsAnyUTF8(of set: UTF8ByteSet) -> Bool {
        utf8.withContiguousStorageIfAvailable(set.containsAny) ?? utf8.contains(where: set.contains)
    }

    /// Whether the text holds `byte`: `memchr`, which the C library runs many bytes at a time.
    @inlinable
    public func containsUTF8(_ byte: UInt8) -> Bool {
        utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        } ?? utf8.contains(byte)
    }
}
