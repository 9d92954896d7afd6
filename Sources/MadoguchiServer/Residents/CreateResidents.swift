import Fluent
import SQLKit

/// Migration 014 - the copy of the resident register (住民記録), fed by the core system's extracts.
// Times are Unix seconds as DOUBLE PRECISION: PostgreSQL's REAL is 4 bytes, which rounds today's times to minutes.
struct CreateResidents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(table: ResidentCopy.table)
            .column("code", type: .text, .primaryKey(autoIncrement: false))
            .column("household", type: .text, .notNull)
            // Register order: household by household, 世帯主 first, as the last full extract listed them.
            .column("ordinal", type: .bigint, .notNull)
            .column("birth_date", type: .text, .notNull)
            .column("search_name", type: .text, .notNull)
            .column("search_kana", type: .text, .notNull)
            .column("search_alpha", type: .text, .notNull)
            // 消除: left the register (転出, 死亡); kept, no longer found.
            .column("removed", type: .int, .notNull)
            .column("changed_on", type: .text)
            // The row in the extract layout (ResidentExtractRow.storedLine), byte-exact, without the 個人番号.
            .column("record", type: .text, .notNull)
            .column("my_number_sealed", type: .text)
            .column("imported_at", type: .custom(SQLRaw("DOUBLE PRECISION")), .notNull)
            .run()
        try await sql.create(index: "residents_household").on(ResidentCopy.table).column("household").column("ordinal").run()
        try await sql.create(index: "residents_birth_date").on(ResidentCopy.table).column("birth_date").run()
        try await sql.create(index: "residents_ordinal").on(ResidentCopy.table).column("ordinal").run()
        // One row every import increments in its transaction: each instance rebuilds its search index when it changes.
        try await sql.create(table: ResidentCopy.versionTable)
            .column("id", type: .int, .primaryKey(autoIncrement: false))
            .column("version", type: .bigint, .notNull)
            .run()
        try await sql.insert(into: ResidentCopy.versionTable).columns("id", "version").values(SQLBind(1), SQLBind(0)).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ResidentCopy.versionTable).delete()
        try await database.schema(ResidentCopy.table).delete()
    }
}
