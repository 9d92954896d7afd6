import Testing
@testable import MadoguchiCore

@Suite struct TypicalWaitsTests {
    @Test func eachCellIsTheMedianOfItsHourAndWeekday() {
        let samples = [10.0, 12, 95].map { TypicalWaits.Sample(weekday: 1, hour: 9, minutes: $0) }
            + [5.0, 6].map { TypicalWaits.Sample(weekday: 3, hour: 14, minutes: $0) }
            + [TypicalWaits.Sample(weekday: 0, hour: 9, minutes: 50), TypicalWaits.Sample(weekday: 1, hour: 20, minutes: 50)]
        let waits = TypicalWaits(samples: samples, hours: TypicalWaits.hours(.standard))
        #expect(waits.hours == Array(8...17))
        #expect(waits.minutes[0][1] == 12, "Monday 9:00: the median, not pulled up by one 95-minute wait")
        #expect(waits.minutes[2][6] == nil, "two samples are too few to show")
        #expect(waits.minutes.flatMap { $0 }.compactMap { $0 } == [12], "Sunday and 20:00 are outside the chart")
    }
}
