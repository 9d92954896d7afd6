import Foundation

/// What "call next" does at a counter, decided on the queue as stored at that moment: the ticket in hand
/// (if still called) is finished, the next by `CallOrder` is called. Both stores apply it the same way.
public struct QueueCall: Sendable, Equatable {
    /// The ticket in hand to finish, if any.
    public var finished: StoredTicket?
    /// The ticket called, nil when nobody waits.
    public var called: StoredTicket?
    /// The counter after the call.
    public var counter: StoredCounter

    public init(counter: StoredCounter, inHand: StoredTicket?, waiting: [StoredTicket], now: Date) throws {
        guard counter.open else { throw QueueRefusal.counterClosed }
        var counter = counter
        if var current = inHand, current.id == counter.ticketID, current.state == .called {
            current.state = .done
            current.finishedAt = now
            finished = current
        }
        // In the order the store read them: ties in the call order fall the same way in both stores.
        let candidates = waiting.filter { $0.state == .waiting && $0.section == counter.section }
        guard let next = CallOrder.next(waiting: candidates.map(\.snapshot), now: now.timeIntervalSince1970,
                                        reservedInARow: counter.reservedInARow),
              var ticket = candidates.first(where: { $0.id.uuidString == next.id }) else {
            counter.ticketID = nil
            self.counter = counter
            return
        }
        ticket.state = .called
        ticket.calledAt = now
        ticket.announcedAt = now
        ticket.counterNumber = counter.number
        ticket.calls = 1
        counter.ticketID = ticket.id
        counter.reservedInARow = CallOrder.reservedInARow(counter.reservedInARow, after: CallOrder.lane(of: next, now: now.timeIntervalSince1970))
        called = ticket
        self.counter = counter
    }
}
