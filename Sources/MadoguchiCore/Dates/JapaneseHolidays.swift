/// One national holiday (国民の祝日) or statutory day off (休日) in Japan.
public struct Holiday: Hashable, Sendable {
    public let date: CivilDate
    /// The Japanese name, e.g. "春分の日", "振替休日", "国民の休日".
    public let name: String

    public init(date: CivilDate, name: String) {
        self.date = date
        self.name = name
    }
}

/// Japan's national holidays, computed from 国民の祝日に関する法律 as it stood in each year.
///
/// The dates are derived from the rules, not typed in per year, so they need no yearly update
/// and deadlines far ahead are computed the same way as next week's. The equinox days use the
/// usual astronomical approximation: the official dates are announced in the 官報 each February
/// for the following year, so later years are a forecast (one that matches every year announced
/// so far). A future amendment of the law needs a code change.
public enum JapaneseHolidays {
    /// The years for which the equinox approximation holds; other years get no holidays rather
    /// than wrong ones.
    public static let supportedYears: ClosedRange<Int> = 1980...2099

    /// All national holidays of the year, sorted by date (empty outside `supportedYears`).
    public static func holidays(in year: Int) -> [Holiday] {
        byYear[year] ?? []
    }

    /// The holiday's name, or `nil` when `date` is not a national holiday.
    public static func name(of date: CivilDate) -> String? {
        namesByDayNumber[date.dayNumber]
    }

    public static func isHoliday(_ date: CivilDate) -> Bool {
        name(of: date) != nil
    }

    // Computed once, on first use; `static let` initialisation is thread-safe and the values
    // are immutable, so they are safe to share across concurrency domains.
    private static let byYear: [Int: [Holiday]] = Dictionary(
        uniqueKeysWithValues: supportedYears.map { ($0, HolidayLaw.holidays(in: $0)) }
    )

    private static let namesByDayNumber: [Int: String] = {
        var names: [Int: String] = [:]
        for holidays in byYear.values {
            for holiday in holidays { names[holiday.date.dayNumber] = holiday.name }
        }
        return names
    }()
}

/// The rules of 国民の祝日に関する法律 (and the special laws beside it), year by year.
enum HolidayLaw {
    /// Every holiday of `year`: the 祝日 themselves, then the 休日 the law derives from them.
    static func holidays(in year: Int) -> [Holiday] {
        let named = nationalHolidays(in: year)
        var all = named
        for date in substituteHolidays(for: named, in: year) { all[date.dayNumber] = "振替休日" }
        for date in citizensHolidays(between: named, besides: all, in: year) {
            all[date.dayNumber] = "国民の休日"
        }
        return all.sorted { $0.key < $1.key }
            .map { Holiday(date: CivilDate(dayNumber: $0.key), name: $0.value) }
    }

    /// The 国民の祝日 of `year`, keyed by day number, plus the one-off days set by special laws:
    /// those count as 祝日 for the 国民の休日 rule (which is why 2019-04-30 and 2019-05-02 were off).
    static func nationalHolidays(in year: Int) -> [Int: String] {
        var days: [Int: String] = [:]
        func add(_ month: Int, _ day: Int, _ name: String) {
            days[CivilDate(year: year, month: month, day: day)!.dayNumber] = name
        }
        func addMonday(_ nth: Int, of month: Int, _ name: String) {
            add(month, nthMonday(nth, month: month, year: year), name)
        }

        add(1, 1, "元日")
        // ハッピーマンデー: 成人の日 and 体育の日 became Mondays in 2000, 海の日 and 敬老の日 in 2003.
        if year >= 2000 { addMonday(2, of: 1, "成人の日") } else { add(1, 15, "成人の日") }
        add(2, 11, "建国記念の日")
        // 天皇誕生日 follows the reigning emperor; in 2019 Akihito's day (12/23) was already
        // past his abdication and Naruhito's (2/23) came before his accession, so there was none.
        if year >= 2020 { add(2, 23, "天皇誕生日") }
        add(3, vernalEquinoxDay(year), "春分の日")
        if year <= 1988 {
            add(4, 29, "天皇誕生日")
        } else if year <= 2006 {
            add(4, 29, "みどりの日")
        } else {
            add(4, 29, "昭和の日")
            add(5, 4, "みどりの日")
        }
        add(5, 3, "憲法記念日")
        add(5, 5, "こどもの日")
        switch year {
        case 2020: add(7, 23, "海の日")  // Moved for the Tokyo Olympics (特措法).
        case 2021: add(7, 22, "海の日")
        case 2003...: addMonday(3, of: 7, "海の日")
        case 1996...: add(7, 20, "海の日")
        default: break
        }
        switch year {
        case 2020: add(8, 10, "山の日")
        case 2021: add(8, 8, "山の日")
        case 2016...: add(8, 11, "山の日")
        default: break
        }
        if year >= 2003 { addMonday(3, of: 9, "敬老の日") } else { add(9, 15, "敬老の日") }
        add(9, autumnalEquinoxDay(year), "秋分の日")
        switch year {
        case 2020: add(7, 24, "スポーツの日")
        case 2021: add(7, 23, "スポーツの日")
        case 2022...: addMonday(2, of: 10, "スポーツの日")
        case 2000...: addMonday(2, of: 10, "体育の日")
        default: add(10, 10, "体育の日")
        }
        add(11, 3, "文化の日")
        add(11, 23, "勤労感謝の日")
        if (1989...2018).contains(year) { add(12, 23, "天皇誕生日") }

        // One-off days set by special laws (imperial ceremonies).
        switch year {
        case 1989: add(2, 24, "昭和天皇の大喪の礼")
        case 1990: add(11, 12, "即位礼正殿の儀")
        case 1993: add(6, 9, "皇太子徳仁親王の結婚の儀")
        case 2019:
            add(5, 1, "天皇の即位の日")
            add(10, 22, "即位礼正殿の儀")
        default: break
        }
        return days
    }

