/// Time in seconds since an epoch the caller chooses (the server: Unix time; the simulator: midnight).
///
/// The queue only ever subtracts and compares times, so a plain number is enough.
public typealias Seconds = Double

/// Where a queue ticket (整理券) stands in its life.
public enum QueueTicketState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Issued and waiting to be called.
    case waiting
    /// Called to a counter; the citizen is walking there.
    case called
    /// At the counter.
    case serving
    /// Finished.
    case done
    /// Called, but nobody came.
    case noShow
    /// Sent on to another section's queue.
    case transferred
}

/// One queue ticket as the queue logic sees it: a value copied out of storage.
public struct QueueTicketSnapshot: Sendable, Hashable, Codable {
    /// The ticket's identifier (the number printed on the slip, or a database key).
    public var id: String
    /// The section whose counters call this ticket, e.g. `shimin` (市民課) or `hoken` (保険年金課).
    public var section: String
    /// The procedure or life-event codes the visitor came for, e.g. `tennyu`, `kokuho.kanyu`.
    public var purposes: [String]
    /// When the ticket was issued (for a reservation holder: when they checked in).
    public var issuedAt: Seconds
    /// 優先: elderly, disabled or pregnant visitors, called before everyone else.
    public var priority: Bool
    /// The start of the booked slot for a reserved visitor; nil for a walk-in.
    public var reservationSlot: Seconds?
    public var state: QueueTicketState

    public init(
        id: String, section: String, purposes: [String], issuedAt: Seconds,
        priority: Bool = false, reservationSlot: Seconds? = nil, state: QueueTicketState = .waiting
    ) {
        self.id = id
        self.section = section
        self.purposes = purposes
        self.issuedAt = issuedAt
        self.priority = priority
        self.reservationSlot = reservationSlot
        self.state = state
    }
}
