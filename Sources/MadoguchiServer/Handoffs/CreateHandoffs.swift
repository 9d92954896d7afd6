import Fluent
import SQLKit

/// Migration 015 - the hand-off outbox (one row per procedure and core system, written with the hand-off) and the
/// API tokens core systems fetch it with.
// Times are Unix seconds as DOUBLE PRECISION: PostgreSQL's REAL is 4 bytes, which rounds today's times to minutes.
struct CreateHandoffs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(table: Handoffs.table)
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            // The order hand-offs were written in (per target), for paging; never reused.
            .column("seq", type: .bigint, .notNull, .unique)
            .column("target", type: .text, .notNull)
            .column("case_id", type: .text, .notNull)
            .column("procedure_code", type: .text, .notNull)
            // What orders a household's hand-offs: its 世帯番号 when known, else the Case.
            .column("household_key", type: .text, .notNull)
            .column("payload", type: .text, .notNull)
            // pull: waiting → fetched → acknowledged; csv-file: waiting → delivered (→ acknowledged); or dead after
            // too many failed attempts, or cancelled by staff.
            .column("state", type: .text, .notNull)
            .column("attempts", type: .int, .notNull)
            .column("created_at", type: .custom(SQLRaw("DOUBLE PRECISION")), .notNull)
            .column("fetched_at", type: .custom(SQLRaw("DOUBLE PRECISION")))
            .column("delivered_at", type: .custom(SQLRaw("DOUBLE PRECISION")))
            // A delivering instance holds the hand-off until then; another takes it over only after.
            .column("lease_until", type: .custom(SQLRaw("DOUBLE PRECISION")))
            .column("next_attempt_at", type: .custom(SQLRaw("DOUBLE PRECISION")))
            .column("last_error", type: .text)
            .column("file", type: .text)
            .column("acknowledged_at", type: .custom(SQLRaw("DOUBLE PRECISION")))
            // What the core system answered it assigned (住民票コード, 宛名番号, its record number), as JSON.
            .column("result", type: .text)
            .run()
        try await sql.create(index: "handoffs_target_state_seq").on(Handoffs.table).column("target").column("state").column("seq").run()
        try await sql.create(index: "handoffs_case").on(Handoffs.table).column("case_id").run()
        // The last `seq` given: a row every hand-off updates, so two hand-offs at once (two instances) take turns.
        try await sql.create(table: Handoffs.sequenceTable)
            .column("id", type: .int, .primaryKey(autoIncrement: false))
            .column("seq", type: .bigint, .notNull)
            .run()
        try await sql.insert(into: Handoffs.sequenceTable).columns("id", "seq").values(SQLBind(1), SQLBind(0)).run()
        try await sql.create(table: Handoffs.tokenTable)
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("target", type: .text, .notNull)
            .column("token_hash", type: .text, .notNull, .unique)
            .column("label", type: .text, .notNull)
            .column("created_at", type: .custom(SQLRaw("DOUBLE PRECISION")), .notNull)
            .column("revoked_at", type: .custom(SQLRaw("DOUBLE PRECISION")))
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Handoffs.tokenTable).delete()
        try await database.schema(Handoffs.sequenceTable).delete()
        try await database.schema(Handoffs.table).delete()
    }
}
