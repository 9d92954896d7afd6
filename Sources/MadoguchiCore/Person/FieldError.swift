/// Why a value of a person or address field is not acceptable, naming the field
/// (`family`, `postcode`, …) so a form can mark it and a file loader can point at its line.
public struct FieldError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field's name, as the residents file spells its key.
    public let field: String
    public let message: String

    public init(field: String, _ message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
