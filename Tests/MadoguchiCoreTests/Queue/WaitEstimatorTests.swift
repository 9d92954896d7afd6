import Testing
@testable import MadoguchiCore

@Suite struct WaitEstimatorTests {
    private let model = ServiceTimeModel(configuration: .init(priors: ["shomei": 600]))
    private let now: Seconds = 10 * 3600

    private func waiting(_ count: Int) -> [QueueTicketSnapshot] {
        (1...count).map {
            QueueTicketSnapshot(id: "t\($0)", section: "shimin", purposes: ["shomei"], issuedAt: now - 600 + Double($0))
        }
    }

    private func busy(startedMinutesAgo minutes: Double) -> WaitEstimator.Counter {
        .init(serving: .init(purposes: ["shomei"], startedAt: now - minutes * 60))
    }

    @Test func oneCounterServingFourMinutesIntoTen() {
        // MUT
        let waits = WaitEstimator.estimate(
            now: now, section: "shimin", counters: [busy(startedMinutesAgo: 4)], waiting: waiting(3), model: model)
        // validate
        #expect(waits.count == 3)
        #expect(abs(waits["t1"]! - 6 * 60) < 1)
        #expect(abs(waits["t2"]! - 16 * 60) < 1)
        #expect(abs(waits["t3"]! - 26 * 60) < 1)
    }

    @Test func anOverrunningServiceIsAssumedToRunOnForHalfItsTime() {
        let waits = WaitEstimator.estimate(
            now: now, section: "shimin", counters: [busy(startedMinutesAgo: 15)], waiting: waiting(1), model: model)
        #expect(abs(waits["t1"]! - 5 * 60) < 1)
    }

    @Test func noOpenCounterGivesNoEstimate() {
        #expect(WaitEstimator.estimate(now: now, section: "shimin", counters: [], waiting: waiting(3), model: model).isEmpty)
        let afterLunch = WaitEstimator.Counter(opensAt: now + 3600)
        #expect(WaitEstimator.estimate(
            now: now, section: "shimin", counters: [afterLunch], waiting: waiting(3), model: model).isEmpty)
    }

    @Test func twoCountersRoughlyHalveTheWait() {
        let tickets = waiting(8)
        let one = WaitEstimator.estimate(
            now: now, section: "shimin", counters: [busy(startedMinutesAgo: 5)], waiting: tickets, model: model)
        let two = WaitEstimator.estimate(
            now: now, section: "shimin", counters: [busy(startedMinutesAgo: 5), busy(startedMinutesAgo: 5)],
            waiting: tickets, model: model)
        let ratio = two["t8"]! / one["t8"]!
        #expect(ratio > 0.45 && ratio < 0.6)
    }

    @Test func aCounterClosingForLunchStopsCallingAndComesBack() {
        // setup: two free counters; one closes in 5 minutes and reopens in an hour
        let counters = [
            WaitEstimator.Counter(),
            WaitEstimator.Counter(closesAt: now + 300),
            WaitEstimator.Counter(opensAt: now + 3600),
        ]
        // MUT
        let waits = WaitEstimator.estimate(now: now, section: "shimin", counters: counters, waiting: waiting(8), model: model)
        // validate: t1, t2 at once; then one counter every 10 minutes until the second returns
        #expect(waits["t2"] == 0)
        #expect(abs(waits["t3"]! - 600) < 1)
        #expect(abs(waits["t7"]! - 3000) < 1)
        #expect(abs(waits["t8"]! - 3600) < 1)
    }

    @Test func aBookingDueSoonIsServedAheadOfWalkIns() {
        // setup: the counter frees at +10 min (t1), the booked visitor's slot starts at +15 min
        let upcoming = [WaitEstimator.UpcomingReservation(slot: now + 900, purposes: ["shomei"])]
        let without = WaitEstimator.estimate(
            now: now, section: "shimin", counters: [busy(startedMinutesAgo: 0)], waiting: waiting(2), model: model)
        let with = WaitEstimator.estimate(
            now: now, section: "shimin", counters: [busy(startedMinutesAgo: 0)], waiting: waiting(2),
            upcoming: upcoming, model: model)
        // validate: t1 is called before the slot; t2 after the booked visitor
        #expect(without["t1"] == with["t1"])
        #expect(abs(with["t2"]! - without["t2"]! - 600) < 1)
        #expect(with["upcoming-0"] == nil)
    }

    @Test func naiveIsPlaceTimesMeanOverCounters() {
        #expect(WaitEstimator.naive(position: 4, meanServiceSeconds: 600, openCounters: 2) == 1200)
        #expect(WaitEstimator.naive(position: 0, meanServiceSeconds: 600, openCounters: 2) == 0)
        #expect(WaitEstimator.naive(position: 4, meanServiceSeconds: 600, openCounters: 0) == nil)
    }
}
