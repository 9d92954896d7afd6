import Fluent
import Foundation
import MadoguchiCore
import SQLKit

/// The queue store on SQL, for SQLite and PostgreSQL. Every change is one transaction through the one write
/// path that first bumps the live state's version — which on PostgreSQL locks that row, so queue changes take
/// turns across instances, and notifies every instance when it commits — then tells this instance's hub, so
/// boards and phones hear of it at once.
struct SQLQueueStore: QueueStore {
    let db: any Database
    let writes: WritePath
    let hub: QueueHub

    func counter(section: String, number: Int) async throws -> StoredCounter {
        if let counter = try await QueueCounter.query(on: db).filter(\.$section == section).filter(\.$number == number).first() {
            return try counter.stored
        }
        return try await change { db in
            // Two first visits to a desk at once: the second finds the one the first created.
            if let counter = try await QueueCounter.query(on: db).filter(\.$section == section).filter(\.$number == number).first() {
                return try counter.stored
            }
            let counter = QueueCounter(section: section, number: number)
            try await counter.create(on: db)
            return try counter.stored
        }
    }

    func ticket(_ id: UUID) async throws -> StoredTicket? {
        try await QueueTicket.find(id, on: db)?.stored
    }

    func issue(_ new: NewTicket) async throws -> StoredTicket {
        let ticket = try await change { db -> StoredTicket in
            if let id = new.reservationID {
                guard let booking = try await QueueReservation.find(id, on: db), booking.state != .cancelled else {
                    throw QueueRefusal.bookingCancelled
                }
                if let ticketID = booking.ticketID, let ticket = try await QueueTicket.find(ticketID, on: db) { return try ticket.stored }
            }
            let highest = try await QueueTicket.query(on: db).filter(\.$day == new.day).filter(\.$section == new.section)
                .filter(\.$number < StoredTicket.transferredNumbers).max(\.$number)
            let ticket = StoredTicket(number: StoredTicket.nextNumber(after: highest, transferredIn: false), new)
            try await QueueTicket(ticket).create(on: db)
            if let id = new.reservationID {
                try await QueueReservation.query(on: db).filter(\.$id == id)
                    .set(\.$state, to: .checkedIn).set(\.$ticketID, to: ticket.id).update()
            }
            return ticket
        }
        // What the citizen was told, to be compared with the real wait later (the estimator's own figure).
        if let state = try? await hub.current(on: db), let wait = state.tickets[ticket.token]?.waitSeconds {
            try? await writes.transaction { db in
                try await QueueTicket.query(on: db).filter(\.$id == ticket.id).set(\.$estimatedWait, to: wait).update()
            }
        }
        return ticket
    }

    func open(_ id: UUID, staff: String) async throws {
        try await change { db in
            let counter = try await Self.counter(id, on: db)
            counter.open = true
            counter.staff = staff
            try await counter.save(on: db)
        }
    }

    func close(_ id: UUID) async throws {
        try await change { db in
            let counter = try await Self.counter(id, on: db)
            if let ticketID = counter.ticketID, let ticket = try await QueueTicket.find(ticketID, on: db), ticket.state == .called {
                ticket.state = .waiting
                ticket.counterNumber = nil
                try await ticket.save(on: db)
            }
            counter.open = false
            counter.ticketID = nil
            try await counter.save(on: db)
        }
    }

    func callNext(_ id: UUID, day: String, now: Date) async throws -> StoredTicket? {
        try await change { db in
            // The counter is read again inside the change: two presses at once call two visitors one after the
            // other, never two at the same time with one of them lost.
            let counter = try await Self.counter(id, on: db)
            var inHand: QueueTicket?
            if let ticketID = counter.ticketID { inHand = try await QueueTicket.find(ticketID, on: db) }
            // The choice is made on the waiting tickets' rows; only the one chosen is read whole.
            let waiting = try await LiveTicket.waiting(at: counter.section, on: day, on: db)
            let next = CallOrder.next(waiting: waiting.map(\.snapshot), now: now.timeIntervalSince1970, reservedInARow: counter.reservedInARow)
            var chosen: [StoredTicket] = []
            if let next, let id = UUID(uuidString: next.id), let ticket = try await QueueTicket.find(id, on: db) { chosen = [try ticket.stored] }
            let call = try QueueCall(counter: try counter.stored, inHand: try inHand?.stored, waiting: chosen, now: now)
            if let finished = call.finished { try await Self.put(finished, on: db) }
            if let called = call.called { try await Self.put(called, on: db) }
            counter.ticketID = call.counter.ticketID
            counter.reservedInARow = call.counter.reservedInARow
            try await counter.save(on: db)
            return call.called
        }
    }

    func recall(_ id: UUID, now: Date) async throws {
        try await change { db in
            let (_, ticket) = try await Self.inHand(id, on: db)
            ticket.announcedAt = now
            ticket.calls += 1
            try await ticket.save(on: db)
        }
    }

