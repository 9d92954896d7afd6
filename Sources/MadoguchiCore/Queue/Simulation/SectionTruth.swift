/// What really happens in one section on a simulated day, drawn up front from the seed:
/// who comes when, for what, how long they really take, and how the counters behave.
///
/// Deliberately unlike the estimator's assumptions: log-normal times with a 5% chance of a
/// complicated case (×1.8–3), counters that work at different speeds, unannounced short
/// breaks, visitors who leave before they are called, booked visitors who come early, late
/// or not at all.
struct SectionTruth: Sendable {
    struct Visitor: Sendable {
        let id: String
        /// When the ticket is issued (a booked visitor: when they check in).
        let arrivesAt: Seconds
        let purposes: [String]
        let priority: Bool
        let reservationSlot: Seconds?
        /// Service seconds at a counter of speed 1.
        let serviceSeconds: Seconds
        /// Seconds a counter spends calling if the visitor has left; nil when they come.
        let noShowCalling: Seconds?
    }

    struct Booking: Sendable {
        let slot: Seconds
        let purposes: [String]
        /// The visitor who checks in for it; nil when nobody comes.
        let visitor: Int?
    }

    struct Counter: Sendable {
        /// Service time multiplier of the person at this counter.
        let speed: Double
        let takesLunch: Bool
        /// An unannounced break taken at the first free moment from `breakAt`.
        let breakAt: Seconds?
        let breakSeconds: Seconds
    }

    let plan: DayScenario.SectionPlan
    let visitors: [Visitor]  // by arrival
    let bookings: [Booking]
    let counters: [Counter]

    init(plan: DayScenario.SectionPlan, scenario: DayScenario, rng: inout SplitMix64) {
        self.plan = plan
        let hour: Seconds = 3600
        let lunch = scenario.lunch
        counters = (0..<plan.counters).map { index in
            var breakAt: Seconds?
            if rng.chance(0.5) {
                repeat { breakAt = rng.uniform(9.5 * hour, 16.5 * hour) } while lunch.contains(breakAt!)
            }
            return Counter(
                speed: rng.uniform(0.85, 1.2), takesLunch: index >= plan.countersAtLunch,
                breakAt: breakAt, breakSeconds: rng.uniform(5, 15) * 60)
        }

        var drafts: [(arrivesAt: Seconds, slot: Seconds?, purposes: [String], priority: Bool, booking: Int?)] = []
        for (quarter, weight) in scenario.arrivalWeights.enumerated() {
            let start = scenario.opensAt + Double(quarter) * 900
            for _ in 0..<rng.poisson(plan.walkInsPerHour / 4 * weight) {
                let purposes = Self.drawPurposes(plan, &rng)
                drafts.append((rng.uniform(start, start + 900), nil, purposes, rng.chance(plan.priorityShare), nil))
            }
        }
        var bookings: [(slot: Seconds, purposes: [String], comes: Bool)] = []
        for slot in stride(from: 9 * hour, through: 16 * hour, by: 1800) where rng.chance(plan.bookedSlotShare) {
            let purposes = Self.drawPurposes(plan, &rng)
            let behaviour = rng.uniform()
            let comes = behaviour < 0.92
            if comes {
                // Most booked visitors come a little early; some are late.
                let checkIn = behaviour < 0.80 ? slot - rng.uniform(0, 900) : slot + rng.uniform(0, 1200)
                drafts.append((checkIn, slot, purposes, false, bookings.count))
            }
            bookings.append((slot, purposes, comes))
        }
        drafts.sort { $0.arrivesAt < $1.arrivesAt }

        var visitorOfBooking = [Int?](repeating: nil, count: bookings.count)
        visitors = drafts.enumerated().map { index, draft in
            if let booking = draft.booking { visitorOfBooking[booking] = index }
            return Visitor(
                id: "\(plan.key)-\(index + 1)", arrivesAt: draft.arrivesAt,
                purposes: draft.purposes, priority: draft.priority, reservationSlot: draft.slot,
                serviceSeconds: Self.drawServiceSeconds(plan, draft.purposes, &rng),
                noShowCalling: rng.chance(plan.noShowShare) ? rng.uniform(60, 120) : nil)
        }
        self.bookings = bookings.enumerated().map { index, booking in
            Booking(slot: booking.slot, purposes: booking.purposes, visitor: visitorOfBooking[index])
        }
    }

    private static func drawPurposes(_ plan: DayScenario.SectionPlan, _ rng: inout SplitMix64) -> [String] {
        let shares = plan.purposes.map(\.share)
        let first = rng.pick(shares)
        guard rng.chance(plan.secondPurposeShare) else { return [plan.purposes[first].key] }
        var second = first
        while second == first { second = rng.pick(shares) }
        return [plan.purposes[first].key, plan.purposes[second].key]
    }

    private static func drawServiceSeconds(
        _ plan: DayScenario.SectionPlan, _ purposes: [String], _ rng: inout SplitMix64
    ) -> Seconds {
        var seconds: Seconds = 0
        for key in purposes {
            guard let purpose = plan.purposes.first(where: { $0.key == key }) else { continue }
            seconds += rng.logNormal(mean: purpose.meanSeconds, sigma: purpose.sigma)
        }
        // The identity check and the explanation happen once per visit.
        seconds = max(60, seconds - 90 * Double(purposes.count - 1))
        if rng.chance(0.05) { seconds *= rng.uniform(1.8, 3.0) }
        return seconds
    }
}
