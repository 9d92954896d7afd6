import Fluent
import Foundation
import MadoguchiCore
import SQLKit

/// A queue ticket (整理券): one visitor waiting for one section on one day.
final class QueueTicket: Model, @unchecked Sendable {
    static let schema = "queue_tickets"

    @ID(key: .id) var id: UUID?
    /// The day it was issued (Asia/Tokyo), `2026-04-06`: numbers start again every day.
    @Field(key: "day") var day: String
    @Field(key: "section") var section: String
    @Field(key: "number") var number: Int
    /// What is printed and called: the section's letter and the number, `A-012`.
    @Field(key: "label") var label: String
    /// The life events or procedures the visitor came for: they set the expected service time.
    @Field(key: "purposes") var purposes: [String]
    @Field(key: "priority") var priority: Bool
    /// The pre-application or Case the visitor came with; calling the ticket opens it.
    @OptionalField(key: "case_id") var caseID: UUID?
    @OptionalField(key: "reservation_id") var reservationID: UUID?
    /// The secret of the citizen's live ticket page `/t/{token}`; a transfer keeps it.
    @Field(key: "token") var token: String
    @Field(key: "state") var state: QueueTicketState
    /// The place in line: the time the visitor joined the queue (a transfer keeps it).
    @Field(key: "line_at") var lineAt: Date
    @Field(key: "issued_at") var issuedAt: Date
    /// The slot of a reserved visitor.
    @OptionalField(key: "slot_at") var slotAt: Date?
    /// The first call: the service time runs from here to `finishedAt`.
    @OptionalField(key: "called_at") var calledAt: Date?
    /// The latest call (a recall announces it again).
    @OptionalField(key: "announced_at") var announcedAt: Date?
    @OptionalField(key: "counter_number") var counterNumber: Int?
    @Field(key: "calls") var calls: Int
    @OptionalField(key: "finished_at") var finishedAt: Date?
    /// The estimate shown when the ticket was issued, to compare with the real wait.
    @OptionalField(key: "estimated_wait") var estimatedWait: Double?

    init() {}

    init(day: String, section: String, number: Int, letter: String, purposes: [String], priority: Bool, token: String, now: Date) {
        self.day = day
        self.section = section
        self.number = number
        self.label = letter + "-" + String(format: "%03d", number)
        self.purposes = purposes
        self.priority = priority
        self.token = token
        self.state = .waiting
        self.lineAt = now
        self.issuedAt = now
        self.calls = 0
    }

    /// The ticket as the queue logic sees it (times in Unix seconds).
    var snapshot: QueueTicketSnapshot {
        QueueTicketSnapshot(id: id?.uuidString ?? label, section: section, purposes: purposes, issuedAt: lineAt.timeIntervalSince1970,
                            priority: priority, reservationSlot: slotAt?.timeIntervalSince1970, state: state)
    }
}

/// A counter (窓口) of a section, open or closed, and the ticket it is serving.
final class QueueCounter: Model, @unchecked Sendable {
    static let schema = "queue_counters"

    @ID(key: .id) var id: UUID?
    @Field(key: "section") var section: String
    @Field(key: "number") var number: Int
    @Field(key: "open") var open: Bool
    @OptionalField(key: "staff") var staff: String?
    @OptionalField(key: "ticket_id") var ticketID: UUID?
    /// Reserved visitors called in a row since the last walk-in (the interleaving rule of CallOrder).
    @Field(key: "reserved_in_a_row") var reservedInARow: Int

    init() {}

    init(section: String, number: Int) {
        self.section = section
        self.number = number
        self.open = false
        self.reservedInARow = 0
    }
}

/// One row that every change of the queue increments, in the same transaction: the version of the
/// live state, so a board or a phone never shows an older state after a newer one.
final class QueueVersion: Model, @unchecked Sendable {
    static let schema = "queue_version"

    @ID(custom: .id, generatedBy: .user) var id: Int?
    @Field(key: "version") var version: Int

    init() {}

    init(id: Int, version: Int) {
        self.id = id
        self.version = version
    }
}

/// Migration 008 - the queue: tickets, counters and the version of the live state.
struct CreateQueue: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(QueueTicket.schema)
            .id()
            .field("day", .string, .required)
            .field("section", .string, .required)
            .field("number", .int, .required)
            .field("label", .string, .required)
            .field("purposes", .array(of: .string), .required)
            .field("priority", .bool, .required)
            .field("case_id", .uuid, .references(CaseRecord.schema, .id, onDelete: .setNull))
            .field("reservation_id", .uuid)
            .field("token", .string, .required)
            .field("state", .string, .required)
            .field("line_at", .datetime, .required)
            .field("issued_at", .datetime, .required)
            .field("slot_at", .datetime)
            .field("called_at", .datetime)
            .field("announced_at", .datetime)
            .field("counter_number", .int)
            .field("calls", .int, .required)
            .field("finished_at", .datetime)
            .field("estimated_wait", .double)
            .unique(on: "day", "section", "number")
            .create()
        try await database.schema(QueueCounter.schema)
            .id()
            .field("section", .string, .required)
            .field("number", .int, .required)
            .field("open", .bool, .required)
            .field("staff", .string)
            .field("ticket_id", .uuid)
            .field("reserved_in_a_row", .int, .required)
            .unique(on: "section", "number")
            .create()
        try await database.schema(QueueVersion.schema)
            .field(.id, .int, .identifier(auto: false))
            .field("version", .int, .required)
            .create()
        try await QueueVersion(id: 1, version: 0).create(on: database)
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "queue_tickets_day_state").on(QueueTicket.schema).column("day").column("state").run()
            try await sql.create(index: "queue_tickets_token").on(QueueTicket.schema).column("token").run()
            try await sql.create(index: "queue_tickets_finished").on(QueueTicket.schema).column("finished_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        for schema in [QueueVersion.schema, QueueCounter.schema, QueueTicket.schema] {
            try await database.schema(schema).delete()
        }
    }
}
