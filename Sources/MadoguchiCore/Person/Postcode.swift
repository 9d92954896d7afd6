/// 郵便番号: seven digits. An attribute of an address, not a part of it (the standard 住民記録
/// spec keeps it beside the 住所), so it is printed on its own: `〒329-4123`.
public struct Postcode: Sendable, Hashable, CustomStringConvertible {
    /// Seven ASCII digits, `"3294123"`.
    public let digits: String

    /// Reads a postcode as typed: `3294123`, `329-4123`, `〒329-4123`, full-width digits or dash,
    /// spaces around it. The dash may stand only after the third digit.
    public init(_ text: String) throws(FieldError) {
        var scalars = Array(RegisterText.trimmingSpaces(text).unicodeScalars)
        if scalars.first == "〒" { scalars.removeFirst() }
        if scalars.count == 8, TypedCharacters.isDash(scalars[3]) { scalars.remove(at: 3) }
        let values = scalars.compactMap(TypedCharacters.digit)
        guard scalars.count == 7, values.count == 7 else {
            throw FieldError(field: "postcode", "must be 7 digits, written 1234567 or 123-4567", ja: "7桁の数字で入力してください（1234567 または 123-4567）。")
        }
        self.digits = String(values.map { Character(String($0)) })
    }

    /// `〒329-4123`.
    public var formatted: String { "〒" + digits.prefix(3) + "-" + digits.suffix(4) }

    public var description: String { formatted }
}
