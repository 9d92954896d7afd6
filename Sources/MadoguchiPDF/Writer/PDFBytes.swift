/// Appending PDF tokens to a byte buffer without going through `String(format:)`, which is
/// locale-dependent and slow: a ten-page form writes thousands of coordinates.
extension Array where Element == UInt8 {
    @inline(__always)
    mutating func appendASCII(_ text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }

    mutating func appendText(_ text: String) {
        append(contentsOf: text.utf8)
    }

    mutating func appendInteger(_ value: Int) {
        var value = value
        if value < 0 {
            append(UInt8(ascii: "-"))
            value = value == Int.min ? Int.max : -value
        }
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        while divisor > 0 {
            append(UInt8(truncatingIfNeeded: 48 + value / divisor))
            value %= divisor
            divisor /= 10
        }
    }

    /// A real number with at most three decimals (1/1000 pt is far below print resolution),
    /// without trailing zeros: 12, 741.89, -0.5. Non-finite values are written as 0 so a
    /// layout bug cannot produce an unreadable file.
    mutating func appendNumber(_ value: Double) {
        guard value.isFinite else {
            append(UInt8(ascii: "0"))
            return
        }
        let scaled = (value * 1000).rounded()
        let limit = 9.0e15
        var thousandths = Int(Swift.min(Swift.max(scaled, -limit), limit))
        if thousandths < 0 {
            append(UInt8(ascii: "-"))
            thousandths = -thousandths
        }
        appendInteger(thousandths / 1000)
        let fraction = thousandths % 1000
        guard fraction != 0 else { return }
        append(UInt8(ascii: "."))
        append(UInt8(truncatingIfNeeded: 48 + fraction / 100))
        if fraction % 100 != 0 {
            append(UInt8(truncatingIfNeeded: 48 + fraction / 10 % 10))
            if fraction % 10 != 0 { append(UInt8(truncatingIfNeeded: 48 + fraction % 10)) }
        }
    }

    /// Four upper-case hex digits: one 2-byte code of an Identity-H or UCS2 string.
    @inline(__always)
    mutating func appendHex4(_ code: UInt16) {
        append(hexDigit(code >> 12))
        append(hexDigit(code >> 8))
        append(hexDigit(code >> 4))
        append(hexDigit(code))
    }

    /// UTF-16BE hex digits of `text`, for /ToUnicode targets and text strings.
    mutating func appendUTF16Hex(_ text: some Sequence<Unicode.Scalar>) {
        for scalar in text {
            let value = scalar.value
            if value < 0x1_0000 {
                appendHex4(UInt16(value))
            } else {
                let offset = value - 0x1_0000
                appendHex4(UInt16(0xD800 + (offset >> 10)))
                appendHex4(UInt16(0xDC00 + (offset & 0x3FF)))
            }
        }
    }
}

@inline(__always)
private func hexDigit(_ value: UInt16) -> UInt8 {
    let nibble = UInt8(truncatingIfNeeded: value & 0xF)
    return nibble < 10 ? 48 + nibble : 55 + nibble
}
