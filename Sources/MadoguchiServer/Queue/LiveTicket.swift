import Fluent
import FluentSQLiteDriver
import Foundation
import MadoguchiCore
import SQLKit
import Vapor

/// A ticket of the day as the live state reads it: plain values from one SQL query, without a Fluent model
/// per row. The live state reads every ticket of the day on each build, and under the mixed load Fluent's
/// reflection over the model's fields took a fifth of the server's time (`Benchmarks/mixed`, profiled with
/// perf); the same rows read as values cost a small part of that.
struct LiveTicket: Sendable, Equatable {
    let id: UUID
    let section: String
    let label: String
    let purposes: [String]
    let priority: Bool
    let token: String
    let state: QueueTicketState
    let lineAt: Date
    let issuedAt: Date
    let slotAt: Date?
    let calledAt: Date?
    let announcedAt: Date?
    let counterNumber: Int?

    /// The ticket as the queue logic sees it, as `QueueTicket.snapshot` does.
    var snapshot: QueueTicketSnapshot {
        QueueTicketSnapshot(id: id.uuidString, section: section, purposes: purposes, issuedAt: lineAt.timeIntervalSince1970,
                            priority: priority, reservationSlot: slotAt?.timeIntervalSince1970, state: state)
    }

    /// The columns both read paths select (the general one here, SQLite's own values in `LiveTicket+SQLite`).
    static let columns = ["id", "section", "label", "purposes", "priority", "token", "state", "line_at", "issued_at",
                                  "slot_at", "called_at", "announced_at", "counter_number"]

    /// Every ticket of `day`.
    static func all(of day: String, on db: any Database) async throws -> [LiveTicket] {
        if let sqlite = db as? any SQLiteDatabase {
            return try await read(sqlite, where: "day = ?", [.text(day)])
        }
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "an SQL database is needed") }
        let rows = try await sql.select().columns(columns.map { SQLColumn($0) }).from(QueueTicket.schema)
            .where("day", .equal, day).all()
        return try rows.map(LiveTicket.init)
    }

    /// The tickets waiting at `section` on `day`: what a call chooses from, read as rows (a thousand waiting read
    /// as Fluent models took 120 ms of every call).
    static func waiting(at section: String, on day: String, on db: any Database) async throws -> [LiveTicket] {
        if let sqlite = db as? any SQLiteDatabase {
            return try await read(sqlite, where: "day = ? AND section = ? AND state = ? ORDER BY line_at, number",
                                  [.text(day), .text(section), .text(QueueTicketState.waiting.rawValue)])
        }
        guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError, reason: "an SQL database is needed") }
        let rows = try await sql.select().columns(columns.map { SQLColumn($0) }).from(QueueTicket.schema)
            .where("day", .equal, day).where("section", .equal, section).where("state", .equal, QueueTicketState.waiting.rawValue)
            .orderBy("line_at").orderBy("number").all()
        return try rows.map(LiveTicket.init)
    }
}

extension LiveTicket {
    /// A row decoded the general way (in an extension, so the struct keeps its memberwise initializer).
    init(_ row: any SQLRow) throws {
        let state = try row.decode(column: "state", as: String.self)
        guard let known = QueueTicketState(rawValue: state) else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "unknown ticket state '\(state)'"))
        }
        self.state = known
        id = try row.decode(column: "id", as: UUID.self)
        section = try row.decode(column: "section", as: String.self)
        label = try row.decode(column: "label", as: String.self)
        purposes = try row.decode(column: "purposes", as: [String].self)
        priority = try row.decode(column: "priority", as: Bool.self)
        token = try row.decode(column: "token", as: String.self)
        lineAt = try row.decode(column: "line_at", as: Date.self)
        issuedAt = try row.decode(column: "issued_at", as: Date.self)
        slotAt = try row.decode(column: "slot_at", as: Date?.self)
        calledAt = try row.decode(column: "called_at", as: Date?.self)
        announcedAt = try row.decode(column: "announced_at", as: Date?.self)
        counterNumber = try row.decode(column: "counter_number", as: Int?.self)
    }
}
