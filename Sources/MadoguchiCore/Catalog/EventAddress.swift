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
    /// In the municipality (`local: true`): where a household moves in, the one it leaves within the city. Its
    /// 都道府県, 市区町村 and 町字 are filled from the catalog (`LocalAddresses`).
    public let local: Bool

    public init(kind: Kind, label: LocalizedText, required: Bool, local: Bool = false) {
        self.kind = kind
        self.label = label
        self.required = required
        self.local = local
    }

    /// What an event without an `addresses:` list records: the household's address, not needed to confirm.
    public static let current = EventAddress(kind: .old, label: LocalizedText(ja: "住所", en: "Address", easy: "じゅうしょ"),
                                             required: false, local: true)
}
