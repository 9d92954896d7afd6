import Fluent
import Foundation
import MadoguchiCore
import SQLKit
import Vapor

/// Everything that changes the queue: issuing tickets, opening counters, calling, finishing, transferring.
/// Each change is one transaction that also bumps the live state's version (and, on PostgreSQL, notifies
/// every instance), so boards and phones hear of it at once.
struct QueueService {
    let req: Request

    var catalog: Catalog { req.madoguchi.catalog }

    /// Today's date in Japan, the key of the day's numbering.
    static func day(_ date: Date = Date()) -> String {
        JapanTime.dayAndMinute(date.timeIntervalSince1970).date.iso
    }

    /// The section with a queue, or 404.
    func queueSection(_ code: String) throws -> (Section, SectionQueue) {
        guard let section = catalog.section(code), let queue = section.queue else {
            throw Abort(.notFound, reason: "この課は整理券を発行していません。")
        }
        return (section, queue)
    }

    /// A new ticket at the end of the section's line. `inTheSameChange` runs first in the ticket's own
    /// transaction and may hand back an existing ticket instead (a booking already checked in).
    func issue(section code: String, purposes: [String], priority: Bool = false, caseID: UUID? = nil,
               slotAt: Date? = nil, reservationID: UUID? = nil,
               existing: @escaping @Sendable (any Database) async throws -> QueueTicket? = { _ in nil },
               linked: @escaping @Sendable (QueueTicket, any Database) async throws -> Void = { _, _ in }) async throws -> QueueTicket {
        let (_, queue) = try queueSection(code)
        let now = Date()
        let day = Self.day(now)
        let ticket = try await write { db in
            if let ticket = try await existing(db) { return ticket }
            let ticket = QueueTicket(day: day, section: code, number: try await Self.nextNumber(day: day, section: code, on: db),
                                     letter: queue.letter, purposes: purposes, priority: priority, token: Self.ticketToken(), now: now)
            ticket.caseID = caseID
            ticket.reservationID = reservationID
            ticket.slotAt = slotAt
            try await ticket.create(on: db)
            try await linked(ticket, db)
            return ticket
        }
        // What the citizen was told, to be compared with the real wait (the estimator's own figure).
        if let state = try? await req.madoguchi.queueHub.current(on: req.db),
           let wait = state.tickets[ticket.token]?.waitSeconds {
            ticket.estimatedWait = wait
            let id = try ticket.requireID()
            try? await req.writeTransaction { db in
                try await QueueTicket.query(on: db).filter(\.$id == id).set(\.$estimatedWait, to: wait).update()
            }
        }
        return ticket
    }

    /// A counter of a section, created closed the first time it is named.
    func counter(section: String, number: Int) async throws -> QueueCounter {
        _ = try queueSection(section)
        guard (1...99).contains(number) else { throw Abort(.badRequest, reason: "窓口番号は1から99です。") }
        if let counter = try await QueueCounter.query(on: req.db).filter(\.$section == section).filter(\.$number == number).first() {
            return counter
        }
        return try await write { db in
            // Two first visits to a desk at once: the second finds the one the first created.
            if let counter = try await QueueCounter.query(on: db).filter(\.$section == section).filter(\.$number == number).first() {
                return counter
            }
            let counter = QueueCounter(section: section, number: number)
            try await counter.create(on: db)
            return counter
        }
    }

    func open(_ counter: QueueCounter, staff: String) async throws {
        let id = try counter.requireID()
        try await write { db in
            let counter = try await Self.fresh(id, on: db)
            counter.open = true
            counter.staff = staff
            try await counter.save(on: db)
        }
    }

