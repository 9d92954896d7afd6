import Fluent
import Foundation
@testable import MadoguchiCore
@testable import MadoguchiServer
import Testing

/// The queue's service (`QueueDesk`) without HTTP, on both stores: the in-memory twin and the SQL store
/// (SQLite, or PostgreSQL when `MADOGUCHI_TEST_POSTGRES_URL` is set). Each behaviour runs on each and must
/// come out the same, including the races: each has exactly one effect.
@Suite struct QueueDeskTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case memory, sql
        var testDescription: String { rawValue }
    }

    /// A weekday morning in Japan (10:00 JST).
    static let morning = Date(timeIntervalSince1970: 1_796_000_400)

    static func withDesk(_ backend: Backend, _ body: (QueueDesk, TestClock) async throws -> Void) async throws {
        let clock = TestClock()
        clock.set(morning)
        let tokens: @Sendable () -> String = { UUID().uuidString }
        switch backend {
        case .memory:
            let catalog = try CatalogLoader.load(directory: catalogDirectory)
            try await body(QueueDesk(store: InMemoryQueueStore(), catalog: catalog, clock: clock.now, noShowGrace: 300, ticketToken: tokens), clock)
        case .sql:
            try await withMadoguchi { app in
                let store = SQLQueueStore(db: app.db, writes: app.writePath, hub: app.madoguchi.queueHub)
                try await body(QueueDesk(store: store, catalog: app.madoguchi.catalog, clock: clock.now, noShowGrace: 300, ticketToken: tokens), clock)
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func ticketsAreNumberedAndCalledInOrderPriorityFirst(_ backend: Backend) async throws {
        try await Self.withDesk(backend) { desk, clock in
            let first = try await desk.issue(section: "JUMIN", purposes: ["move-in"])
            clock.advance(by: 60)
            let second = try await desk.issue(section: "JUMIN", purposes: ["JUMIN"])
            clock.advance(by: 60)
            let priority = try await desk.issue(section: "JUMIN", purposes: ["JUMIN"], priority: true)
            #expect([first.label, second.label, priority.label] == ["A-001", "A-002", "A-003"])
            #expect(try await desk.issue(section: "HOKEN_NENKIN", purposes: ["HOKEN_NENKIN"]).label == "B-001")

            let counter = try await desk.counter(section: "JUMIN", number: 1)
            await #expect(throws: QueueRefusal.counterClosed) { try await desk.callNext(counter) }
            try await desk.open(counter, staff: "counter1")
            let calls = [try await desk.callNext(counter), try await desk.callNext(counter), try await desk.callNext(counter)]
            #expect(calls.map { $0?.label } == ["A-003", "A-001", "A-002"])
            #expect(try await desk.callNext(counter) == nil)  // nobody waits; A-002 is finished
            let ended = try #require(try await desk.store.ticket(second.id))
            #expect(ended.state == .done && ended.counterNumber == 1 && ended.finishedAt != nil)
            #expect(try await desk.current(try await desk.counter(section: "JUMIN", number: 1)) == nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func aNoShowWaitsForTheGraceAndATransferKeepsTheNumber(_ backend: Backend) async throws {
        try await Self.withDesk(backend) { desk, clock in
            let ticket = try await desk.issue(section: "JUMIN", purposes: ["JUMIN"])
            var counter = try await desk.counter(section: "JUMIN", number: 2)
            try await desk.open(counter, staff: "counter1")
            #expect(try await desk.callNext(counter)?.id == ticket.id)
            counter = try await desk.counter(section: "JUMIN", number: 2)
            await #expect(throws: QueueRefusal.self) { try await desk.noShow(counter) }
            try await desk.recall(counter)
            #expect(try await desk.current(counter)?.calls == 2)

            let moved = try await desk.transfer(counter, to: "HOKEN_NENKIN")
            #expect(moved.label == ticket.label && moved.token == ticket.token && moved.lineAt == ticket.lineAt)
            #expect(moved.number == StoredTicket.transferredNumbers + 1 && moved.section == "HOKEN_NENKIN")
            #expect(try await desk.store.ticket(ticket.id)?.state == .transferred)
            await #expect(throws: QueueRefusal.nothingInHand) { try await desk.finish(counter) }
            await #expect(throws: QueueRefusal.self) { try await desk.transfer(counter, to: "JUMIN") }

            // At the next section: called, nobody comes, the grace passes, a no-show.
            let other = try await desk.counter(section: "HOKEN_NENKIN", number: 1)
            try await desk.open(other, staff: "hoken1")
            #expect(try await desk.callNext(other)?.label == ticket.label)
            clock.advance(by: 301)
            try await desk.noShow(try await desk.counter(section: "HOKEN_NENKIN", number: 1))
            #expect(try await desk.store.ticket(moved.id)?.state == .noShow)
        }
    }

    @Test(arguments: Backend.allCases)
    func closingPutsTheTicketInHandBackAtTheFront(_ backend: Backend) async throws {
        try await Self.withDesk(backend) { desk, clock in
            let first = try await desk.issue(section: "JUMIN", purposes: ["JUMIN"])
            clock.advance(by: 30)
            _ = try await desk.issue(section: "JUMIN", purposes: ["JUMIN"])
            let counter = try await desk.counter(section: "JUMIN", number: 1)
            try await desk.open(counter, staff: "counter1")
            _ = try await desk.callNext(counter)
            try await desk.close(counter)
            let back = try #require(try await desk.store.ticket(first.id))
            #expect(back.state == .waiting && back.counterNumber == nil)
            let other = try await desk.counter(section: "JUMIN", number: 3)
            try await desk.open(other, staff: "counter2")
            #expect(try await desk.callNext(other)?.id == first.id)
        }
    }

    /// Eight presses of "call next" at once on one desk: eight calls one after the other — each visitor
    /// called once, every one but the last finished, none lost.
    @Test(arguments: Backend.allCases)
    func callsAtOnceOnOneDeskCallEachVisitorOnce(_ backend: Backend) async throws {
        try await Self.withDesk(backend) { desk, clock in
            var issued: [StoredTicket] = []
            for _ in 0..<8 {
                issued.append(try await desk.issue(section: "JUMIN", purposes: ["JUMIN"]))
                clock.advance(by: 1)
            }
            let counter = try await desk.counter(section: "JUMIN", number: 4)
            try await desk.open(counter, staff: "counter1")
            let called = try await withThrowingTaskGroup(of: StoredTicket?.self) { group in
                for _ in 0..<8 { group.addTask { try await desk.callNext(counter) } }
                return try await group.reduce(into: [StoredTicket]()) { if let ticket = $1 { $0.append(ticket) } }
            }
            #expect(Set(called.map(\.id)) == Set(issued.map(\.id)))
            var states: [QueueTicketState] = []
            for ticket in issued { states.append(try #require(try await desk.store.ticket(ticket.id)).state) }
            #expect(states.filter { $0 == .done }.count == 7 && states.filter { $0 == .called }.count == 1)
        }
    }

    /// A booking scanned at two kiosks at once gets one ticket; a full slot takes no more bookings; a
    /// checked-in booking cannot be cancelled.
    @Test(arguments: Backend.allCases)
    func aBookingChecksInOnceAndItsSlotHoldsItsCapacity(_ backend: Backend) async throws {
        try await Self.withDesk(backend) { desk, _ in
            let slot = Self.morning.addingTimeInterval(1_800)
            let results = try await withThrowingTaskGroup(of: UUID?.self) { group in
                for index in 0..<4 {
                    group.addTask { try await desk.book(section: "JUMIN", slotAt: slot, purposes: ["move-in"], name: nil, tokenHash: "h\(index)") }
                }
                return try await group.reduce(into: [UUID]()) { if let id = $1 { $0.append(id) } }
            }
            #expect(results.count == 1)  // slotCapacity 1
            let booking = try #require(results.first)

            let tickets = try await withThrowingTaskGroup(of: StoredTicket.self) { group in
                for _ in 0..<4 { group.addTask { try await desk.checkIn(booking: booking, section: "JUMIN", purposes: ["move-in"], slotAt: slot) } }
                return try await group.reduce(into: [StoredTicket]()) { $0.append($1) }
            }
            #expect(Set(tickets.map(\.id)).count == 1 && tickets[0].reservationID == booking && tickets[0].slotAt == slot)
            await #expect(throws: QueueRefusal.bookingNotCancellable) { try await desk.cancelBooking(booking) }

            let other = try #require(try await desk.book(section: "JUMIN", slotAt: slot.addingTimeInterval(1_800), purposes: ["JUMIN"],
                                                         name: "山田", tokenHash: "other"))
            try await desk.cancelBooking(other)
            await #expect(throws: QueueRefusal.bookingNotCancellable) { try await desk.cancelBooking(other) }
            await #expect(throws: QueueRefusal.bookingCancelled) {
                try await desk.checkIn(booking: other, section: "JUMIN", purposes: ["JUMIN"], slotAt: slot)
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func unknownSectionsAndCountersAreRefused(_ backend: Backend) async throws {
        try await Self.withDesk(backend) { desk, _ in
            await #expect(throws: QueueRefusal.self) { try await desk.issue(section: "GAKKO", purposes: []) }  // no queue
            await #expect(throws: QueueRefusal.self) { try await desk.counter(section: "JUMIN", number: 100) }
            await #expect(throws: QueueRefusal.counterNotFound) {
                try await desk.callNext(StoredCounter(section: "JUMIN", number: 9, open: true))
            }
        }
    }
}
