import Testing
@testable import MadoguchiCore

/// The Cabinet Office (内閣府) lists, syukujitsu.csv, written out in full. The CSV calls every
/// 振替休日 and 国民の休日 just "休日" and the two 2019 enthronement days "休日（祝日扱い）";
/// here they carry the names the law gives them.
private let officialLists: [Int: [String]] = [
    2019: [
        "2019-01-01 元日", "2019-01-14 成人の日", "2019-02-11 建国記念の日", "2019-03-21 春分の日",
        "2019-04-29 昭和の日", "2019-04-30 国民の休日", "2019-05-01 天皇の即位の日", "2019-05-02 国民の休日",
        "2019-05-03 憲法記念日", "2019-05-04 みどりの日", "2019-05-05 こどもの日", "2019-05-06 振替休日",
        "2019-07-15 海の日", "2019-08-11 山の日", "2019-08-12 振替休日", "2019-09-16 敬老の日",
        "2019-09-23 秋分の日", "2019-10-14 体育の日", "2019-10-22 即位礼正殿の儀", "2019-11-03 文化の日",
        "2019-11-04 振替休日", "2019-11-23 勤労感謝の日",
    ],
    2020: [
        "2020-01-01 元日", "2020-01-13 成人の日", "2020-02-11 建国記念の日", "2020-02-23 天皇誕生日",
        "2020-02-24 振替休日", "2020-03-20 春分の日", "2020-04-29 昭和の日", "2020-05-03 憲法記念日",
        "2020-05-04 みどりの日", "2020-05-05 こどもの日", "2020-05-06 振替休日", "2020-07-23 海の日",
        "2020-07-24 スポーツの日", "2020-08-10 山の日", "2020-09-21 敬老の日", "2020-09-22 秋分の日",
        "2020-11-03 文化の日", "2020-11-23 勤労感謝の日",
    ],
    2021: [
        "2021-01-01 元日", "2021-01-11 成人の日", "2021-02-11 建国記念の日", "2021-02-23 天皇誕生日",
        "2021-03-20 春分の日", "2021-04-29 昭和の日", "2021-05-03 憲法記念日", "2021-05-04 みどりの日",
        "2021-05-05 こどもの日", "2021-07-22 海の日", "2021-07-23 スポーツの日", "2021-08-08 山の日",
        "2021-08-09 振替休日", "2021-09-20 敬老の日", "2021-09-23 秋分の日", "2021-11-03 文化の日",
        "2021-11-23 勤労感謝の日",
    ],
    2022: [
        "2022-01-01 元日", "2022-01-10 成人の日", "2022-02-11 建国記念の日", "2022-02-23 天皇誕生日",
        "2022-03-21 春分の日", "2022-04-29 昭和の日", "2022-05-03 憲法記念日", "2022-05-04 みどりの日",
        "2022-05-05 こどもの日", "2022-07-18 海の日", "2022-08-11 山の日", "2022-09-19 敬老の日",
        "2022-09-23 秋分の日", "2022-10-10 スポーツの日", "2022-11-03 文化の日", "2022-11-23 勤労感謝の日",
    ],
    2023: [
        "2023-01-01 元日", "2023-01-02 振替休日", "2023-01-09 成人の日", "2023-02-11 建国記念の日",
        "2023-02-23 天皇誕生日", "2023-03-21 春分の日", "2023-04-29 昭和の日", "2023-05-03 憲法記念日",
        "2023-05-04 みどりの日", "2023-05-05 こどもの日", "2023-07-17 海の日", "2023-08-11 山の日",
        "2023-09-18 敬老の日", "2023-09-23 秋分の日", "2023-10-09 スポーツの日", "2023-11-03 文化の日",
        "2023-11-23 勤労感謝の日",
    ],
    2024: [
        "2024-01-01 元日", "2024-01-08 成人の日", "2024-02-11 建国記念の日", "2024-02-12 振替休日",
        "2024-02-23 天皇誕生日", "2024-03-20 春分の日", "2024-04-29 昭和の日", "2024-05-03 憲法記念日",
        "2024-05-04 みどりの日", "2024-05-05 こどもの日", "2024-05-06 振替休日", "2024-07-15 海の日",
        "2024-08-11 山の日", "2024-08-12 振替休日", "2024-09-16 敬老の日", "2024-09-22 秋分の日",
        "2024-09-23 振替休日", "2024-10-14 スポーツの日", "2024-11-03 文化の日", "2024-11-04 振替休日",
        "2024-11-23 勤労感謝の日",
    ],
    2025: [
        "2025-01-01 元日", "2025-01-13 成人の日", "2025-02-11 建国記念の日", "2025-02-23 天皇誕生日",
        "2025-02-24 振替休日", "2025-03-20 春分の日", "2025-04-29 昭和の日", "2025-05-03 憲法記念日",
        "2025-05-04 みどりの日", "2025-05-05 こどもの日", "2025-05-06 振替休日", "2025-07-21 海の日",
        "2025-08-11 山の日", "2025-09-15 敬老の日", "2025-09-23 秋分の日", "2025-10-13 スポーツの日",
        "2025-11-03 文化の日", "2025-11-23 勤労感謝の日", "2025-11-24 振替休日",
    ],
    2026: [
        "2026-01-01 元日", "2026-01-12 成人の日", "2026-02-11 建国記念の日", "2026-02-23 天皇誕生日",
        "2026-03-20 春分の日", "2026-04-29 昭和の日", "2026-05-03 憲法記念日", "2026-05-04 みどりの日",
        "2026-05-05 こどもの日", "2026-05-06 振替休日", "2026-07-20 海の日", "2026-08-11 山の日",
        "2026-09-21 敬老の日", "2026-09-22 国民の休日", "2026-09-23 秋分の日", "2026-10-12 スポーツの日",
        "2026-11-03 文化の日", "2026-11-23 勤労感謝の日",
    ],
    2027: [
        "2027-01-01 元日", "2027-01-11 成人の日", "2027-02-11 建国記念の日", "2027-02-23 天皇誕生日",
        "2027-03-21 春分の日", "2027-03-22 振替休日", "2027-04-29 昭和の日", "2027-05-03 憲法記念日",
        "2027-05-04 みどりの日", "2027-05-05 こどもの日", "2027-07-19 海の日", "2027-08-11 山の日",
        "2027-09-20 敬老の日", "2027-09-23 秋分の日", "2027-10-11 スポーツの日", "2027-11-03 文化の日",
        "2027-11-23 勤労感謝の日",
    ],
]


