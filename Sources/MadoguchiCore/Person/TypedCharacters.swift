/// The characters people type around numbers: full-width digits from a Japanese IME, and the many
/// spaces and dashes that stand between groups of digits (`1234 5678 9018`, `123－4567`).
enum TypedCharacters {
    /// The value of an ASCII or full-width (０–９) digit.
    static func digit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: Int(scalar.value - 0x30)
        case 0xFF10...0xFF19: Int(scalar.value - 0xFF10)
        default: nil
        }
    }

    /// A half- or full-width space (not tabs or line breaks: those are never typed inside a number).
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\u{3000}"
    }

    /// A dash between digit groups. `ー` (長音符) is included because a Japanese IME in kana mode
    /// turns the `-` key into it, and citizens type numbers in that mode all the time.
    static func isDash(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xFF0D, 0x30FC, 0xFF70: true
        default: false
        }
    }

    /// The digits of `text`, ignoring spaces and dashes; nil when anything else is in it.
    static func digits(_ text: String) -> [Int]? {
        var digits: [Int] = []
        for scalar in text.unicodeScalars {
            if let digit = digit(scalar) {
                digits.append(digit)
            } else if !isSpace(scalar) && !isDash(scalar) {
                return nil
            }
        }
        return digits
    }
}

extension StringProtocol {
    /// The text without the spaces around it: what `trimmingCharacters(in: .whitespaces)` removes (tabs and every
    /// Unicode space, the ideographic one included), without going through NSString on each field of each form.
    public var trimmedOfSpaces: String {
        // Most values start and end with a letter or digit: kept as they are after looking at two bytes.
        if let first = utf8.first, let last = String(self).utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 { return String(self) }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !Self.isBlank($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !Self.isBlank($0) })!
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[first...last])
        return String(result)
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
    }
}
