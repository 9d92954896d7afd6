/// Replays one section's simulated day event by event as the server would live it: tickets
/// are issued, counters call by `CallOrder`, the model learns from each finished ticket, and
/// at every issue the estimate shown to the citizen is written down next to what happens.
struct SectionReplay {
    /// One ticket's estimates at issue and its real wait.
    struct Outcome: Sendable, Hashable {
        let issuedAt: Seconds
        let calledAt: Seconds
        /// Nil when no counter was open at issue (no estimate shown).
        let model: Seconds?
        let naive: Seconds?
        var actual: Seconds { calledAt - issuedAt }
    }

    /// How long the server assumes a counter's break lasts.
    static let expectedBreak: Seconds = 10 * 60

    private struct CounterRun {
        let truth: SectionTruth.Counter
        var busyUntil: Seconds?
        var serving: (visitor: Int, startedAt: Seconds)?
        var pausedUntil: Seconds?
        var breakTaken = false
    }

    private let truth: SectionTruth
    private let lunch: Range<Seconds>
    private let section: String
    private var model: ServiceTimeModel
    private let priorMeanTicket: Seconds
    private var counters: [CounterRun]
    private var waiting: [QueueTicketSnapshot] = []
    private var checkedIn: [Bool]
    private var bookingOfVisitor: [Int: Int] = [:]
    private var visitorIndexByID: [String: Int] = [:]
    private var reservedInARow = 0
    private var issued: [(model: Seconds?, naive: Seconds?)]
    private var calledAt: [Seconds?]

    init(truth: SectionTruth, scenario: DayScenario) {
        self.truth = truth
        lunch = scenario.lunch
        section = truth.plan.key
        var priors: [String: Seconds] = [:]
        for purpose in truth.plan.purposes { priors[purpose.key] = scenario.priorShare * purpose.meanSeconds }
        model = ServiceTimeModel(configuration: .init(priors: priors))
        // Before anything has finished, the naive estimate uses the same priors, weighted
        // by how often each purpose comes.
        let totalShare = truth.plan.purposes.reduce(0) { $0 + $1.share }
        priorMeanTicket = truth.plan.purposes.reduce(0) { $0 + $1.share * priors[$1.key]! } / totalShare
        counters = truth.counters.map { CounterRun(truth: $0) }
        for (index, visitor) in truth.visitors.enumerated() { visitorIndexByID[visitor.id] = index }
        checkedIn = [Bool](repeating: false, count: truth.bookings.count)
        for (index, booking) in truth.bookings.enumerated() {
            if let visitor = booking.visitor { bookingOfVisitor[visitor] = index }
        }
        issued = [(Seconds?, Seconds?)](repeating: (nil, nil), count: truth.visitors.count)
        calledAt = [Seconds?](repeating: nil, count: truth.visitors.count)
    }

    /// Runs the day to the last ticket called.
    mutating func run() -> [Outcome] {
        var nextVisitor = 0
        var now = truth.visitors.first?.arrivesAt ?? 0
        while true {
            var next = nextVisitor < truth.visitors.count ? truth.visitors[nextVisitor].arrivesAt : .infinity
            for counter in counters { next = min(next, nextChange(of: counter, after: now)) }
            guard next.isFinite else { break }
            now = max(now, next)
            finishServices(at: now)
            startDueBreaks(at: now)
            callTickets(at: now)
            while nextVisitor < truth.visitors.count, truth.visitors[nextVisitor].arrivesAt <= now {
                issueTicket(nextVisitor, at: now)
                nextVisitor += 1
                callTickets(at: now)
            }
        }
        return truth.visitors.indices.map { index in
            Outcome(
                issuedAt: truth.visitors[index].arrivesAt, calledAt: calledAt[index]!,
                model: issued[index].model, naive: issued[index].naive)
        }
    }

    /// The next moment `counter` changes state: a service ends, a break or lunch ends, or an
    /// idle counter goes on its break.
    private func nextChange(of counter: CounterRun, after now: Seconds) -> Seconds {
        if let busyUntil = counter.busyUntil { return busyUntil }
        if let paused = counter.pausedUntil, paused > now { return paused }
        if counter.truth.takesLunch, inLunch(now) { return lunch.upperBound }
        if !counter.breakTaken, let breakAt = counter.truth.breakAt, breakAt > now { return breakAt }
        return .infinity
    }

    private func inLunch(_ time: Seconds) -> Bool { lunch.contains(time) }

    private func isOpen(_ counter: CounterRun, at time: Seconds) -> Bool {
        !(counter.pausedUntil.map { $0 > time } ?? false) && !(counter.truth.takesLunch && inLunch(time))
    }

