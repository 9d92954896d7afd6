/// The citizen's 4-digit 券面事項入力補助用PIN, checked before anything is sent.
///
/// A value of its own, not a `String`, so it cannot end up in a log or an error message by accident: its
/// `description`, `debugDescription` and mirror show no digits. Checking the format first matters because a
/// malformed PIN sent to the card could cost one of its three tries.
public struct CardPIN: Sendable, Hashable {
    /// The PIN as ASCII digits, as VERIFY sends it. Internal: only the reading protocol needs the digits.
    let asciiDigits: [UInt8]

    /// nil unless `digits` is exactly 4 ASCII digits (full-width digits are not converted: the prompt should).
    public init?(_ digits: String) {
        let bytes = Array(digits.utf8)
        guard bytes.count == 4, bytes.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        asciiDigits = bytes
    }
}

extension CardPIN: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "CardPIN(****)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
