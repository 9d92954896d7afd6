import Foundation

/// What the kiosk, the booking pages and a counter's desk do with the queue, wherever it is stored: issue
/// tickets, check bookings in, open and close counters, call, recall, finish, mark a no-show, send a visitor
/// on to another section. No HTTP, no database: a store, the catalog and a clock.
public struct QueueDesk: Sendable {
    public let store: any QueueStore
    public let catalog: Catalog
    public let clock: @Sendable () -> Date
    /// How long after the first call a ticket may be marked as a no-show.
    public let noShowGrace: TimeInterval
    /// The secret of a new ticket's page.
    public let ticketToken: @Sendable () -> String

    public init(store: any QueueStore, catalog: Catalog, clock: @escaping @Sendable () -> Date, noShowGrace: TimeInterval,
                ticketToken: @escaping @Sendable () -> String) {
        self.store = store
        self.catalog = catalog
        self.clock = clock
        self.noShowGrace = noShowGrace
        self.ticketToken = ticketToken
    }

    /// The day of `date` in Japan, the key of the day's numbering.
    public static func day(_ date: Date) -> String {
        JapanTime.dayAndMinute(date.timeIntervalSince1970).date.iso
    }

    /// The section with a queue.
    public func queueSection(_ code: String) throws -> (Section, SectionQueue) {
        guard let section = catalog.section(code), let queue = section.queue else {
            throw QueueRefusal(.notFound, "この課は整理券を発行していません。")
        }
        return (section, queue)
    }

    /// A new ticket at the end of the section's line.
    public func issue(section code: String, purposes: [String], priority: Bool = false, caseID: UUID? = nil) async throws -> StoredTicket {
        let (_, queue) = try queueSection(code)
        let now = clock()
        return try await store.issue(NewTicket(day: Self.day(now), section: code, letter: queue.letter, purposes: purposes,
                                               priority: priority, caseID: caseID, token: ticketToken(), now: now))
    }

    /// Checks a booking in: a ticket in the reservation lane (a late arrival beyond the grace is called as a
    /// walk-in, by `CallOrder`). A booking scanned twice gets the same ticket.
    public func checkIn(booking id: UUID, section code: String, purposes: [String], slotAt: Date) async throws -> StoredTicket {
        let (_, queue) = try queueSection(code)
        let now = clock()
        return try await store.issue(NewTicket(day: Self.day(now), section: code, letter: queue.letter, purposes: purposes,
                                               reservationID: id, slotAt: slotAt, token: ticketToken(), now: now))
    }

    /// Books a slot of the section, up to the section's capacity per slot; nil when the slot is full.
    public func book(section code: String, slotAt: Date, purposes: [String], name: String?, tokenHash: String) async throws -> UUID? {
        let (_, queue) = try queueSection(code)
        return try await store.book(NewBooking(section: code, slotAt: slotAt, purposes: purposes, name: name, tokenHash: tokenHash),
                                    capacity: queue.slotCapacity)
    }

    public func cancelBooking(_ id: UUID) async throws {
        try await store.cancelBooking(id)
    }

    /// A counter of a section, created closed the first time it is named.
    public func counter(section: String, number: Int) async throws -> StoredCounter {
        _ = try queueSection(section)
        guard (1...99).contains(number) else { throw QueueRefusal(.invalid, "窓口番号は1から99です。") }
        return try await store.counter(section: section, number: number)
    }

    public func open(_ counter: StoredCounter, staff: String) async throws {
        try await store.open(counter.id, staff: staff)
    }

    public func close(_ counter: StoredCounter) async throws {
        try await store.close(counter.id)
    }

    /// Finishes the ticket in hand, if any, and calls the next one; nil when nobody waits.
    public func callNext(_ counter: StoredCounter) async throws -> StoredTicket? {
        let now = clock()
        return try await store.callNext(counter.id, day: Self.day(now), now: now)
    }

    /// The ticket the counter has called and not yet ended, if any.
    public func current(_ counter: StoredCounter) async throws -> StoredTicket? {
        guard let id = counter.ticketID, let ticket = try await store.ticket(id), ticket.state == .called else { return nil }
        return ticket
    }

    public func recall(_ counter: StoredCounter) async throws {
        try await store.recall(counter.id, now: clock())
    }

    /// Nobody came: allowed once the grace after the first call has passed.
    public func noShow(_ counter: StoredCounter) async throws {
        let now = clock(), grace = noShowGrace
        try await store.end(counter.id, as: .noShow, now: now) { ticket in
            if let called = ticket.calledAt, now.timeIntervalSince(called) < grace {
                throw QueueRefusal(.conflict, "呼び出しから\(Int(grace / 60))分たつまでは不在にできません。もう一度呼び出してください。")
            }
        }
    }

    public func finish(_ counter: StoredCounter) async throws {
        try await store.end(counter.id, as: .done, now: clock()) { _ in }
    }

    /// Sends the visitor on to another section (one visit, several sections): they join its line at the
    /// place they had, with the same ticket page and the number on their paper ticket.
    public func transfer(_ counter: StoredCounter, to code: String) async throws -> StoredTicket {
        guard code != counter.section else { throw QueueRefusal(.invalid, "同じ課には回せません。") }
        _ = try queueSection(code)
        return try await store.transfer(counter.id, to: code, now: clock())
    }
}
