/// Japan keeps one offset all year (UTC+9, no summer time), so Unix time converts to the day and the
/// minute on a Japanese clock by arithmetic: the one place that does it.
public enum JapanTime {
    public static let offsetSeconds: Double = 9 * 3600

    /// The calendar day and the minute of that day in Japan at Unix time `seconds`.
    public static func dayAndMinute(_ seconds: Double) -> (date: CivilDate, minutes: Int) {
        let local = seconds + offsetSeconds
        let day = Int((local / 86_400).rounded(.down))
        return (CivilDate(dayNumber: day), Int((local - Double(day) * 86_400) / 60))
    }

    /// Unix time of a minute of a day in Japan (midnight by default).
    public static func unixSeconds(_ date: CivilDate, minutes: Int = 0) -> Double {
        Double(date.dayNumber) * 86_400 + Double(minutes) * 60 - offsetSeconds
    }
}
