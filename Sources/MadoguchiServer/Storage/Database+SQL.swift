import Fluent
import SQLKit
import Vapor

extension Database {
    /// This database as SQL — SQLite and PostgreSQL both are — for the statements Fluent does not write.
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw Abort(.internalServerError, reason: "an SQL database is needed") }
        return sql
    }
}
