import Testing
@testable import MadoguchiCore

/// The estimator keeps the call lanes as its replay's clock moves on (`CallLanes`) instead of scanning every
/// waiting ticket for each call. The scan is kept here as the reference: on generated sections — priority
/// tickets, reservations before and after their slot, late check-ins, booked visitors still to come, counters
/// opening, closing and serving — both must predict the same wait for every ticket.
@Suite struct WaitEstimatorReplayTests {
    private let model = ServiceTimeModel(configuration: .init(priors: ["shomei": 600, "juki": 1_200, "nenkin": 300]))

    @Test func theLanesPredictWhatScanningEveryTicketPredicts() {
        var rng = SplitMix64(seed: 0xCA11)
        func draw(_ bound: Int) -> Int { Int(rng.next() % UInt64(bound)) }
        let purposes = ["shomei", "juki", "nenkin"]
        var compared = 0
        for round in 0..<600 {
            let now: Seconds = 36_000
            let waiting = (0..<draw(60)).map { index in
                let issued = now - Seconds(draw(7_200))
                let slot: Seconds? = draw(3) == 0 ? now - 1_800 + Seconds(draw(7_200)) : nil
                return QueueTicketSnapshot(id: "t\(index)", section: "s", purposes: [purposes[draw(3)]], issuedAt: issued,
                                           priority: draw(12) == 0, reservationSlot: slot, state: draw(10) == 0 ? .called : .waiting)
            }
            let counters = (0..<(1 + draw(4))).map { _ -> WaitEstimator.Counter in
                switch draw(4) {
                case 0: return .init(serving: .init(purposes: [purposes[draw(3)]], startedAt: now - Seconds(draw(1_500))))
                case 1: return .init(opensAt: now + Seconds(draw(3_600)))
                case 2: return .init(closesAt: now + Seconds(draw(5_400)))
                default: return .init()
                }
            }
            let upcoming = (0..<draw(6)).map { _ in
                WaitEstimator.UpcomingReservation(slot: now - 600 + Seconds(draw(9_000)), purposes: [purposes[draw(3)]], priority: draw(8) == 0)
            }
            let inARow = draw(4)
            let lanes = WaitEstimator.estimate(now: now, section: "s", counters: counters, waiting: waiting, upcoming: upcoming,
                                               reservedInARow: inARow, model: model)
            let scan = Self.scanning(now: now, section: "s", counters: counters, waiting: waiting, upcoming: upcoming,
                                     reservedInARow: inARow, model: model)
            #expect(lanes == scan, "round \(round)")
            compared += scan.count
        }
        #expect(compared > 5_000)
    }

    @Test func aThousandWaitingAreEstimatedInOrder() {
        let now: Seconds = 36_000
        let waiting = (0..<1_000).map { QueueTicketSnapshot(id: "t\($0)", section: "s", purposes: ["shomei"], issuedAt: now - 5_000 + Seconds($0)) }
        let waits = WaitEstimator.estimate(now: now, section: "s", counters: [.init(), .init()], waiting: waiting, model: model)
        #expect(waits.count == 1_000)
        // Two free counters, ten minutes each: tickets 0 and 1 now, 998 and 999 after 499 rounds.
        let expected = model.expected(section: "s", purposes: ["shomei"])
        #expect(waits["t0"] == 0 && waits["t1"] == 0)
        #expect(abs(waits["t999"]! - 499 * expected) < 0.001)
        #expect(abs(expected - 600) < 60)
    }

    /// The estimator as it was: every call scans the waiting tickets with `CallOrder.nextIndex`.
    static func scanning(now: Seconds, section: String, counters: [WaitEstimator.Counter], waiting: [QueueTicketSnapshot],
                         upcoming: [WaitEstimator.UpcomingReservation], reservedInARow: Int, model: ServiceTimeModel) -> [String: Seconds] {
        guard counters.contains(where: { ($0.opensAt ?? now) <= now }) else { return [:] }
        var freeAt = counters.map { counter -> Seconds in
            if let opensAt = counter.opensAt, opensAt > now { return opensAt }
            guard let serving = counter.serving else { return now }
            return now + WaitEstimator.remaining(of: serving, now: now, section: section, model: model)
        }
        let closesAt = counters.map { $0.closesAt ?? .infinity }
        var pending = waiting.filter { $0.state == .waiting }
        var pendingSeconds = pending.map { model.expected(section: section, purposes: $0.purposes) }
        var pendingIsBooking = [Bool](repeating: false, count: pending.count)
        let bookings = upcoming.sorted { $0.slot < $1.slot }.enumerated().map { index, booking in
            QueueTicketSnapshot(id: "upcoming-\(index)", section: section, purposes: booking.purposes,
                                issuedAt: booking.slot, priority: booking.priority, reservationSlot: booking.slot)
        }
        var nextBooking = 0, inARow = reservedInARow
        var waits: [String: Seconds] = [:]
        while !pending.isEmpty || nextBooking < bookings.count {
            var chosen: Int?
            for index in freeAt.indices where freeAt[index] < closesAt[index] {
                if chosen.map({ freeAt[index] < freeAt[$0] }) ?? true { chosen = index }
            }
            guard let counter = chosen else { break }
            let time = freeAt[counter]
            while nextBooking < bookings.count, bookings[nextBooking].issuedAt <= time {
                pending.append(bookings[nextBooking])
                pendingSeconds.append(model.expected(section: section, purposes: bookings[nextBooking].purposes))
                pendingIsBooking.append(true)
                nextBooking += 1
            }
            guard let index = CallOrder.nextIndex(in: pending, now: time, reservedInARow: inARow, limit: CallOrder.reservedInARowLimit) else {
                freeAt[counter] = bookings[nextBooking].issuedAt
                continue
            }
            let called = pending.remove(at: index)
            let seconds = pendingSeconds.remove(at: index)
            if !pendingIsBooking.remove(at: index) { waits[called.id] = time - now }
            inARow = CallOrder.reservedInARow(inARow, after: CallOrder.lane(of: called, now: time))
            freeAt[counter] = time + seconds
        }
        return waits
    }
}
