/// A 個人番号 (My Number): 11 digits and a check digit.
///
/// The number is legally fenced (番号法 9, 15, 19, 20): only 個人番号利用事務 may collect, show or
/// store it. So this type never gives it away by accident: `description`, `debugDescription` and
/// its mirror are all the masked form, so string interpolation, `print`, `dump` and loggers
/// show `**** **** 9018` at most. The full number is read only through `digits`, on purpose.
/// It is deliberately not `Codable`: it is stored encrypted elsewhere, never as plain JSON.
public struct MyNumber: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The 12 ASCII digits. Use only where a 個人番号利用事務 needs the number itself.
    public let digits: String

    /// Reads a number as typed: ASCII or full-width digits, grouped by spaces or hyphens
    /// (`1234 5678 9018`, `１２３４－５６７８－９０１８`). Nil for anything else, for a length other
    /// than 12 digits, and for a wrong check digit.
    public init?(_ text: String) {
        guard let values = TypedCharacters.digits(text), values.count == 12,
              let last = values.last, MyNumber.checkDigit(of: values.dropLast()) == last else { return nil }
        self.digits = String(values.map { Character(String($0)) })
    }

    /// The check digit (検査用数字) of the 11 leading digits, or nil when there are not 11.
    ///
    /// 番号法施行令 第8条 leaves the formula to 総務省令 (平成26年総務省令第85号) 第5条:
    /// with Pn the n-th digit counted from the right (n = 1 is the 11th digit) and Qn = n + 1
    /// for 1 ≤ n ≤ 6, n − 5 for 7 ≤ n ≤ 11, the check digit is 11 − (Σ Pn × Qn mod 11),
    /// or 0 when that remainder is 0 or 1.
    ///
    /// It catches every single mistyped digit when the check digit is 1–9. When it is 0 it does
    /// not: remainders 0 and 1 both give 0, so a typo that moves the sum from one to the other
    /// passes. A valid number is a typing check, not proof the number was issued to anyone.
    public static func checkDigit(of leading: some Collection<Int>) -> Int? {
        guard leading.count == 11, leading.allSatisfy({ (0...9).contains($0) }) else { return nil }
        var sum = 0
        for (index, digit) in leading.reversed().enumerated() {
            let n = index + 1
            sum += digit * (n <= 6 ? n + 1 : n - 5)
        }
        let remainder = sum % 11
        return remainder <= 1 ? 0 : 11 - remainder
    }

    /// `**** **** 9018`: the only form ever shown on a screen or written to a log.
    public var masked: String { "**** **** " + digits.suffix(4) }

    public var description: String { masked }
    public var debugDescription: String { masked }
    public var customMirror: Mirror { Mirror(self, children: ["masked": masked], displayStyle: .struct) }
}
