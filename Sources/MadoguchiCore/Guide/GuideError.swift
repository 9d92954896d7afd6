/// Why a guide request cannot be answered: the API's `400` error body.
public struct GuideError: Error, Sendable, Equatable {
    public enum Code: String, Sendable {
        case invalidJSON = "invalid_json"
        case unsupportedMediaType = "unsupported_media_type"
        case bodyTooLarge = "body_too_large"
        case missingField = "missing_field"
        case invalidType = "invalid_type"
        case invalidValue = "invalid_value"
        case invalidDate = "invalid_date"
        case tooManyMembers = "too_many_members"
        case noMembers = "no_members"
    }

    public let code: Code
    public let message: String
    /// The path of the offending field, e.g. `members[1].birthDate`; nil for the body as a whole.
    public let field: String?
    /// The message in Japanese, where the code and field alone do not say it (the web form shows it).
    public let messageJa: String?

    public init(_ code: Code, _ message: String, field: String? = nil, ja: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.messageJa = ja
    }
}
