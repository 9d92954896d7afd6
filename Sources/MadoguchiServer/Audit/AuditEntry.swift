import Fluent
import Foundation

/// One line of the audit log: who did what to which Case, when and from where. Every view or change of
/// a citizen's data writes one; the log is append-only (no update or delete path exists in the code).
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "at") var at: Date
    /// The staff user name, or `citizen`/`system`.
    @Field(key: "actor") var actor: String
    @Field(key: "action") var action: String
    /// The Case concerned, when there is one.
    @OptionalField(key: "case_id") var caseID: UUID?
    /// A short description without personal data beyond what identifies the record (never a 個人番号).
    @Field(key: "detail") var detail: String
    @OptionalField(key: "address") var address: String?

    init() {}

    init(at: Date, actor: String, action: String, caseID: UUID?, detail: String, address: String?) {
        self.at = at
        self.actor = actor
        self.action = action
        self.caseID = caseID
        self.detail = detail
        self.address = address
    }
}

struct CreateAuditEntries: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema)
            .id()
            .field("at", .datetime, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("case_id", .uuid)
            .field("detail", .string, .required)
            .field("address", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema).delete()
    }
}
