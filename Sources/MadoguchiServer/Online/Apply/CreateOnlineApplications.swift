import Foundation
import Fluent

/// Migration 006 - online applications: what a citizen's pre-application adds to a Case, its attachments,
/// and the mail outbox.
struct CreateOnlineApplications: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        let columns: [(String, DatabaseSchema.DataType)] = [
            ("submitted_at", .datetime), ("draft_token_hash", .string), ("draft_expires_at", .datetime),
            ("applicant_birth_date", .string), ("contact_email", .string), ("withdrawn_at", .datetime),
            ("status_failures", .int), ("status_locked_until", .datetime),
        ]
        for (name, type) in columns {
            try await database.schema(CaseRecord.schema).field(.string(name), type).update()
        }
        try await database.schema(CaseAttachment.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseRecord.schema, .id, onDelete: .cascade))
            .field("procedure_code", .string)
            .field("kind", .string, .required)
            .field("file_name", .string, .required)
            .field("size", .int, .required)
            .field("content", .data, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(OutgoingMail.schema)
            .id()
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .field("attempts", .int, .required)
            .field("last_error", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutgoingMail.schema).delete()
        try await database.schema(CaseAttachment.schema).delete()
        for field in ["submitted_at", "draft_token_hash", "draft_expires_at", "applicant_birth_date", "contact_email",
                      "withdrawn_at", "status_failures", "status_locked_until"] {
            try await database.schema(CaseRecord.schema).deleteField(.string(field)).update()
        }
    }
}

/// A file a citizen attached (a photo of a 在学証明書, a PDF). Kept in the database, so it is as durable
/// as the application and every instance behind the load balancer sees it.
final class CaseAttachment: Model, @unchecked Sendable {
    static let schema = "case_attachments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @OptionalField(key: "procedure_code") var procedureCode: String?
    @Field(key: "kind") var kind: String
    /// The name the citizen's file had, for display only.
    @Field(key: "file_name") var fileName: String
    @Field(key: "size") var size: Int
    @Field(key: "content") var content: Data
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

/// A mail waiting to be sent, written in the same transaction as what it announces, so a crash can
/// delay a mail but never lose it.
final class OutgoingMail: Model, @unchecked Sendable {
    static let schema = "mail_outbox"

    @ID(key: .id) var id: UUID?
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?
    @Field(key: "attempts") var attempts: Int
    @OptionalField(key: "last_error") var lastError: String?

    init() {}

    init(recipient: String, subject: String, body: String) {
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.createdAt = Date()
        self.attempts = 0
    }
}
