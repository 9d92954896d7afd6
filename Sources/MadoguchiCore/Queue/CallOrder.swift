/// The documented rule for which waiting ticket a section's counter calls next.
///
/// 1. Priority tickets (優先), by issue time.
/// 2. Reservation holders whose slot has started (`slot <= now`), by slot time — but after
///    `reservedInARowLimit` reserved calls in a row, a walk-in who was already waiting when
///    that slot began goes first, so walk-ins are not starved on a busy reservation day.
/// 3. Walk-ins, by issue time. A reservation holder who checks in more than
///    `reservationGrace` after their slot has lost the slot and queues as a walk-in.
/// 4. Reservation holders who came early wait for their slot; they are called early only
///    when nobody else is waiting, because an idle counter helps no one.
///
/// Ties fall back to issue time and then to the ticket id, so the order is total and every
/// server instance predicts the same one.
public enum CallOrder: Sendable {
    /// At most this many reserved calls in a row while earlier walk-ins wait.
    public static let reservedInARowLimit = 2
    /// How late a reservation holder may check in and keep the slot: 15 minutes.
    public static let reservationGrace: Seconds = 15 * 60

    /// The lane a waiting ticket is called from at `now`.
    public enum Lane: String, Sendable, Hashable, Codable {
        case priority
        case reservation
        case walkIn
        /// A reservation holder before their slot.
        case earlyReservation
    }

    /// The lane `ticket` is in at `now`.
    public static func lane(of ticket: QueueTicketSnapshot, now: Seconds) -> Lane {
        if ticket.priority { return .priority }
        guard let slot = ticket.reservationSlot, ticket.issuedAt <= slot + reservationGrace else { return .walkIn }
        return slot <= now ? .reservation : .earlyReservation
    }

    /// The ticket a counter calls next from `waiting` at `now`, or nil when nobody waits.
    ///
    /// `reservedInARow` is the number of reservation-lane calls the section made since its
    /// last walk-in call (see `reservedInARow(_:after:)`); tickets not in state `.waiting`
    /// are ignored.
    public static func next(
        waiting: [QueueTicketSnapshot], now: Seconds, reservedInARow: Int,
        reservedInARowLimit: Int = CallOrder.reservedInARowLimit
    ) -> QueueTicketSnapshot? {
        guard let index = nextIndex(
            in: waiting, now: now, reservedInARow: reservedInARow, limit: reservedInARowLimit
        ) else { return nil }
        return waiting[index]
    }

    /// The whole predicted order of `waiting` if every call happened at `now`: what a ticket's
    /// position (順番) is shown from.
    public static func ordered(
        waiting: [QueueTicketSnapshot], now: Seconds, reservedInARow: Int,
        reservedInARowLimit: Int = CallOrder.reservedInARowLimit
    ) -> [QueueTicketSnapshot] {
        // A ticket's lane does not change while the others are called at `now`, so each lane is sorted once and
        // the calls merge the lanes' heads as `next` chooses: n log n. (Calling `next` n times was n², and with a
        // thousand tickets waiting it was most of the time a live call took to reach the screens.)
        var lanes: [Lane: [QueueTicketSnapshot]] = [:]
        for ticket in waiting where ticket.state == .waiting { lanes[lane(of: ticket, now: now), default: []].append(ticket) }
        let priority = (lanes[.priority] ?? []).sorted(by: byIssue), walkIn = (lanes[.walkIn] ?? []).sorted(by: byIssue)
        let reserved = (lanes[.reservation] ?? []).sorted(by: bySlot), early = (lanes[.earlyReservation] ?? []).sorted(by: bySlot)
        var order: [QueueTicketSnapshot] = priority
        order.reserveCapacity(priority.count + walkIn.count + reserved.count + early.count)
        // Priority calls come first and leave the count unchanged; then reservations and walk-ins interleave.
        var inARow = reservedInARow
        var nextReserved = 0, nextWalkIn = 0
        while nextReserved < reserved.count {
            let slot = reserved[nextReserved].reservationSlot ?? now
            if inARow >= reservedInARowLimit, nextWalkIn < walkIn.count, walkIn[nextWalkIn].issuedAt < slot {
                order.append(walkIn[nextWalkIn])
                nextWalkIn += 1
                inARow = 0
            } else {
                order.append(reserved[nextReserved])
                nextReserved += 1
                inARow += 1
            }
        }
        order += walkIn[nextWalkIn...]
        order += early
        return order
    }

    /// The reserved-in-a-row count after a call from `lane`.
    ///
    /// A priority call leaves it unchanged: it does not help the walk-ins the limit protects.
    public static func reservedInARow(_ count: Int, after lane: Lane) -> Int {
        switch lane {
        case .reservation: count + 1
        case .priority: count
        case .walkIn, .earlyReservation: 0
        }
    }

    /// The reserved-in-a-row count after a section's calls, oldest first.
    public static func reservedInARow(afterCalls lanes: [Lane]) -> Int {
        lanes.reduce(0) { reservedInARow($0, after: $1) }
    }

    /// Index of the next ticket: one pass keeping the head of each lane.
    static func nextIndex(
        in tickets: [QueueTicketSnapshot], now: Seconds, reservedInARow: Int, limit: Int
    ) -> Int? {
        var priority: Int?, reserved: Int?, walkIn: Int?, early: Int?
        for (index, ticket) in tickets.enumerated() where ticket.state == .waiting {
            switch lane(of: ticket, now: now) {
            case .priority:
                if priority.map({ byIssue(ticket, before: tickets[$0]) }) ?? true { priority = index }
            case .reservation:
                if reserved.map({ bySlot(ticket, before: tickets[$0]) }) ?? true { reserved = index }
            case .walkIn:
                if walkIn.map({ byIssue(ticket, before: tickets[$0]) }) ?? true { walkIn = index }
            case .earlyReservation:
                if early.map({ bySlot(ticket, before: tickets[$0]) }) ?? true { early = index }
            }
        }
        if let priority { return priority }
        if let reserved {
            if reservedInARow >= limit, let walkIn,
               tickets[walkIn].issuedAt < tickets[reserved].reservationSlot ?? now {
                return walkIn
            }
            return reserved
        }
        return walkIn ?? early
    }

    static func byIssue(_ a: QueueTicketSnapshot, before b: QueueTicketSnapshot) -> Bool {
        (a.issuedAt, a.id) < (b.issuedAt, b.id)
    }

    static func bySlot(_ a: QueueTicketSnapshot, before b: QueueTicketSnapshot) -> Bool {
        (a.reservationSlot ?? a.issuedAt, a.issuedAt, a.id) < (b.reservationSlot ?? b.issuedAt, b.issuedAt, b.id)
    }
}
