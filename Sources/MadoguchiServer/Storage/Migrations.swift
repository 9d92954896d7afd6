import Fluent
import Vapor

/// The schema, one numbered migration after another. The same migrations run on SQLite and PostgreSQL.
enum Migrations {
    /// `database`: where the schema is changed — on SQLite the writer, since request connections are read-only.
    static func register(on app: Application, to database: DatabaseID?) {
        let migrations = app.migrations
        // Migration 001 - the catalog versions that have answered citizens
        migrations.add(CreateCatalogVersions(), to: database)
        // Migration 002 - staff accounts and their sessions
        migrations.add(CreateStaff(), to: database)
        // Migration 003 - the audit log
        migrations.add(CreateAuditEntries(), to: database)
        // Migration 004 - Cases, their members, procedures and timeline
        migrations.add(CreateCases(), to: database)
        // Migration 005 - the tablet signature of a Case
        migrations.add(AddCaseSignature(), to: database)
        // Migration 006 - online applications, attachments, the mail outbox
        migrations.add(CreateOnlineApplications(), to: database)
        // Migration 007 - indexes for the lookups of every request
        migrations.add(CreateLookupIndexes(), to: database)
        // Migration 008 - the queue: tickets, counters, the version of the live state
        migrations.add(CreateQueue(), to: database)
        // Migration 009 - reservations
        migrations.add(CreateQueueReservations(), to: database)
        // Migration 010 - a value sealed with the personal-data key, to check at start that the key is the right one
        migrations.add(CreateKeyProbe(), to: database)
        // Migration 011 - a row the health check rewrites, to prove the write path works
        migrations.add(CreateHealthProbe(), to: database)
        // Migration 012 - indexes on a Case's members and procedures, and on the reference
        migrations.add(CreateCaseIndexes(), to: database)
        // Migration 013 - card readers paired with a staff member, and the cards they read
        migrations.add(CreateCardAgents(), to: database)
        // Migration 014 - the copy of the resident register, fed by the core system's extracts
        migrations.add(CreateResidents(), to: database)
        // Migration 015 - the hand-off outbox and the core systems' API tokens
        migrations.add(CreateHandoffs(), to: database)
        // Migration 016 - the push targets' endpoints: URL, signing secret, on or off
        migrations.add(CreateHandoffEndpoints(), to: database)
        // Migration 017 - movements handed to the registry that its copy does not show yet
        migrations.add(CreateResidentChanges(), to: database)
        // Migration 018 - scanned paper forms and their pages as read
        migrations.add(CreatePaperScans(), to: database)
        // Migration 019 - double keying of chosen fields of a paper form
        migrations.add(AddPaperDoubleKeying(), to: database)
        // Migration 020 - what an application says beyond the household
        migrations.add(CreateCaseDetails(), to: database)
        migrations.add(CreateCertificateIssuances(), to: database)
        // Migration 021 - online certificate requests (posted), and each issuance's channel
        migrations.add(CreateCertificateOrders(), to: database)
        // Migration 022 - a foreign resident's 在留カード番号 in the Case
        migrations.add(AddMemberResidenceCardNumber(), to: database)
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
