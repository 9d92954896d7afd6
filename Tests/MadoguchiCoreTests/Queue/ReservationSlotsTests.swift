import Testing
@testable import MadoguchiCore

@Suite struct ReservationSlotsTests {
    /// Friday 2026-04-03, 16:00 in Japan.
    let fridayAfternoon = ReservationSlot(date: CivilDate(iso: "2026-04-03")!, minutes: 16 * 60).unixSeconds

    @Test func slotsSkipClosedDaysAndStartAfterALead() {
        let slots = ReservationSlots.offered(now: fridayAfternoon, hours: .standard, slotMinutes: 30, days: 4)
        // 16:00 is too soon, 16:30 is the last that ends by 17:15; the weekend is closed.
        #expect(slots.first == ReservationSlot(date: CivilDate(iso: "2026-04-03")!, minutes: 16 * 60 + 30))
        #expect(Set(slots.map(\.date.iso)) == ["2026-04-03", "2026-04-06"])
        #expect(slots.count == 1 + 17, "Friday 16:30, then 8:30, 9:00 … 16:30 on Monday")
        #expect(slots.last?.minutes == 16 * 60 + 30)
    }

    @Test func aSlotTravelsAsTextAndBack() {
        let slot = ReservationSlot(date: CivilDate(iso: "2026-04-06")!, minutes: 9 * 60)
        #expect(slot.key == "2026-04-06T09:00")
        #expect(ReservationSlot(key: slot.key) == slot)
        #expect(ReservationSlot(unixSeconds: slot.unixSeconds) == slot)
        #expect(ReservationSlot(key: "2026-04-06T25:00") == nil)
    }

    @Test func onlyOfferedSlotsMayBeBooked() {
        let monday = CivilDate(iso: "2026-04-06")!
        #expect(ReservationSlots.isOffered(.init(date: monday, minutes: 9 * 60), now: fridayAfternoon, hours: .standard, slotMinutes: 30))
        #expect(!ReservationSlots.isOffered(.init(date: monday, minutes: 9 * 60 + 10), now: fridayAfternoon, hours: .standard, slotMinutes: 30))
        #expect(!ReservationSlots.isOffered(.init(date: CivilDate(iso: "2026-04-04")!, minutes: 9 * 60), now: fridayAfternoon, hours: .standard, slotMinutes: 30), "Saturday")
        #expect(!ReservationSlots.isOffered(.init(date: CivilDate(iso: "2026-04-03")!, minutes: 16 * 60), now: fridayAfternoon, hours: .standard, slotMinutes: 30), "now")
        #expect(!ReservationSlots.isOffered(.init(date: CivilDate(iso: "2026-05-06")!, minutes: 9 * 60), now: fridayAfternoon, hours: .standard, slotMinutes: 30), "beyond two weeks")
    }
}

@Suite struct JapanTimeTests {
    @Test func unixTimeIsReadOnAJapaneseClock() {
        // 2026-04-05T23:30:00Z is 08:30 on 2026-04-06 in Japan.
        let (date, minutes) = JapanTime.dayAndMinute(1_775_431_800)
        #expect(date == CivilDate(iso: "2026-04-06"))
        #expect(minutes == 8 * 60 + 30)
        #expect(JapanTime.unixSeconds(date, minutes: minutes) == 1_775_431_800)
    }
}