    /// 振替休日 (第3条第2項). Until 2006 only the Monday after a Sunday 祝日; from 2007 the
    /// first following day that is not itself a 祝日 (so a Sunday 5/3 pushes it to 5/6).
    static func substituteHolidays(for named: [Int: String], in year: Int) -> [CivilDate] {
        var result: [CivilDate] = []
        for dayNumber in named.keys.sorted() where CivilDate(dayNumber: dayNumber).weekday == 0 {
            var substitute = dayNumber + 1
            if year >= 2007 {
                while named[substitute] != nil { substitute += 1 }
            } else if named[substitute] != nil {
                continue  // The old rule gave the next day only, and it was already a 祝日.
            }
            result.append(CivilDate(dayNumber: substitute))
        }
        return result
    }

    /// 国民の休日 (第3条第3項, in force from 1985-12-27): a day whose previous and next days
    /// are both 祝日 and which is not a 祝日 itself. Until 2006 the law also excluded Sundays
    /// and 振替休日; from 2007 it excludes only 祝日 (a Sunday can no longer be sandwiched
    /// in practice, since the only gaps left are the Tuesday between 敬老の日 and 秋分の日).
    static func citizensHolidays(
        between named: [Int: String], besides holidaysSoFar: [Int: String], in year: Int
    ) -> [CivilDate] {
        guard year >= 1986 else { return [] }
        var result: [CivilDate] = []
        for dayNumber in named.keys.sorted() {
            let candidate = dayNumber + 1
            guard named[candidate] == nil, named[candidate + 1] != nil else { continue }
            let date = CivilDate(dayNumber: candidate)
            if year <= 2006, date.weekday == 0 || holidaysSoFar[candidate] != nil { continue }
            result.append(date)
        }
        return result
    }

    /// Day of March of 春分の日, by the standard approximation valid for 1980–2099:
    /// ⌊20.8431 + 0.242194 (y − 1980) − ⌊(y − 1980) / 4⌋⌋.
    static func vernalEquinoxDay(_ year: Int) -> Int {
        equinoxDay(year, baseMillionths: 20_843_100)
    }

    /// Day of September of 秋分の日, by the standard approximation valid for 1980–2099:
    /// ⌊23.2488 + 0.242194 (y − 1980) − ⌊(y − 1980) / 4⌋⌋.
    static func autumnalEquinoxDay(_ year: Int) -> Int {
        equinoxDay(year, baseMillionths: 23_248_800)
    }

    /// The formula in millionths of a day, so it is exact integer arithmetic (no floating-point
    /// rounding at the boundary, and no libm). Only called for 1980–2099, where all terms are ≥ 0.
    private static func equinoxDay(_ year: Int, baseMillionths: Int) -> Int {
        let elapsed = year - 1980
        return (baseMillionths + 242_194 * elapsed) / 1_000_000 - elapsed / 4
    }

    /// Day of the month of the `nth` Monday.
    static func nthMonday(_ nth: Int, month: Int, year: Int) -> Int {
        let first = CivilDate(year: year, month: month, day: 1)!
        let toMonday = (8 - first.weekday) % 7
        return 1 + toMonday + 7 * (nth - 1)
    }
}
