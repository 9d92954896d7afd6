import Fluent
import SQLKit

/// Migration 016 - where push targets receive hand-offs: the URL (when not in the catalog), the signing secret
/// (sealed like a 個人番号, since whoever holds it can forge Madoguchi's messages), the previous secret during a
/// rotation, and whether the endpoint is off (the core system answered 410 Gone, or staff turned it off).
struct CreateHandoffEndpoints: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(table: HandoffEndpoints.table)
            .column("target", type: .text, .primaryKey(autoIncrement: false))
            .column("url", type: .text)
            .column("secret", type: .text, .notNull)
            .column("previous_secret", type: .text)
            .column("previous_until", type: .custom(SQLRaw("DOUBLE PRECISION")))
            .column("disabled_at", type: .custom(SQLRaw("DOUBLE PRECISION")))
            .column("disabled_reason", type: .text)
            .column("updated_at", type: .custom(SQLRaw("DOUBLE PRECISION")), .notNull)
            .run()
        // A hand-off waits for the earlier ones of its household: finding them must not read the whole outbox.
        try await sql.create(index: "handoffs_household").on(Handoffs.table).column("target").column("household_key").column("seq").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as? any SQLDatabase)?.drop(index: "handoffs_household").run()
        try await database.schema(HandoffEndpoints.table).delete()
    }
}
