import Fluent
import Foundation
import SQLKit

/// A file from a scanner, stored as it came before anything reads it: once the upload is answered the file is on
/// disk, and a crash or restart only delays its reading (`PaperIntake` takes up every scan still `waiting`).
/// The file is personal data: read only to be read by the machine, deleted by the retention rule.
final class PaperScan: Model, @unchecked Sendable {
    static let schema = "paper_scans"

    enum State: String, Codable, Sendable {
        /// Stored, not read yet.
        case waiting
        /// Every page read into `paper_pages`.
        case read
        /// The file itself cannot be read (damaged, not an image); kept with the reason for a person.
        case failed
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "file_name") var fileName: String
    @Field(key: "kind") var kind: String
    @Field(key: "size") var size: Int
    /// The file's bytes; emptied when the retention period has passed (the pages keep their images until then).
    @Field(key: "content") var content: Data
    /// `upload` (the /paper page) or `inbox` (the watched folder of a network scanner).
    @Field(key: "source") var source: String
    @Field(key: "stored_by") var storedBy: String
    @Field(key: "state") var state: State
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "pages") var pages: Int
    /// A reader on some instance has it until then (a reader stopped mid-way leaves it to the next).
    @OptionalField(key: "claimed_until") var claimedUntil: Date?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}
}

/// One page of a scan, read: its form, each zone's value with its confidence and cut-out, and what became of it
/// — checked by staff into a Case, or set aside with a reason.
final class PaperPage: Model, @unchecked Sendable {
    static let schema = "paper_pages"

    enum State: String, Codable, Sendable, CaseIterable {
        /// Read against its form; a person checks the doubtful values.
        case verify
        /// No form could be told (no marks, no label, another version): a person decides.
        case manual
        /// Checked and made a Case.
        case done
        /// Set aside by staff (not a form of ours, a blank page, a duplicate), with a reason.
        case rejected
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "scan_id") var scan: PaperScan
    @Field(key: "number") var number: Int
    @Field(key: "state") var state: State
    @OptionalField(key: "form_id") var formID: String?
    @OptionalField(key: "form_version") var formVersion: Int?
    @OptionalField(key: "print_job") var printJob: String?
    @OptionalField(key: "reason") var reason: String?
    /// `[PaperZoneResult]` as JSON: what the machine read.
    @Field(key: "readings") var readings: Data
    /// The page as a person sees it: upright when aligned, a PNG.
    @Field(key: "image") var image: Data
    @Field(key: "read_seconds") var readSeconds: Double
    @OptionalField(key: "case_id") var caseID: UUID?
    @OptionalField(key: "checked_by") var checkedBy: String?
    @OptionalField(key: "checked_at") var checkedAt: Date?
    /// `PaperPageFigures` as JSON once checked: how much the person had to correct.
    @OptionalField(key: "figures") var figures: Data?
    @Field(key: "created_at") var createdAt: Date
    /// Double keying (ベリファイ): the first staff member's values (`[zone: value]` as JSON) and who keyed them, while
    /// the form's `doubleKey` zones wait for a second staff member to key them blind.
    @OptionalField(key: "first_key") var firstKey: Data?
    @OptionalField(key: "first_key_by") var firstKeyBy: String?

    init() {}

    var firstValues: [String: String] {
        firstKey.flatMap { try? JSONDecoder().decode([String: String].self, from: $0) } ?? [:]
    }
}

struct AddPaperDoubleKeying: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PaperPage.schema).field("first_key", .data).update()
        try await database.schema(PaperPage.schema).field("first_key_by", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PaperPage.schema).deleteField("first_key_by").update()
        try await database.schema(PaperPage.schema).deleteField("first_key").update()
    }
}

struct CreatePaperScans: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PaperScan.schema)
            .id()
            .field("file_name", .string, .required)
            .field("kind", .string, .required)
            .field("size", .int, .required)
            .field("content", .data, .required)
            .field("source", .string, .required)
            .field("stored_by", .string, .required)
            .field("state", .string, .required)
            .field("reason", .string)
            .field("pages", .int, .required)
            .field("claimed_until", .datetime)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        try await database.schema(PaperPage.schema)
            .id()
            .field("scan_id", .uuid, .required, .references(PaperScan.schema, .id, onDelete: .cascade))
            .field("number", .int, .required)
            .field("state", .string, .required)
            .field("form_id", .string)
            .field("form_version", .int)
            .field("print_job", .string)
            .field("reason", .string)
            .field("readings", .data, .required)
            .field("image", .data, .required)
            .field("read_seconds", .double, .required)
            .field("case_id", .uuid)
            .field("checked_by", .string)
            .field("checked_at", .datetime)
            .field("figures", .data)
            .field("created_at", .datetime, .required)
            .unique(on: "scan_id", "number")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "paper_scans_state").on(PaperScan.schema).column("state").run()
            try await sql.create(index: "paper_pages_state").on(PaperPage.schema).column("state").column("created_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PaperPage.schema).delete()
        try await database.schema(PaperScan.schema).delete()
    }
}
