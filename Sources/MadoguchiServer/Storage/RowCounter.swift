import Fluent
import Foundation
import SQLKit
import Vapor

/// Counting attempts in the row itself (`column = column + 1 … RETURNING`), inside the caller's write
/// transaction: parallel attempts each count, where reading a count and saving it plus one loses some. On
/// PostgreSQL the UPDATE also takes the row's lock, so a second attempt waits for the first one's decision.
enum RowCounter {
    /// Adds `by` (0 or 1) to `column` of the row `id` of `table` and returns the new value; nil: no such row.
    static func add(_ by: Int, to column: String, of table: String, id: UUID, on db: any Database) async throws -> Int? {
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "an SQL database is needed") }
        let row = try await sql.raw("""
            UPDATE \(ident: table) SET \(ident: column) = COALESCE(\(ident: column), 0) + \(literal: by) \
            WHERE id = \(bind: id) RETURNING \(ident: column) AS count
            """).first()
        return try row?.decode(column: "count", as: Int.self)
    }
}

/// Takes a row's lock for the rest of the caller's write transaction, so that what is read next and decided
/// on is not changed by a parallel transaction before this one commits (`SELECT … FOR UPDATE`). On SQLite the
/// write queue already runs write transactions one at a time, and the statement is not needed.
enum RowLock {
    static func lock(_ table: String, id: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT id FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE").run()
    }
}
