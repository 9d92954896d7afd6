/// The waiting tickets of one section as `CallOrder` sees them, kept so that the next call is found without
/// reading every ticket again: the wait estimate replays a day of calls, and scanning the whole queue for each
/// call was n² (with a thousand tickets waiting, a tenth of the server's time in a live call).
///
/// Walk-ins are sorted once; reservations before their slot are sorted by slot and move into the reservation lane
/// as the replay's clock passes their slot; priority tickets and reservations can also join later (booked visitors
/// arriving at their slot), so those two lanes are heaps. `next` chooses exactly as `CallOrder.nextIndex`.
struct CallLanes<Payload> {
    struct Entry {
        let ticket: QueueTicketSnapshot
        let payload: Payload
    }

    private var priority = Heap<Entry> { CallOrder.byIssue($0.ticket, before: $1.ticket) }
    private var reserved = Heap<Entry> { CallOrder.bySlot($0.ticket, before: $1.ticket) }
    private var walkIn: [Entry]
    private var nextWalkIn = 0
    private var early: [Entry]
    private var nextEarly = 0
    /// The replay's clock: lanes are as `CallOrder.lane` puts them at this moment.
    private(set) var now: Seconds

    /// `entries` must be waiting tickets.
    init(_ entries: [Entry], now: Seconds) {
        self.now = now
        var walkIn: [Entry] = [], early: [Entry] = []
        var priority: [Entry] = [], reserved: [Entry] = []
        for entry in entries {
            switch CallOrder.lane(of: entry.ticket, now: now) {
            case .priority: priority.append(entry)
            case .reservation: reserved.append(entry)
            case .walkIn: walkIn.append(entry)
            case .earlyReservation: early.append(entry)
            }
        }
        self.walkIn = walkIn.sorted { CallOrder.byIssue($0.ticket, before: $1.ticket) }
        self.early = early.sorted { CallOrder.bySlot($0.ticket, before: $1.ticket) }
        for entry in priority { self.priority.insert(entry) }
        for entry in reserved { self.reserved.insert(entry) }
    }

    var isEmpty: Bool { priority.isEmpty && reserved.isEmpty && nextWalkIn == walkIn.count && nextEarly == early.count }

    /// A ticket joining at the current clock (a booked visitor at their slot); it must not be a walk-in then.
    mutating func add(_ entry: Entry) {
        switch CallOrder.lane(of: entry.ticket, now: now) {
        case .priority: priority.insert(entry)
        case .reservation: reserved.insert(entry)
        case .walkIn, .earlyReservation:
            preconditionFailure("only tickets whose slot has started join a replay")
        }
    }

    /// Moves the clock on (never back): reservations whose slot has started leave the early lane.
    mutating func advance(to time: Seconds) {
        precondition(time >= now, "the replay's clock only moves on")
        now = time
        while nextEarly < early.count, let slot = early[nextEarly].ticket.reservationSlot, slot <= time {
            reserved.insert(early[nextEarly])
            nextEarly += 1
        }
    }

    /// Removes and returns the ticket called next, as `CallOrder.nextIndex` chooses it.
    mutating func next(reservedInARow: Int, limit: Int) -> Entry? {
        if let entry = priority.popMin() { return entry }
        if let head = reserved.min {
            if reservedInARow >= limit, nextWalkIn < walkIn.count,
               walkIn[nextWalkIn].ticket.issuedAt < head.ticket.reservationSlot ?? now {
                defer { nextWalkIn += 1 }
                return walkIn[nextWalkIn]
            }
            return reserved.popMin()
        }
        if nextWalkIn < walkIn.count {
            defer { nextWalkIn += 1 }
            return walkIn[nextWalkIn]
        }
        if nextEarly < early.count {
            defer { nextEarly += 1 }
            return early[nextEarly]
        }
        return nil
    }
}

/// A binary min-heap by `areInIncreasingOrder`.
struct Heap<Element> {
    private var elements: [Element] = []
    private let areInIncreasingOrder: (Element, Element) -> Bool

    init(by areInIncreasingOrder: @escaping (Element, Element) -> Bool) {
        self.areInIncreasingOrder = areInIncreasingOrder
    }

    var isEmpty: Bool { elements.isEmpty }
    var count: Int { elements.count }
    var min: Element? { elements.first }

    mutating func insert(_ element: Element) {
        elements.append(element)
        var child = elements.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard areInIncreasingOrder(elements[child], elements[parent]) else { break }
            elements.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popMin() -> Element? {
        guard !elements.isEmpty else { return nil }
        elements.swapAt(0, elements.count - 1)
        let smallest = elements.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallestChild = parent
            if left < elements.count, areInIncreasingOrder(elements[left], elements[smallestChild]) { smallestChild = left }
            if right < elements.count, areInIncreasingOrder(elements[right], elements[smallestChild]) { smallestChild = right }
            guard smallestChild != parent else { break }
            elements.swapAt(parent, smallestChild)
            parent = smallestChild
        }
        return smallest
    }
}
