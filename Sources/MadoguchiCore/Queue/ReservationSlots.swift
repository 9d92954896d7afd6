/// The reservation slots (来庁予約) a section offers: every `slotMinutes` from opening until a slot would
/// end after closing, on the days the city hall is open (no weekends, holidays or the year-end break),
/// from a little after now up to a horizon.
public struct ReservationSlot: Sendable, Hashable, Comparable {
    public let date: CivilDate
    /// Minutes after midnight, Japan time.
    public let minutes: Int

    public init(date: CivilDate, minutes: Int) {
        self.date = date
        self.minutes = minutes
    }

    /// Unix seconds of the slot's start.
    public var unixSeconds: Double { JapanTime.unixSeconds(date, minutes: minutes) }

    public init(unixSeconds: Double) {
        let (date, minutes) = JapanTime.dayAndMinute(unixSeconds)
        self.init(date: date, minutes: minutes)
    }

    /// `2026-04-06T09:30`, the form a slot travels in.
    public var key: String { date.iso + "T" + (minutes / 60 < 10 ? "0" : "") + OpeningHours.text(minutes) }

    public init?(key: String) {
        let parts = key.split(separator: "T")
        guard parts.count == 2, let date = CivilDate(iso: String(parts[0])), let minutes = OpeningHours.minutes(String(parts[1])) else { return nil }
        self.init(date: date, minutes: minutes)
    }

    public static func < (a: ReservationSlot, b: ReservationSlot) -> Bool { (a.date, a.minutes) < (b.date, b.minutes) }
}

public enum ReservationSlots {
    /// Slots from `leadMinutes` after `now` for `days` calendar days.
    public static func offered(now unixSeconds: Double, hours: OpeningHours, slotMinutes: Int, days: Int = 14, leadMinutes: Int = 30) -> [ReservationSlot] {
        let earliest = unixSeconds + Double(leadMinutes) * 60
        let today = ReservationSlot(unixSeconds: unixSeconds).date
        var slots: [ReservationSlot] = []
        for offset in 0..<days {
            let date = today.addingDays(offset)
            guard !ClosedDays.isClosed(date) else { continue }
            var start = hours.open
            while start + slotMinutes <= hours.close {
                let slot = ReservationSlot(date: date, minutes: start)
                if slot.unixSeconds >= earliest { slots.append(slot) }
                start += slotMinutes
            }
        }
        return slots
    }

    /// Whether `slot` is one of the slots offered now (a booking must not pick a time of its own).
    public static func isOffered(_ slot: ReservationSlot, now: Double, hours: OpeningHours, slotMinutes: Int, days: Int = 14) -> Bool {
        guard !ClosedDays.isClosed(slot.date), (slot.minutes - hours.open) % slotMinutes == 0,
              slot.minutes >= hours.open, slot.minutes + slotMinutes <= hours.close else { return false }
        let today = ReservationSlot(unixSeconds: now).date
        return slot.unixSeconds >= now + 30 * 60 && slot.date.dayNumber < today.dayNumber + days
    }
}
