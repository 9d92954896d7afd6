import Foundation

/// PDF date strings in Japan Standard Time, e.g. `D:20260401093000+09'00'`.
///
/// Computed with fixed +9 h arithmetic (Japan has no daylight saving time) so the output
/// does not depend on the server's time zone or on Foundation's calendar data.
enum PDFDateFormat {
    static func string(for date: Date) -> String {
        // Clamped to years 0001–9999 so that a nonsense date cannot trap the conversion to Int.
        let interval = date.timeIntervalSince1970
        let clamped = interval.isFinite ? min(max(interval, -62_135_596_800), 253_402_300_799) : 0
        let seconds = Int(clamped.rounded(.down)) + 9 * 3600
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPart = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthPart + 2) / 5 + 1
        let month = monthPart < 10 ? monthPart + 3 : monthPart - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let clampedYear = min(max(year, 0), 9999)
        let yearText = String(repeating: "0", count: 4 - String(clampedYear).count) + String(clampedYear)
        return "D:" + yearText + two(month) + two(day) + two(secondOfDay / 3600)
            + two(secondOfDay / 60 % 60) + two(secondOfDay % 60) + "+09'00'"
    }
}
