/// The 個人番号 (12 digits) read from EF 0001.
///
/// Like a typed one it must be sealed and never logged (番号法 第20条; issue 13), so `description`,
/// `debugDescription` and the mirror never show it; code that stores it asks for `digits` explicitly.
public struct IndividualNumber: Sendable, Hashable {
    /// The 12 ASCII digits.
    public let digits: String

    /// nil unless exactly 12 ASCII digits.
    public init?(digits: String) {
        let bytes = Array(digits.utf8)
        guard bytes.count == 12, bytes.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        self.digits = digits
    }

    /// Decodes EF 0001: a private tag 16 object (`D0` or the card's `DF 10`), then padding.
    public init(ef0001 bytes: [UInt8]) throws(CardDataError) {
        let object: BERTLV?
        do { object = try BERTLV.parseFirst(bytes) } catch { throw .tlv(error) }
        guard let object, object.tag == CardInputSupportAP.Tag.individualNumber else {
            throw .missingItem("個人番号 (private tag 16)")
        }
        guard let number = IndividualNumber(digits: String(decoding: object.value, as: UTF8.self)),
              Array(number.digits.utf8) == object.value else {
            throw .malformedItem("個人番号 (not 12 ASCII digits)")  // never says what it held
        }
        self = number
    }
}

extension IndividualNumber: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String { "IndividualNumber(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
