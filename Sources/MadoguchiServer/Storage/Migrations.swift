import Fluent
import Vapor

/// The schema, one numbered migration after another. The same migrations run on SQLite and PostgreSQL.
enum Migrations {
    static func register(on app: Application) {
        // Migration 001 - the catalog versions that have answered citizens
        app.migrations.add(CreateCatalogVersions())
        // Migration 002 - staff accounts and their sessions
        app.migrations.add(CreateStaff())
        // Migration 003 - the audit log
        app.migrations.add(CreateAuditEntries())
        // Migration 004 - Cases, their members, procedures and timeline
        app.migrations.add(CreateCases())
        // Migration 005 - the tablet signature of a Case
        app.migrations.add(AddCaseSignature())
        // Migration 006 - online applications, attachments, the mail outbox
        app.migrations.add(CreateOnlineApplications())
        // Migration 007 - indexes for the lookups of every request
        app.migrations.add(CreateLookupIndexes())
        // Migration 008 - the queue: tickets, counters, the version of the live state
        app.migrations.add(CreateQueue())
        // Migration 009 - reservations
        app.migrations.add(CreateQueueReservations())
    }
}

struct CreateCatalogVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CatalogVersion.schema)
            .id()
            .field("version", .string, .required)
            .field("municipality", .string, .required)
            .field("procedures", .int, .required)
            .field("first_loaded_at", .datetime, .required)
            .unique(on: "version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CatalogVersion.schema).delete()
    }
}
