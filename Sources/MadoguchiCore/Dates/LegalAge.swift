/// Age and eligibility dates as Japanese law counts them.
///
/// A person attains an age on the day *before* the birthday (年齢計算ニ関スル法律, 民法143条);
/// 後期高齢者医療 is the exception and starts on the 75th birthday itself.
public enum LegalAge {
    /// The day a person legally attains age `n`: `addYears(dob, n) − 1 day`.
    public static func reached(_ n: Int, bornOn dob: CivilDate) -> CivilDate {
        dob.addingYears(n).addingDays(-1)
    }

    /// The legal age on `date`: the largest `n` with `reached(n, dob) ≤ date` (0 before the first).
    public static func age(bornOn dob: CivilDate, on date: CivilDate) -> Int {
        // A Jan 1 birth reaches the next age on Dec 31, so start one year up and count down.
        var n = date.year - dob.year + 1
        while n > 0, reached(n, bornOn: dob) > date { n -= 1 }
        return max(0, n)
    }

    /// 後期高齢者医療 starts on the 75th birthday.
    public static func isKouki(bornOn dob: CivilDate, on date: CivilDate) -> Bool {
        date >= dob.addingYears(75)
    }

    /// 介護保険 第1号被保険者 from the day before the 65th birthday.
    public static func isKaigo1(bornOn dob: CivilDate, on date: CivilDate) -> Bool {
        date >= reached(65, bornOn: dob)
    }

    /// The end of 高校生年代: the first March 31 on or after the day the child reaches 18.
    public static func childLimit(bornOn dob: CivilDate) -> CivilDate {
        firstOnOrAfter(month: 3, day: 31, reached(18, bornOn: dob))
    }

    /// 学校教育法17条: school starts the first April 1 after the day the child reaches 6
    /// (so a child born on April 1 joins the earlier grade).
    public static func schoolEntry(bornOn dob: CivilDate) -> CivilDate {
        firstOnOrAfter(month: 4, day: 1, reached(6, bornOn: dob).addingDays(1))
    }

    /// 義務教育: the nine school years from `schoolEntry`.
    public static func isCompulsorySchoolAge(bornOn dob: CivilDate, on date: CivilDate) -> Bool {
        let entry = schoolEntry(bornOn: dob)
        return entry <= date && date < entry.addingYears(9)
    }

    private static func firstOnOrAfter(month: Int, day: Int, _ date: CivilDate) -> CivilDate {
        let sameYear = CivilDate(uncheckedYear: date.year, month: month, day: day)
        return sameYear >= date ? sameYear : CivilDate(uncheckedYear: date.year + 1, month: month, day: day)
    }
}