    /// Closes the counter; a ticket still in hand goes back to the front of the line.
    func close(_ counter: QueueCounter) async throws {
        let id = try counter.requireID()
        try await write { db in
            let counter = try await Self.fresh(id, on: db)
            if let id = counter.ticketID, let ticket = try await QueueTicket.find(id, on: db), ticket.state == .called {
                ticket.state = .waiting
                ticket.counterNumber = nil
                try await ticket.save(on: db)
            }
            counter.open = false
            counter.ticketID = nil
            try await counter.save(on: db)
        }
    }

    /// Finishes the ticket in hand, if any, and calls the next one by `CallOrder`; nil when nobody waits.
    /// The counter is read again inside the change: two presses at once call two visitors one after the
    /// other, never two at the same time with one of them lost.
    func callNext(_ counter: QueueCounter) async throws -> QueueTicket? {
        let id = try counter.requireID()
        let now = Date()
        let day = Self.day(now)
        return try await write { db in
            let counter = try await Self.fresh(id, on: db)
            guard counter.open else { throw Abort(.conflict, reason: "窓口を開いてから呼び出してください。") }
            if let id = counter.ticketID, let current = try await QueueTicket.find(id, on: db), current.state == .called {
                current.state = .done
                current.finishedAt = now
                try await current.save(on: db)
            }
            let waiting = try await QueueTicket.query(on: db).filter(\.$day == day).filter(\.$section == counter.section)
                .filter(\.$state == .waiting).all()
            let byID = Dictionary(uniqueKeysWithValues: waiting.compactMap { ticket in ticket.id.map { ($0.uuidString, ticket) } })
            guard let next = CallOrder.next(waiting: waiting.map(\.snapshot), now: now.timeIntervalSince1970,
                                            reservedInARow: counter.reservedInARow),
                  let ticket = byID[next.id] else {
                counter.ticketID = nil
                try await counter.save(on: db)
                return nil
            }
            ticket.state = .called
            ticket.calledAt = now
            ticket.announcedAt = now
            ticket.counterNumber = counter.number
            ticket.calls = 1
            try await ticket.save(on: db)
            counter.ticketID = ticket.id
            counter.reservedInARow = CallOrder.reservedInARow(counter.reservedInARow, after: CallOrder.lane(of: next, now: now.timeIntervalSince1970))
            try await counter.save(on: db)
            return ticket
        }
    }

    /// The ticket the counter is serving, if any.
    func current(_ counter: QueueCounter) async throws -> QueueTicket? {
        guard let id = counter.ticketID else { return nil }
        return try await QueueTicket.find(id, on: req.db)
    }

    /// Announces the ticket in hand again.
    func recall(_ counter: QueueCounter) async throws {
        let id = try counter.requireID()
        try await write { db in
            let (_, ticket) = try await Self.inHand(id, on: db)
            ticket.announcedAt = Date()
            ticket.calls += 1
            try await ticket.save(on: db)
        }
    }

    /// Nobody came: allowed once the grace after the first call has passed.
    func noShow(_ counter: QueueCounter) async throws {
        let grace = req.madoguchi.noShowGrace, now = req.madoguchi.clock()
        try await end(counter, as: .noShow) { ticket in
            if let called = ticket.calledAt, now.timeIntervalSince(called) < grace {
                throw Abort(.conflict, reason: "呼び出しから\(Int(grace / 60))分たつまでは不在にできません。もう一度呼び出してください。")
            }
        }
    }

    func finish(_ counter: QueueCounter) async throws {
        try await end(counter, as: .done) { _ in }
    }

    /// Sends the visitor on to another section (one visit, several sections): they join its line at the
    /// place they had in the first one, with the same ticket page.
    func transfer(_ counter: QueueCounter, to code: String) async throws -> QueueTicket {
        guard code != counter.section else { throw Abort(.badRequest, reason: "同じ課には回せません。") }
        let (_, queue) = try queueSection(code)
        let id = try counter.requireID()
        let now = Date()
        return try await write { db in
            let (counter, ticket) = try await Self.inHand(id, on: db)
            ticket.state = .transferred
            ticket.finishedAt = now
            try await ticket.save(on: db)
            counter.ticketID = nil
            try await counter.save(on: db)
            // The visitor keeps the number on their paper ticket: the board and the phone call that number.
            let next = QueueTicket(day: ticket.day, section: code, number: try await Self.nextNumber(day: ticket.day, section: code, transferredIn: true, on: db),
                                   letter: queue.letter, purposes: [code], priority: ticket.priority, token: ticket.token, now: now)
            next.label = ticket.label
            next.lineAt = ticket.lineAt
            next.caseID = ticket.caseID
            try await next.create(on: db)
            return next
        }
    }

