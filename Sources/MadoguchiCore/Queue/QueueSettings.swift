/// When the city hall's counters are open (開庁時間), in minutes after midnight, local time.
public struct OpeningHours: Sendable, Hashable {
    public let open: Int
    public let close: Int

    public init(open: Int, close: Int) {
        self.open = open
        self.close = close
    }

    /// 8:30–17:15, the usual hours of a Japanese city hall.
    public static let standard = OpeningHours(open: 8 * 60 + 30, close: 17 * 60 + 15)

    /// Reads `HH:MM`; nil when it is not a time of day.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0..<24).contains(hours), (0..<60).contains(minutes) else { return nil }
        return hours * 60 + minutes
    }

    /// Whether the counters are open at this moment: an open day (no weekend, holiday or year-end break)
    /// between opening and closing, Japan time.
    public func isOpen(atUnixSeconds seconds: Double) -> Bool {
        let (date, minute) = JapanTime.dayAndMinute(seconds)
        return !ClosedDays.isClosed(date) && minute >= open && minute < close
    }

    public static func text(_ minutes: Int) -> String {
        let hours = minutes / 60, rest = minutes % 60
        return "\(hours):" + (rest < 10 ? "0" : "") + "\(rest)"
    }
}

/// How a section's queue works: the letter of its tickets (`A-012`), how many counters it has, the
/// typical minutes of a visit until it has learned its own, and its reservation slots.
public struct SectionQueue: Sendable, Hashable {
    public let letter: String
    public let counters: Int
    public let serviceMinutes: Int
    public let slotMinutes: Int
    /// Reservations per slot (the other counters serve walk-ins).
    public let slotCapacity: Int
    /// The number painted over each of the section's counters (窓口番号), in the order of its desks: the one
    /// name a visitor is sent to on the board, the phone, the receipt, the desk screen and the announcement.
    public let desks: [Int]

    public init(letter: String, counters: Int, serviceMinutes: Int, slotMinutes: Int, slotCapacity: Int, desks: [Int]? = nil) {
        self.letter = letter
        self.counters = counters
        self.serviceMinutes = serviceMinutes
        self.slotMinutes = slotMinutes
        self.slotCapacity = slotCapacity
        self.desks = desks ?? Array(1...max(1, counters))
    }

    /// The counter number of desk `index` (1-based, as in `/queue/desk/{section}/{index}`).
    public func deskNumber(_ index: Int) -> Int {
        index >= 1 && index <= desks.count ? desks[index - 1] : index
    }
}