struct JapaneseHolidaysTests {
    @Test(arguments: 2019...2027)
    func holidaysMatchTheCabinetOfficeList(year: Int) {
        let computed = JapaneseHolidays.holidays(in: year).map { "\($0.date.iso) \($0.name)" }
        #expect(computed == officialLists[year])
    }

    @Test(arguments: 2019...2027)
    func everyListedDayIsNamedAndEveryOtherDayIsNot(year: Int) {
        let listed = Dictionary(uniqueKeysWithValues: officialLists[year]!.map {
            let parts = $0.split(separator: " ")
            return (String(parts[0]), String(parts[1]))
        })
        var day = CivilDate(year: year, month: 1, day: 1)!
        while day.year == year {
            #expect(JapaneseHolidays.name(of: day) == listed[day.iso], "\(day.iso)")
            #expect(JapaneseHolidays.isHoliday(day) == (listed[day.iso] != nil), "\(day.iso)")
            day = day.addingDays(1)
        }
    }

    @Test(arguments: [
        "2019-05-06", "2020-02-24", "2023-01-02", "2024-02-12", "2025-11-24",
        "2026-05-06",  // 5/3 Sunday; 5/4 and 5/5 are 祝日, so the substitute moves on to 5/6.
        "2008-05-06",  // みどりの日 5/4 on a Sunday.
        "2021-08-09",  // The Olympic 山の日 on Sunday 8/8.
        "2002-09-16",  // 敬老の日 9/15 on a Sunday, old rule.
        "1998-05-04",  // 憲法記念日 on a Sunday: the old rule gives the next day, 5/4.
        "1989-01-16",  // 成人の日 1/15 on a Sunday.
    ])
    func substituteHolidays(iso: String) {
        #expect(JapaneseHolidays.name(of: date(iso)) == "振替休日")
    }

    @Test func oldSubstituteRuleGaveNothingWhenTheNextDayWasAlreadyAHoliday() {
        // 2003-05-04 was a Sunday and not yet a 祝日; 5/5 was こどもの日, 5/6 an ordinary day.
        #expect(!JapaneseHolidays.isHoliday(date("2003-05-06")))
        // Under the 2007 rule the same calendar (2014: 5/4 Sunday) gives 5/6.
        #expect(JapaneseHolidays.name(of: date("2014-05-06")) == "振替休日")
    }

    @Test(arguments: [
        "1988-05-04",  // The first one.
        "1999-05-04", "2006-05-04",
        "2009-09-22", "2015-09-22", "2026-09-22", "2032-09-21",
        "2019-04-30", "2019-05-02",  // Sandwiched by the enthronement day.
    ])
    func citizensHolidays(iso: String) {
        #expect(JapaneseHolidays.name(of: date(iso)) == "国民の休日")
    }

    @Test func citizensHolidayRuleExceptions() {
        #expect(!JapaneseHolidays.isHoliday(date("1985-05-04")))  // Before the 1985 amendment.
        #expect(!JapaneseHolidays.isHoliday(date("1986-05-04")))  // A Sunday was excluded.
        #expect(JapaneseHolidays.name(of: date("1987-05-04")) == "振替休日")  // Not 国民の休日.
        #expect(!JapaneseHolidays.isHoliday(date("2020-09-23")))  // 敬老 9/21, 秋分 9/22: no gap.
    }

