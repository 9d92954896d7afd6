import Testing
@testable import MadoguchiCore


struct ClosedDaysTests {
    @Test func weekendsAreClosed() {
        #expect(ClosedDays.isClosed(date("2026-04-04")))  // Saturday
        #expect(ClosedDays.isClosed(date("2026-04-05")))  // Sunday
        #expect(!ClosedDays.isClosed(date("2026-04-06")))  // Monday
    }

    @Test func nationalHolidaysOnWeekdaysAreClosed() {
        #expect(ClosedDays.isClosed(date("2026-04-29")))  // 昭和の日, Wednesday
        #expect(ClosedDays.isClosed(date("2026-05-06")))  // 振替休日
        #expect(ClosedDays.isClosed(date("2026-09-22")))  // 国民の休日
        #expect(!ClosedDays.isClosed(date("2026-04-28")))
    }

    @Test func yearEndBreakIsClosedEvenOnWeekdays() {
        for iso in ["2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"] {
            #expect(ClosedDays.isClosed(date(iso)), "\(iso)")
        }
        #expect(!ClosedDays.isClosed(date("2026-12-28")))  // Monday
        #expect(!ClosedDays.isClosed(date("2027-01-04")))  // Monday
        #expect(ClosedDays.isClosed(date("2025-12-29")))  // Monday, closed only by the break
        #expect(!ClosedDays.isClosed(date("2025-12-26")))  // Friday
    }

    @Test func aPlainWeekdayStays() {
        #expect(ClosedDays.rollForward(date("2026-04-01")) == date("2026-04-01"))
        #expect(ClosedDays.rollForward(date("2026-12-28")) == date("2026-12-28"))
    }

    @Test func rollForwardCrossesTheNewYear() {
        #expect(ClosedDays.rollForward(date("2026-12-29")) == date("2027-01-04"))
        #expect(ClosedDays.rollForward(date("2027-01-02")) == date("2027-01-04"))
        // 2028-01-04 is a Tuesday, so the break ends on Monday 1/3 and Tuesday opens.
        #expect(ClosedDays.rollForward(date("2027-12-29")) == date("2028-01-04"))
    }

    @Test func rollForwardCrossesHolidayRuns() {
        #expect(ClosedDays.rollForward(date("2026-05-02")) == date("2026-05-07"))  // Golden Week
        #expect(ClosedDays.rollForward(date("2026-04-29")) == date("2026-04-30"))
        #expect(ClosedDays.rollForward(date("2026-09-19")) == date("2026-09-24"))  // Silver Week
        #expect(ClosedDays.rollForward(date("2027-01-09")) == date("2027-01-12"))  // 成人の日 Monday
    }
}
