import MadoguchiCore
import NIOCore

/// JSON written straight into a response's buffer, for the answers that are on the hot path (the guide API):
/// Foundation's `JSONEncoder` builds a tree of boxed values first and was most of the guide API's own time.
/// Strings are escaped as RFC 8259 asks (quote, backslash, control characters); everything else, `/` and all of
/// UTF-8 included, is written as it is, as `JSONEncoder` with `.withoutEscapingSlashes` writes it.
struct JSONWriter {
    private(set) var buffer: ByteBuffer
    /// Whether the value being written is the first of its object or array (no comma before it).
    private var first = true

    init(allocator: ByteBufferAllocator, capacity: Int = 4096) {
        buffer = allocator.buffer(capacity: capacity)
    }

    /// Writing on at the end of `buffer` (an event's header already in it).
    init(appendingTo buffer: ByteBuffer) {
        self.buffer = buffer
    }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        comma()
        buffer.writeInteger(UInt8(ascii: "{"))
        first = true
        body(&self)
        buffer.writeInteger(UInt8(ascii: "}"))
        first = false
    }

    mutating func array<S: Sequence>(_ elements: S, _ body: (inout JSONWriter, S.Element) -> Void) {
        comma()
        buffer.writeInteger(UInt8(ascii: "["))
        first = true
        for element in elements { body(&self, element) }
        buffer.writeInteger(UInt8(ascii: "]"))
        first = false
    }

    /// `"key":` inside an object; the value follows. Written in one reservation with the comma before it: each
    /// `ByteBuffer` write checks capacity and uniqueness, and the answer has some 300 keys (half of writing it).
    mutating func key(_ key: StaticString) {
        let comma = !first
        first = true
        let count = key.utf8CodeUnitCount
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count + 4) { out in
            var at = 0
            if comma { out[at] = UInt8(ascii: ","); at += 1 }
            out[at] = UInt8(ascii: "\""); at += 1
            UnsafeMutableRawBufferPointer(rebasing: out[at..<(at + count)])
                .copyMemory(from: UnsafeRawBufferPointer(start: key.utf8Start, count: count))
            at += count
            out[at] = UInt8(ascii: "\""); out[at + 1] = UInt8(ascii: ":")
            return at + 2
        }
    }

    mutating func string(_ text: String) {
        comma()
        Self.escape(text, into: &buffer)
    }

    mutating func string(_ text: String?) {
        guard let text else { return null() }
        string(text)
    }

    mutating func bool(_ value: Bool) {
        comma()
        buffer.writeStaticString(value ? "true" : "false")
    }

    mutating func int(_ value: Int) {
        comma()
        buffer.writeString(String(value))
    }

    /// A number as Swift prints it (the shortest text that reads back as the same `Double`); JSON has no
    /// infinity or NaN, so those are written as null.
    mutating func double(_ value: Double) {
        guard value.isFinite else { return null() }
        comma()
        buffer.writeString(value.description)
    }

    mutating func null() {
        comma()
        buffer.writeStaticString("null")
    }

    mutating func strings(_ texts: [String]) {
        array(texts) { writer, text in writer.string(text) }
    }

    private mutating func comma() {
        if first { first = false } else { buffer.writeInteger(UInt8(ascii: ",")) }
    }

    /// Bytes a JSON string must escape: control characters, quote, backslash.
    private static func needsEscape(_ byte: UInt8) -> Bool { byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") }

    /// Whether any of the eight bytes of `word` needs escaping: a byte below 0x20 (`(x - 0x20…) & ~x & 0x80…`), or
    /// equal to `"` or `\` (a zero byte after an exclusive or).
    private static func needsEscape(word: UInt64) -> Bool {
        (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 != 0
            || UTF8ByteSet.hasZeroByte(word ^ 0x2222_2222_2222_2222) || UTF8ByteSet.hasZeroByte(word ^ 0x5C5C_5C5C_5C5C_5C5C)
    }

    static func escape(_ text: String, into buffer: inout ByteBuffer) {
        var text = text
        text.withUTF8 { bytes in
            // Most texts need no escape: the quotes and the text in one reservation, after a scan of eight bytes at a time.
            if !Self.needsAnyEscape(bytes) {
                buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: bytes.count + 2) { out in
                    out[0] = UInt8(ascii: "\"")
                    UnsafeMutableRawBufferPointer(rebasing: out[1..<(bytes.count + 1)]).copyMemory(from: UnsafeRawBufferPointer(bytes))
                    out[bytes.count + 1] = UInt8(ascii: "\"")
                    return bytes.count + 2
                }
                return
            }
            buffer.writeInteger(UInt8(ascii: "\""))
            var start = 0
            for (index, byte) in bytes.enumerated() where needsEscape(byte) {
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<index]))
                switch byte {
                case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x08: buffer.writeStaticString("\\b")
                case 0x0C: buffer.writeStaticString("\\f")
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    buffer.writeStaticString("\\u00")
                    buffer.writeInteger(hex[Int(byte >> 4)])
                    buffer.writeInteger(hex[Int(byte & 0x0F)])
                }
                start = index + 1
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start...]))
            buffer.writeInteger(UInt8(ascii: "\""))
        }
    }

    private static func needsAnyEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count {
            if needsEscape(word: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { return true }
            index += 8
        }
        while index < bytes.count {
            if needsEscape(bytes[index]) { return true }
            index += 1
        }
        return false
    }
}