    @Test func ruleChangesOverTheYears() {
        let expected: [(String, String?)] = [
            ("1988-04-29", "天皇誕生日"), ("1989-04-29", "みどりの日"), ("2006-04-29", "みどりの日"),
            ("2007-04-29", "昭和の日"), ("2007-05-04", "みどりの日"),
            ("1989-12-23", "天皇誕生日"), ("2018-12-23", "天皇誕生日"), ("2019-12-23", nil),
            ("2019-02-23", nil), ("2020-02-23", "天皇誕生日"),
            ("1999-01-15", "成人の日"), ("2000-01-15", nil), ("2000-01-10", "成人の日"),
            ("1999-10-10", "体育の日"), ("2000-10-09", "体育の日"), ("2019-10-14", "体育の日"),
            ("2022-10-10", "スポーツの日"), ("2020-10-12", nil), ("2021-10-11", nil),
            ("1995-07-20", nil), ("1996-07-20", "海の日"), ("2002-07-20", "海の日"),
            ("2003-07-20", nil), ("2003-07-21", "海の日"),
            ("2002-09-15", "敬老の日"), ("2004-09-15", nil), ("2004-09-20", "敬老の日"),
            ("2015-08-11", nil), ("2016-08-11", "山の日"), ("2020-08-11", nil), ("2021-08-11", nil),
            ("2021-07-19", nil),
        ]
        for (iso, name) in expected {
            #expect(JapaneseHolidays.name(of: date(iso)) == name, "\(iso)")
        }
    }

    @Test func daysSetBySpecialLaws() {
        #expect(JapaneseHolidays.name(of: date("1989-02-24")) == "昭和天皇の大喪の礼")
        #expect(JapaneseHolidays.name(of: date("1990-11-12")) == "即位礼正殿の儀")
        #expect(JapaneseHolidays.name(of: date("1993-06-09")) == "皇太子徳仁親王の結婚の儀")
        #expect(JapaneseHolidays.name(of: date("2019-05-01")) == "天皇の即位の日")
        #expect(JapaneseHolidays.name(of: date("2019-10-22")) == "即位礼正殿の儀")
    }

    @Test(arguments: [
        "1980-03-20", "1980-09-23", "1982-03-21", "1988-03-20", "2012-09-22", "2016-09-22",
        "2024-09-22", "2033-03-20", "2044-09-22", "2048-09-22",
    ])
    func equinoxDays(iso: String) {
        let day = date(iso)
        #expect(JapaneseHolidays.name(of: day) == (day.month == 3 ? "春分の日" : "秋分の日"))
    }

    @Test func equinoxDaysAreOneDayEachYear() {
        for year in JapaneseHolidays.supportedYears {
            let names = JapaneseHolidays.holidays(in: year).map(\.name)
            #expect(names.filter { $0 == "春分の日" }.count == 1, "\(year)")
            #expect(names.filter { $0 == "秋分の日" }.count == 1, "\(year)")
        }
    }

    @Test func yearsOutsideTheSupportedRangeHaveNoHolidays() {
        #expect(JapaneseHolidays.holidays(in: 1979).isEmpty)
        #expect(JapaneseHolidays.holidays(in: 2100).isEmpty)
        #expect(JapaneseHolidays.name(of: date("1979-01-01")) == nil)
        #expect(JapaneseHolidays.name(of: date("2100-01-01")) == nil)
        #expect(!JapaneseHolidays.holidays(in: 1980).isEmpty)
        #expect(!JapaneseHolidays.holidays(in: 2099).isEmpty)
    }

    @Test func everyYearIsSortedAndInsideItsYear() {
        for year in JapaneseHolidays.supportedYears {
            let dates = JapaneseHolidays.holidays(in: year).map(\.date)
            #expect(dates == dates.sorted(), "\(year)")
            #expect(dates.allSatisfy { $0.year == year }, "\(year)")
            #expect(Set(dates).count == dates.count, "\(year)")
        }
    }

    @Test func everySubstituteFollowsASundayHolidayRun() {
        // A 振替休日 is always preceded by an unbroken run of 祝日 that contains a Sunday.
        for year in JapaneseHolidays.supportedYears {
            for holiday in JapaneseHolidays.holidays(in: year) where holiday.name == "振替休日" {
                var day = holiday.date.addingDays(-1)
                var sawSunday = false
                while let name = JapaneseHolidays.name(of: day), name != "振替休日", name != "国民の休日" {
                    if day.weekday == 0 { sawSunday = true }
                    day = day.addingDays(-1)
                }
                #expect(sawSunday, "\(holiday.date.iso)")
            }
        }
    }
}
