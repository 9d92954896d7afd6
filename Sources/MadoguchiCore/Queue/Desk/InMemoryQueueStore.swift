import Foundation

/// The queue kept in memory: the same behaviour as the SQL store (each change one atomic step, because an
/// actor runs one at a time), for tests of `QueueDesk` without a database.
public actor InMemoryQueueStore: QueueStore {
    private var tickets: [StoredTicket] = []
    private var counters: [StoredCounter] = []
    private var bookings: [UUID: Booking] = [:]

    private struct Booking {
        var booking: NewBooking
        var cancelled = false
        var ticketID: UUID?
    }

    public init() {}

    public func counter(section: String, number: Int) -> StoredCounter {
        if let counter = counters.first(where: { $0.section == section && $0.number == number }) { return counter }
        let counter = StoredCounter(section: section, number: number)
        counters.append(counter)
        return counter
    }

    public func ticket(_ id: UUID) -> StoredTicket? {
        tickets.first { $0.id == id }
    }

    /// Every ticket, in the order issued (for tests).
    public var allTickets: [StoredTicket] { tickets }

    public func issue(_ new: NewTicket) throws -> StoredTicket {
        if let id = new.reservationID {
            guard let booking = bookings[id], !booking.cancelled else { throw QueueRefusal.bookingCancelled }
            if let ticketID = booking.ticketID, let ticket = ticket(ticketID) { return ticket }
        }
        let highest = tickets.filter { $0.day == new.day && $0.section == new.section && $0.number < StoredTicket.transferredNumbers }
            .map(\.number).max()
        let ticket = StoredTicket(number: StoredTicket.nextNumber(after: highest, transferredIn: false), new)
        tickets.append(ticket)
        if let id = new.reservationID { bookings[id]?.ticketID = ticket.id }
        return ticket
    }

    public func open(_ id: UUID, staff: String) throws {
        try change(id) { counter in
            counter.open = true
            counter.staff = staff
        }
    }

    public func close(_ id: UUID) throws {
        let counter = try counter(id)
        if let ticketID = counter.ticketID, var ticket = ticket(ticketID), ticket.state == .called {
            ticket.state = .waiting
            ticket.counterNumber = nil
            put(ticket)
        }
        try change(id) { counter in
            counter.open = false
            counter.ticketID = nil
        }
    }

    public func callNext(_ id: UUID, day: String, now: Date) throws -> StoredTicket? {
        let counter = try counter(id)
        let call = try QueueCall(counter: counter, inHand: counter.ticketID.flatMap(ticket), waiting: tickets.filter { $0.day == day },
                                 now: now)
        if let finished = call.finished { put(finished) }
        if let called = call.called { put(called) }
        try change(id) { $0 = call.counter }
        return call.called
    }

    public func recall(_ id: UUID, now: Date) throws {
        var (_, ticket) = try inHand(id)
        ticket.announcedAt = now
        ticket.calls += 1
        put(ticket)
    }

    public func end(_ id: UUID, as state: QueueTicketState, now: Date, check: @Sendable (StoredTicket) throws -> Void) throws {
        var (_, ticket) = try inHand(id)
        try check(ticket)
        ticket.state = state
        ticket.finishedAt = now
        put(ticket)
        try change(id) { $0.ticketID = nil }
    }

    public func transfer(_ id: UUID, to section: String, now: Date) throws -> StoredTicket {
        var (_, ticket) = try inHand(id)
        ticket.state = .transferred
        ticket.finishedAt = now
        put(ticket)
        try change(id) { $0.ticketID = nil }
        let highest = tickets.filter { $0.day == ticket.day && $0.section == section && $0.number > StoredTicket.transferredNumbers }
            .map(\.number).max()
        let next = ticket.transferred(to: section, number: StoredTicket.nextNumber(after: highest, transferredIn: true), now: now)
        tickets.append(next)
        return next
    }

    public func book(_ booking: NewBooking, capacity: Int) -> UUID? {
        let taken = bookings.values.filter { $0.booking.section == booking.section && $0.booking.slotAt == booking.slotAt && !$0.cancelled }
        guard taken.count < capacity else { return nil }
        let id = UUID()
        bookings[id] = Booking(booking: booking)
        return id
    }

    public func cancelBooking(_ id: UUID) throws {
        guard let booking = bookings[id], !booking.cancelled, booking.ticketID == nil else { throw QueueRefusal.bookingNotCancellable }
        bookings[id]?.cancelled = true
    }

    private func counter(_ id: UUID) throws -> StoredCounter {
        guard let counter = counters.first(where: { $0.id == id }) else { throw QueueRefusal.counterNotFound }
        return counter
    }

    private func inHand(_ id: UUID) throws -> (StoredCounter, StoredTicket) {
        let counter = try counter(id)
        guard let ticketID = counter.ticketID, let ticket = ticket(ticketID), ticket.state == .called else { throw QueueRefusal.nothingInHand }
        return (counter, ticket)
    }

    private func change(_ id: UUID, _ body: (inout StoredCounter) -> Void) throws {
        guard let index = counters.firstIndex(where: { $0.id == id }) else { throw QueueRefusal.counterNotFound }
        body(&counters[index])
    }

    private func put(_ ticket: StoredTicket) {
        if let index = tickets.firstIndex(where: { $0.id == ticket.id }) { tickets[index] = ticket }
    }
}