    func end(_ id: UUID, as state: QueueTicketState, now: Date, check: @escaping @Sendable (StoredTicket) throws -> Void) async throws {
        try await change { db in
            let (counter, ticket) = try await Self.inHand(id, on: db)
            try check(try ticket.stored)
            ticket.state = state
            ticket.finishedAt = now
            try await ticket.save(on: db)
            counter.ticketID = nil
            try await counter.save(on: db)
        }
    }

    func transfer(_ id: UUID, to section: String, now: Date) async throws -> StoredTicket {
        try await change { db in
            let (counter, ticket) = try await Self.inHand(id, on: db)
            ticket.state = .transferred
            ticket.finishedAt = now
            try await ticket.save(on: db)
            counter.ticketID = nil
            try await counter.save(on: db)
            let highest = try await QueueTicket.query(on: db).filter(\.$day == ticket.day).filter(\.$section == section)
                .filter(\.$number > StoredTicket.transferredNumbers).max(\.$number)
            let next = try ticket.stored.transferred(to: section, number: StoredTicket.nextNumber(after: highest, transferredIn: true), now: now)
            try await QueueTicket(next).create(on: db)
            return next
        }
    }

    func book(_ booking: NewBooking, capacity: Int) async throws -> UUID? {
        try await change { db -> UUID? in
            let taken = try await QueueReservation.query(on: db).filter(\.$section == booking.section).filter(\.$slotAt == booking.slotAt)
                .filter(\.$state != .cancelled).count()
            guard taken < capacity else { return nil }
            let reservation = QueueReservation(section: booking.section, slotAt: booking.slotAt, purposes: booking.purposes,
                                               name: booking.name, tokenHash: booking.tokenHash)
            try await reservation.create(on: db)
            return try reservation.requireID()
        }
    }

    func cancelBooking(_ id: UUID) async throws {
        try await change { db in
            guard let booking = try await QueueReservation.find(id, on: db), booking.state == .booked else {
                throw QueueRefusal.bookingNotCancellable
            }
            booking.state = .cancelled
            try await booking.save(on: db)
        }
    }

    /// One change of the queue: bumps the version (on PostgreSQL, and notifies) in the same transaction,
    /// then tells this instance's live hub. Everything that changes what the queue shows goes through here.
    private func change<T: Sendable>(_ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let result = try await writes.transaction { db in
            try await QueueVersion.bump(on: db)
            return try await work(db)
        }
        hub.changed()
        return result
    }

    private static func counter(_ id: UUID, on db: any Database) async throws -> QueueCounter {
        guard let counter = try await QueueCounter.find(id, on: db) else { throw QueueRefusal.counterNotFound }
        return counter
    }

    /// The counter and the ticket it has called, read inside the change.
    private static func inHand(_ id: UUID, on db: any Database) async throws -> (QueueCounter, QueueTicket) {
        let counter = try await counter(id, on: db)
        guard let ticketID = counter.ticketID, let ticket = try await QueueTicket.find(ticketID, on: db), ticket.state == .called else {
            throw QueueRefusal.nothingInHand
        }
        return (counter, ticket)
    }

    /// Writes what a call changed on a ticket.
    private static func put(_ ticket: StoredTicket, on db: any Database) async throws {
        try await QueueTicket.query(on: db).filter(\.$id == ticket.id)
            .set(\.$state, to: ticket.state).set(\.$calledAt, to: ticket.calledAt).set(\.$announcedAt, to: ticket.announcedAt)
            .set(\.$counterNumber, to: ticket.counterNumber).set(\.$calls, to: ticket.calls).set(\.$finishedAt, to: ticket.finishedAt)
            .update()
    }
}

extension QueueTicket {
    convenience init(_ ticket: StoredTicket) {
        self.init()
        id = ticket.id
        day = ticket.day
        section = ticket.section
        number = ticket.number
        label = ticket.label
        purposes = ticket.purposes
        priority = ticket.priority
        caseID = ticket.caseID
        reservationID = ticket.reservationID
        token = ticket.token
        state = ticket.state
        lineAt = ticket.lineAt
        issuedAt = ticket.issuedAt
        slotAt = ticket.slotAt
        calledAt = ticket.calledAt
        announcedAt = ticket.announcedAt
        counterNumber = ticket.counterNumber
        calls = ticket.calls
        finishedAt = ticket.finishedAt
    }

    var stored: StoredTicket {
        get throws {
            StoredTicket(id: try requireID(), day: day, section: section, number: number, label: label, purposes: purposes, priority: priority,
                         caseID: caseID, reservationID: reservationID, token: token, state: state, lineAt: lineAt, issuedAt: issuedAt,
                         slotAt: slotAt, calledAt: calledAt, announcedAt: announcedAt, counterNumber: counterNumber, calls: calls,
                         finishedAt: finishedAt)
        }
    }
}

extension QueueCounter {
    var stored: StoredCounter {
        get throws {
            StoredCounter(id: try requireID(), section: section, number: number, open: open, staff: staff, ticketID: ticketID,
                          reservedInARow: reservedInARow)
        }
    }
}