    /// The counter as stored now, inside the change's transaction.
    private static func fresh(_ id: UUID, on db: any Database) async throws -> QueueCounter {
        guard let counter = try await QueueCounter.find(id, on: db) else { throw Abort(.notFound, reason: "窓口が見つかりません。") }
        return counter
    }

    /// The counter and the ticket it has called, read inside the change; 409 when it has none.
    private static func inHand(_ id: UUID, on db: any Database) async throws -> (QueueCounter, QueueTicket) {
        let counter = try await fresh(id, on: db)
        guard let ticketID = counter.ticketID, let ticket = try await QueueTicket.find(ticketID, on: db), ticket.state == .called else {
            throw Abort(.conflict, reason: "呼び出し中の整理券がありません。")
        }
        return (counter, ticket)
    }

    /// Ends the ticket in hand as `state`, after `check` (read, check, write in one change).
    private func end(_ counter: QueueCounter, as state: QueueTicketState,
                     check: @escaping @Sendable (QueueTicket) throws -> Void) async throws {
        let id = try counter.requireID()
        try await write { db in
            let (counter, ticket) = try await Self.inHand(id, on: db)
            try check(ticket)
            ticket.state = state
            ticket.finishedAt = Date()
            try await ticket.save(on: db)
            counter.ticketID = nil
            try await counter.save(on: db)
        }
    }

    /// One change of the queue: bumps the version (on PostgreSQL, and notifies) in the same transaction,
    /// then tells this instance's live hub. Everything that changes what the queue shows goes through here.
    func write<T: Sendable>(_ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let result = try await req.writeTransaction { db in
            try await QueueVersion.bump(on: db)
            return try await work(db)
        }
        req.madoguchi.queueHub.changed()
        return result
    }

    /// The section's next number of the day (inside the change's transaction, which holds the version row).
    /// Numbers from here on are visitors sent on from another section: they keep the label of their paper
    /// ticket (`A-007` stays `A-007` at 保険年金課), and the section's own numbering (`B-001`, `B-002`, …) goes on.
    static let transferredNumbers = 100_000

    /// The section's next number of the day (its own tickets, or those sent on to it).
    private static func nextNumber(day: String, section: String, transferredIn: Bool = false, on db: any Database) async throws -> Int {
        let base = transferredIn ? transferredNumbers : 0
        let query = QueueTicket.query(on: db).filter(\.$day == day).filter(\.$section == section)
        let highest = transferredIn ? try await query.filter(\.$number > base).max(\.$number)
            : try await query.filter(\.$number < transferredNumbers).max(\.$number)
        return (highest ?? base) + 1
    }

    /// The secret of a ticket page: short enough for a QR code on a receipt, too long to guess.
    static func ticketToken() -> String { String(Tokens.random().prefix(16)) }
}

extension QueueVersion {
    /// The channel instances listen on.
    static let channel = "madoguchi_queue"

    static func bump(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("UPDATE queue_version SET version = version + 1 WHERE id = 1").run()
        if sql.dialect.name == "postgresql" {
            // Delivered to every listening instance when this transaction commits, not before.
            try await sql.raw("SELECT pg_notify(\(bind: channel), '')").run()
        }
    }

    static func current(on db: any Database) async throws -> Int {
        try await QueueVersion.find(1, on: db)?.version ?? 0
    }
}
