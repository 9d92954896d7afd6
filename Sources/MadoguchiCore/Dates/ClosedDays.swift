/// Days a city hall is closed, per the catalog spec: Saturday, Sunday, a national holiday,
/// or Dec 29 – Jan 3 (年末年始, 行政機関の休日に関する法律).
///
/// Deadlines that fall on a closed day move to the next open day, so this is what the
/// rule engine asks before it tells a citizen "by when".
public enum ClosedDays {
    public static func isClosed(_ date: CivilDate) -> Bool {
        date.weekday == 0 || date.weekday == 6
            || isYearEndBreak(date)
            || JapaneseHolidays.isHoliday(date)
    }

    /// `date`, or the next day that is not closed.
    public static func rollForward(_ date: CivilDate) -> CivilDate {
        var day = date
        while isClosed(day) { day = day.addingDays(1) }
        return day
    }

    /// 年末年始: December 29 through January 3.
    private static func isYearEndBreak(_ date: CivilDate) -> Bool {
        (date.month == 12 && date.day >= 29) || (date.month == 1 && date.day <= 3)
    }
}
