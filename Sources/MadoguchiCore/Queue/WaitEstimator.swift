/// Estimates how long each waiting ticket of a section will wait until it is called.
///
/// The estimate replays the section's future on paper: counters free up when their current
/// ticket is expected to finish, each free counter calls the next ticket by `CallOrder`, and
/// a called ticket keeps its counter for the model's expected service time. Counters that
/// close for lunch stop calling and come back when planned; booked visitors who have not
/// checked in join at their slot. A ticket's wait is its predicted call time minus `now`.
public enum WaitEstimator: Sendable {
    /// However long a service has already run, at least this share of its expected time is
    /// assumed to remain: service times have a long tail, so a service that overruns tends
    /// to overrun further rather than end at once.
    public static let minimumRemainingShare = 0.5

    /// Predicted seconds until each waiting ticket is called, keyed by ticket id.
    ///
    /// Empty when no counter is open now: the page then says that no counter is open
    /// rather than showing an endless wait. A ticket missing from the result cannot be
    /// called by the counters given (all of them close first). `reservedInARow` is the
    /// section's current count for `CallOrder`.
    public static func estimate(
        now: Seconds, section: String, counters: [Counter], waiting: [QueueTicketSnapshot],
        upcoming: [UpcomingReservation] = [], reservedInARow: Int = 0,
        model: ServiceTimeModel
    ) -> [String: Seconds] {
        guard counters.contains(where: { ($0.opensAt ?? now) <= now }) else { return [:] }

        var freeAt = counters.map { counter -> Seconds in
            if let opensAt = counter.opensAt, opensAt > now { return opensAt }
            guard let serving = counter.serving else { return now }
            return now + remaining(of: serving, now: now, section: section, model: model)
        }
        let closesAt = counters.map { $0.closesAt ?? .infinity }

        // The lanes of `CallOrder`, kept as the replay's clock moves on: finding each next call is log n, not a
        // pass over every waiting ticket (`CallLanes`).
        typealias Entry = CallLanes<(seconds: Seconds, isBooking: Bool)>.Entry
        var lanes = CallLanes(waiting.filter { $0.state == .waiting }.map {
            Entry(ticket: $0, payload: (model.expected(section: section, purposes: $0.purposes), false))
        }, now: now)
        let bookings = upcoming.sorted { $0.slot < $1.slot }.enumerated().map { index, booking in
            QueueTicketSnapshot(
                id: "upcoming-\(index)", section: section, purposes: booking.purposes,
                issuedAt: booking.slot, priority: booking.priority, reservationSlot: booking.slot)
        }
        var nextBooking = 0
        var inARow = reservedInARow
        var waits: [String: Seconds] = [:]
        waits.reserveCapacity(waiting.count)

        while !lanes.isEmpty || nextBooking < bookings.count {
            // The counter that frees up first and may still call. Its time never goes back: the chosen counter
            // frees up again later, and the others were no earlier.
            var chosen: Int?
            for index in freeAt.indices where freeAt[index] < closesAt[index] {
                if chosen.map({ freeAt[index] < freeAt[$0] }) ?? true { chosen = index }
            }
            guard let counter = chosen else { break }
            let time = max(freeAt[counter], lanes.now)
            lanes.advance(to: time)
            while nextBooking < bookings.count, bookings[nextBooking].issuedAt <= time {
                let booking = bookings[nextBooking]
                lanes.add(Entry(ticket: booking, payload: (model.expected(section: section, purposes: booking.purposes), true)))
                nextBooking += 1
            }
            guard let called = lanes.next(reservedInARow: inARow, limit: CallOrder.reservedInARowLimit) else {
                // Nobody to call yet: the counter idles until the next booked visitor.
                freeAt[counter] = bookings[nextBooking].issuedAt
                continue
            }
            if !called.payload.isBooking { waits[called.ticket.id] = time - now }
            inARow = CallOrder.reservedInARow(inARow, after: CallOrder.lane(of: called.ticket, now: time))
            freeAt[counter] = time + called.payload.seconds
        }
        return waits
    }

    /// The baseline the estimator must beat, as a citizen could work it out from the display:
    /// tickets ahead × mean service time ÷ open counters. `position` counts the tickets to be
    /// called before this one (0 = called next); nil without an open counter.
    ///
    /// Counting from 0 rather than 1 is the stronger baseline on the simulated days, so it is
    /// the one the figures compare against.
    public static func naive(position: Int, meanServiceSeconds: Seconds, openCounters: Int) -> Seconds? {
        guard openCounters > 0 else { return nil }
        return Double(max(0, position)) * meanServiceSeconds / Double(openCounters)
    }

    /// Expected seconds until a counter finishes the ticket it is serving.
    static func remaining(of serving: Serving, now: Seconds, section: String, model: ServiceTimeModel) -> Seconds {
        let expected = model.expected(section: section, purposes: serving.purposes)
        let elapsed = max(0, now - serving.startedAt)
        return max(expected - elapsed, minimumRemainingShare * expected)
    }
}
