import Fluent

/// Migration 004 - Cases, their members, procedures and timeline.
struct CreateCases: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let state = try await database.enum("case_state")
            .case("draft").case("confirmed").case("signed").case("handed-off").case("completed").case("cancelled").create()
        let status = try await database.enum("procedure_status")
            .case("waiting").case("open").case("done").case("returned").create()
        try await database.schema(CaseRecord.schema)
            .id()
            .field("reference", .string, .required)
            .field("event_kind", .string, .required)
            .field("state", state, .required)
            .field("event_date", .string)
            .field("notification_date", .string)
            .field("planned_move_out_date", .string)
            .field("known_date", .string)
            .field("from_abroad", .bool, .required)
            .field("dogs", .int, .required)
            .field("mopeds", .int, .required)
            .field("old_address", .json)
            .field("new_address", .json)
            .field("channel", .string, .required)
            .field("created_by", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("signed_at", .datetime)
            .field("signed_pdf_sha256", .string)
            .field("staff_inputs", .int, .required)
            .field("first_printed_at", .datetime)
            .unique(on: "reference")
            .create()
        try await database.schema(CaseMemberRecord.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseRecord.schema, .id, onDelete: .cascade))
            .field("position", .int, .required)
            .field("resident_code", .string)
            .field("family_name", .string, .required)
            .field("given_name", .string, .required)
            .field("family_kana", .string, .required)
            .field("given_kana", .string, .required)
            .field("birth_date", .string)
            .field("sex", .string, .required)
            .field("relation", .string, .required)
            .field("nationality", .string, .required)
            .field("residence_status", .string)
            .field("residence_expiry", .string)
            .field("my_number_sealed", .string)
            .field("my_number_last4", .string)
            .field("facts", .json, .required)
            .unique(on: "case_id", "position")
            .create()
        try await database.schema(CaseProcedureRecord.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseRecord.schema, .id, onDelete: .cascade))
            .field("code", .string, .required)
            .field("section", .string, .required)
            .field("members", .array(of: .int), .required)
            .field("deadline", .string)
            .field("status", status, .required)
            .field("returned_reason", .string)
            .field("updated_by", .string)
            .field("updated_at", .datetime)
            .unique(on: "case_id", "code")
            .create()
        try await database.schema(CaseTimelineEntry.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseRecord.schema, .id, onDelete: .cascade))
            .field("at", .datetime, .required)
            .field("actor", .string, .required)
            .field("what", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [CaseTimelineEntry.schema, CaseProcedureRecord.schema, CaseMemberRecord.schema, CaseRecord.schema] {
            try await database.schema(schema).delete()
        }
        try await database.enum("procedure_status").delete()
        try await database.enum("case_state").delete()
    }
}

/// Migration 005 - the tablet signature of a Case.
struct AddCaseSignature: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CaseRecord.schema).field("signature", .json).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseRecord.schema).deleteField("signature").update()
    }
}