    private mutating func finishServices(at now: Seconds) {
        for index in counters.indices {
            guard let busyUntil = counters[index].busyUntil, busyUntil <= now else { continue }
            if let serving = counters[index].serving, truth.visitors[serving.visitor].noShowCalling == nil {
                let visitor = truth.visitors[serving.visitor]
                model.record(section: section, purposes: visitor.purposes, seconds: busyUntil - serving.startedAt)
            }
            counters[index].busyUntil = nil
            counters[index].serving = nil
        }
    }

    private mutating func startDueBreaks(at now: Seconds) {
        for index in counters.indices {
            let counter = counters[index]
            guard counter.busyUntil == nil, !counter.breakTaken, let breakAt = counter.truth.breakAt,
                  breakAt <= now, !(counter.truth.takesLunch && inLunch(now)) else { continue }
            counters[index].breakTaken = true
            counters[index].pausedUntil = now + counter.truth.breakSeconds
        }
    }

    private mutating func callTickets(at now: Seconds) {
        for index in counters.indices where counters[index].busyUntil == nil && isOpen(counters[index], at: now) {
            guard let ticket = CallOrder.next(waiting: waiting, now: now, reservedInARow: reservedInARow) else { return }
            waiting.removeAll { $0.id == ticket.id }
            reservedInARow = CallOrder.reservedInARow(reservedInARow, after: CallOrder.lane(of: ticket, now: now))
            let visitorIndex = visitorIndexByID[ticket.id]!
            let visitor = truth.visitors[visitorIndex]
            calledAt[visitorIndex] = now
            // A visitor who has left costs the counter a few calls before it moves on.
            let seconds = visitor.noShowCalling ?? visitor.serviceSeconds * counters[index].truth.speed
            counters[index].busyUntil = now + seconds
            counters[index].serving = (visitorIndex, now)
        }
    }

    /// A counter as the server sees it: the lunch rota is known; a break is assumed to end
    /// `expectedBreak` after it began (the real length differs); a counter calling a visitor
    /// who does not come looks busy with that ticket.
    private func serverView(of counter: CounterRun, at now: Seconds) -> [WaitEstimator.Counter] {
        var back: Seconds?
        if let pausedUntil = counter.pausedUntil, pausedUntil > now {
            back = max(now + 60, pausedUntil - counter.truth.breakSeconds + Self.expectedBreak)
        }
        let serving = counter.serving.map {
            WaitEstimator.Serving(purposes: truth.visitors[$0.visitor].purposes, startedAt: $0.startedAt)
        }
        guard counter.truth.takesLunch, now < lunch.upperBound else {
            return [.init(serving: back == nil ? serving : nil, opensAt: back)]
        }
        let afterLunch = WaitEstimator.Counter(opensAt: lunch.upperBound)
        let opensAt = back ?? now
        guard opensAt < lunch.lowerBound else { return [afterLunch] }
        return [.init(serving: back == nil ? serving : nil, opensAt: back, closesAt: lunch.lowerBound), afterLunch]
    }

    private mutating func issueTicket(_ index: Int, at now: Seconds) {
        let visitor = truth.visitors[index]
        if let booking = bookingOfVisitor[index] { checkedIn[booking] = true }
        let ticket = QueueTicketSnapshot(
            id: visitor.id, section: section, purposes: visitor.purposes, issuedAt: now,
            priority: visitor.priority, reservationSlot: visitor.reservationSlot)
        waiting.append(ticket)

        // What the server knows now: which counters are open, at lunch or on a break, what
        // each is serving, and the bookings not yet checked in.
        let view = counters.flatMap { serverView(of: $0, at: now) }
        let openCounters = counters.filter { isOpen($0, at: now) }.count
        let upcoming = truth.bookings.indices.compactMap { booking -> WaitEstimator.UpcomingReservation? in
            guard !checkedIn[booking], truth.bookings[booking].slot > now else { return nil }
            return .init(slot: truth.bookings[booking].slot, purposes: truth.bookings[booking].purposes)
        }
        let estimates = WaitEstimator.estimate(
            now: now, section: section, counters: view, waiting: waiting, upcoming: upcoming,
            reservedInARow: reservedInARow, model: model)

        let order = CallOrder.ordered(waiting: waiting, now: now, reservedInARow: reservedInARow)
        let ahead = order.firstIndex { $0.id == visitor.id } ?? order.count
        let naive = WaitEstimator.naive(
            position: ahead, meanServiceSeconds: model.meanTicketSeconds(section: section) ?? priorMeanTicket,
            openCounters: openCounters)
        issued[index] = (estimates[visitor.id], naive)
    }
}
