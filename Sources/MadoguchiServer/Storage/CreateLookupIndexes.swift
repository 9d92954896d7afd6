import Fluent
import SQLKit

/// Migration 007 - indexes for the lookups every request makes. Without them a resume link, a work list,
/// a Case's timeline or the audit log is read by scanning the whole table, which grows by the day.
/// A migration that only adds indexes: `(index name, table, columns)`.
protocol IndexMigration: AsyncMigration {
    static var indexes: [(String, String, [String])] { get }
}

extension IndexMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for (name, table, columns) in Self.indexes {
            var builder = sql.create(index: name).on(table)
            for column in columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for (name, _, _) in Self.indexes { try await sql.drop(index: name).run() }
    }
}

struct CreateLookupIndexes: IndexMigration {
    /// (index name, table, columns)
    static let indexes: [(String, String, [String])] = [
        ("cases_draft_token_hash", CaseRecord.schema, ["draft_token_hash"]),
        ("cases_channel_submitted", CaseRecord.schema, ["channel", "submitted_at"]),
        ("case_procedures_section_status", CaseProcedureRecord.schema, ["section", "status"]),
        ("case_timeline_case", CaseTimelineEntry.schema, ["case_id"]),
        ("case_attachments_case", CaseAttachment.schema, ["case_id"]),
        ("audit_entries_at", AuditEntry.schema, ["at"]),
        ("audit_entries_case", AuditEntry.schema, ["case_id"]),
        ("mail_outbox_pending", OutgoingMail.schema, ["sent_at"]),
        ("staff_sessions_user", StaffSession.schema, ["user_id"]),
    ]

}

/// Migration 012 - a Case's members and procedures are read by the Case on every counter screen, save and
/// submission. (The reference is unique, so already indexed.)
struct CreateCaseIndexes: IndexMigration {
    static let indexes: [(String, String, [String])] = [
        ("case_members_case", CaseMemberRecord.schema, ["case_id"]),
        ("case_procedures_case", CaseProcedureRecord.schema, ["case_id"]),
    ]

}
