/// Why a value of a person or address field is not acceptable, naming the field
/// (`family`, `postcode`, …) so a form can mark it and a file loader can point at its line.
public struct FieldError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field's name, as the residents file spells its key.
    public let field: String
    /// In English, for files and the API.
    public let message: String
    /// The same in Japanese, for the pages (nil: only the English exists).
    public let messageJa: String?

    public init(field: String, _ message: String, ja: String? = nil) {
        self.field = field
        self.message = message
        self.messageJa = ja
    }

    public var description: String { "\(field): \(message)" }
}
