import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

extension DatabaseID {
    /// The SQLite connection that write transactions take turns on (see `WriteQueue`).
    static let sqliteWriter = DatabaseID(string: "sqlite-writer")
}

/// Connects Fluent to the embedded SQLite file or to PostgreSQL.
enum DatabaseSetup {
    static func configure(_ app: Application, settings: Settings) async throws {
        switch settings.database {
        case .sqliteMemory:
            app.databases.use(.sqlite(.memory), as: .sqlite)
        case .sqliteFile(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw StartupError("The data directory \(folder) cannot be created: \(error.localizedDescription)")
            }
            app.databases.use(.sqlite(.file(path)), as: .sqlite)
            // The write queue's own connection: a group commit holds it for the whole transaction, which must
            // not take one of the few connections that serve every request's reads.
            app.databases.use(.sqlite(.file(path)), as: .sqliteWriter, isDefault: false)
        case .postgres(let url):
            let configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw StartupError("DATABASE_URL is not a usable PostgreSQL URL (postgres://user:password@host:5432/database).")
            }
            app.databases.use(.postgres(configuration: configuration), as: .psql)
        }
    }

    /// Runs the migrations and the start-up writes: what `madoguchi serve` does before it listens.
    static func prepare(_ app: Application) async throws {
        if app.databases.ids().contains(.sqlite), let sql = app.db as? any SQLDatabase {
            // WAL lets readers go on while a write commits; the mode is stored in the file.
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
        try await app.autoMigrate()
        try await CatalogVersion.record(app.madoguchi.catalog, on: app.db)
        if let password = try await StaffAccounts(app: app).createFirstAdminIfNone() {
            // Printed once to the console of the person installing Madoguchi, never logged or stored.
            print("""

                ┌──────────────────────────────────────────────────────────────┐
                │ Madoguchi: first start. Sign in at /login as the administrator │
                │   user name: admin                                             │
                │   one-time password: \(password)                          │
                │ You will be asked to choose your own password.                 │
                └──────────────────────────────────────────────────────────────┘

                """)
        }
    }
}
