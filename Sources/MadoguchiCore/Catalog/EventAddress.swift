/// An address a Case of an event records, as the event's catalog file names it: the one the household
/// leaves (`old`) or the one it goes to (`new`), with the label the forms show, and whether confirming the
/// Case needs it (a move-in cannot be registered without both; a birth records only the current address).
public struct EventAddress: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case old
        case new
    }

    public let kind: Kind
    public let label: LocalizedText
    public let required: Bool

    public init(kind: Kind, label: LocalizedText, required: Bool) {
        self.kind = kind
        self.label = label
        self.required = required
    }

    /// What an event without an `addresses:` list records: the household's address, not needed to confirm.
    public static let current = EventAddress(kind: .old, label: LocalizedText(ja: "住所", en: "Address", easy: "じゅうしょ"),
                                             required: false)
}
