import Fluent
import Foundation
import SQLKit

/// A reservation (来庁予約): a slot at a section, booked from a phone, checked in at the kiosk by its QR code.
final class QueueReservation: Model, @unchecked Sendable {
    static let schema = "queue_reservations"

    enum State: String, Codable, Sendable {
        case booked, cancelled, checkedIn
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "section") var section: String
    @Field(key: "slot_at") var slotAt: Date
    /// The life event or section the visit is for (the expected service time).
    @Field(key: "purposes") var purposes: [String]
    /// Optional: how staff may greet the visitor.
    @OptionalField(key: "name") var name: String?
    /// The SHA-256 of the secret in the reservation's link and QR code.
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "state") var state: State
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "ticket_id") var ticketID: UUID?

    init() {}

    init(section: String, slotAt: Date, purposes: [String], name: String?, tokenHash: String) {
        self.section = section
        self.slotAt = slotAt
        self.purposes = purposes
        self.name = name
        self.tokenHash = tokenHash
        self.state = .booked
        self.createdAt = Date()
    }
}

/// Migration 009 - reservations.
struct CreateQueueReservations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(QueueReservation.schema)
            .id()
            .field("section", .string, .required)
            .field("slot_at", .datetime, .required)
            .field("purposes", .array(of: .string), .required)
            .field("name", .string)
            .field("token_hash", .string, .required)
            .field("state", .string, .required)
            .field("created_at", .datetime, .required)
            .field("ticket_id", .uuid)
            .unique(on: "token_hash")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "queue_reservations_slot").on(QueueReservation.schema).column("section").column("slot_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(QueueReservation.schema).delete()
    }
}
