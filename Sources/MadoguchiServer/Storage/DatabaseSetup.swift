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
///
/// On SQLite the connections that serve requests (`req.db`, `app.db`) are opened read-only: a write through
/// them fails at once with "attempt to write a readonly database". Every write goes through the write queue's
/// own connection (`writeTransaction`), so no request can hold the write lock while another spins for it —
/// which is how twenty parallel sign-ins once jammed the server. That is a property of the connection, not a
/// convention: a forgotten write fails in the tests instead of in a city hall.
enum DatabaseSetup {
    static func configure(_ app: Application, settings: Settings) async throws {
        switch settings.database {
        case .sqliteFile(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw StartupError("The data directory \(folder) cannot be created: \(error.localizedDescription)")
            }
            try createPrivately(path)
            app.databases.use(.sqlite(.file(readOnlyURI(path))), as: .sqlite)
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

    /// The database that schema changes and the write queue use: the writer on SQLite, the default otherwise.
    static func writerID(_ app: Application) -> DatabaseID? {
        app.databases.ids().contains(.sqliteWriter) ? .sqliteWriter : nil
    }

    /// A `file:` URI that opens the database read-only (SQLite's `mode=ro`), with the path percent-encoded.
    static func readOnlyURI(_ path: String) -> String {
        var components = URLComponents()
        components.scheme = "file"
        components.path = URL(fileURLWithPath: path).standardizedFileURL.path
        components.query = "mode=ro"
        return components.string ?? "file:\(path)?mode=ro"
    }

    /// The database file and its journals are the municipality's personal data: readable by the service
    /// account only (0600), whatever the umask. SQLite creates `-wal` and `-shm` with the database file's mode.
    static func createPrivately(_ path: String) throws {
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            guard manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw StartupError("The database file \(path) cannot be created.")
            }
        }
        for file in [path, path + "-wal", path + "-shm"] where manager.fileExists(atPath: file) {
            try? manager.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
    }

    /// Runs the migrations and the start-up writes: what `madoguchi serve` does before it listens.
    static func prepare(_ app: Application) async throws {
        if let writer = writerID(app), let sql = app.db(writer) as? any SQLDatabase {
            // WAL lets readers go on while a write commits; the mode is stored in the file.
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
        try await app.autoMigrate()
        try await CatalogVersion.record(app.madoguchi.catalog, app: app)
        try await PersonalDataVault.checkProbe(app)
        if let sample = app.madoguchi.sampleResidents, try await ResidentCopy.isEmpty(on: app.db) {
            let outcome = try await ResidentCopy.import(sample, writes: app.writePath, vault: app.madoguchi.vault)
            app.logger.info("The sample residents were imported into the empty register copy: \(outcome)")
        }
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
