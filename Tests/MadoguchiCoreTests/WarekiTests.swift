import Testing
@testable import MadoguchiCore


struct WarekiTests {
    @Test func formatsWithGannenForTheFirstYear() {
        #expect(Wareki.format(date("2026-04-01")) == "令和8年4月1日")
        #expect(Wareki.format(date("2019-05-01")) == "令和元年5月1日")
        #expect(Wareki.format(date("2019-12-31")) == "令和元年12月31日")
        #expect(Wareki.format(date("2020-01-01")) == "令和2年1月1日")
        #expect(Wareki.format(date("1873-01-01")) == "明治6年1月1日")
    }

    @Test func formatsTheISODateBeforeTheGregorianCalendar() {
        #expect(Wareki.format(date("1872-12-31")) == "1872-12-31")
        #expect(Wareki.wareki(of: date("1872-12-31")) == nil)
        #expect(Wareki.eras(of: date("1868-01-25")).isEmpty)
    }

    @Test(arguments: [
        ("1912-07-29", "明治45年7月29日"), ("1912-07-30", "大正元年7月30日"), ("1912-07-31", "大正元年7月31日"),
        ("1926-12-24", "大正15年12月24日"), ("1926-12-25", "昭和元年12月25日"), ("1926-12-26", "昭和元年12月26日"),
        ("1989-01-07", "昭和64年1月7日"), ("1989-01-08", "平成元年1月8日"),
        ("2019-04-30", "平成31年4月30日"), ("2019-05-01", "令和元年5月1日"),
    ])
    func eraBoundaryDays(iso: String, expected: String) {
        #expect(Wareki.format(date(iso)) == expected)
    }

    @Test func twoErasOnTheDayAnEmperorDied() {
        #expect(Wareki.eras(of: date("1912-07-30")).map(\.formatted) == ["明治45年7月30日", "大正元年7月30日"])
        #expect(Wareki.eras(of: date("1926-12-25")).map(\.formatted) == ["大正15年12月25日", "昭和元年12月25日"])
        #expect(Wareki.wareki(of: date("1912-07-30")) == WarekiDate(era: .taisho, year: 1, month: 7, day: 30))
        #expect(Wareki.wareki(of: date("1926-12-25")) == WarekiDate(era: .showa, year: 1, month: 12, day: 25))
    }

    @Test func oneEraAcrossTheMidnightChanges() {
        #expect(Wareki.eras(of: date("1989-01-07")).map(\.formatted) == ["昭和64年1月7日"])
        #expect(Wareki.eras(of: date("1989-01-08")).map(\.formatted) == ["平成元年1月8日"])
        #expect(Wareki.eras(of: date("2019-04-30")).map(\.formatted) == ["平成31年4月30日"])
        #expect(Wareki.eras(of: date("2019-05-01")).map(\.formatted) == ["令和元年5月1日"])
        #expect(Wareki.eras(of: date("1912-07-31")).map(\.formatted) == ["大正元年7月31日"])
        #expect(Wareki.eras(of: date("1926-12-26")).map(\.formatted) == ["昭和元年12月26日"])
    }

    @Test func eraNamesAndLetters() {
        #expect(Era.allCases.map(\.kanji) == ["明治", "大正", "昭和", "平成", "令和"])
        #expect(Era.allCases.map(\.letter) == ["M", "T", "S", "H", "R"])
        #expect(Era.allCases.map(\.firstDay.iso)
            == ["1868-01-25", "1912-07-30", "1926-12-25", "1989-01-08", "2019-05-01"])
    }

    @Test(arguments: [
        ("令和8年4月1日", "2026-04-01"),
        ("令和元年5月1日", "2019-05-01"),
        ("R8.4.1", "2026-04-01"),
        ("r08.04.01", "2026-04-01"),
        ("R8/4/1", "2026-04-01"),
        ("R8-4-1", "2026-04-01"),
        ("令8.4.1", "2026-04-01"),
        ("H31.4.30", "2019-04-30"),
        ("令和８年４月１日", "2026-04-01"),
        ("Ｒ８．４．１", "2026-04-01"),
        (" 令和 8 年 4 月 1 日 ", "2026-04-01"),
        ("令和\u{3000}8年4月1日", "2026-04-01"),
        ("R元.5.1", "2019-05-01"),
        ("㋿8年4月1日", "2026-04-01"),
        ("平成元年1月8日", "1989-01-08"),
        ("昭和64年1月7日", "1989-01-07"),
        ("S64.1.7", "1989-01-07"),
        ("明治45年7月30日", "1912-07-30"),
        ("大正元年7月30日", "1912-07-30"),
        ("大正15年12月25日", "1926-12-25"),
        ("昭和元年12月25日", "1926-12-25"),
        ("明治6年1月1日", "1873-01-01"),
        ("M6.1.1", "1873-01-01"),
        ("T1.7.30", "1912-07-30"),
        ("平12.2.29", "2000-02-29"),
    ])
    func parsesEraDates(text: String, iso: String) {
        #expect(Wareki.parse(text) == date(iso))
    }

    @Test(arguments: [
        "平成32年1月1日",  // 平成 ended in its 31st year.
        "令和元年4月30日",  // Still 平成.
        "昭和64年1月8日",  // Already 平成.
        "大正15年12月26日",  // Already 昭和.
        "明治45年7月31日",  // Already 大正.
        "大正元年7月29日",  // Still 明治.
        "明治5年12月31日",  // Before the Gregorian calendar.
        "令和7年2月29日",  // Not a leap year.
        "令和8年4月31日",
        "令和8年13月1日",
        "R0.1.1",
        "R8.0.1",
        "R8.4.0",
        "",
        "令和",
        "R8.4",
        "R8.4.1.",
        "R8.4/1",  // Mixed separators.
        "R8.4.1日",
        "令和8年4月1",
        "令和8.4月1日",
        "R123.4.1",
        "R8.4.123",
        "X8.4.1",
        "8.4.1",
        "2026-04-01",  // 西暦 is DateInput's business.
        "令和八年四月一日",
        "令和8年4月1日です",
    ])
    func rejectsWhatIsNotAnEraDate(text: String) {
        #expect(Wareki.parse(text) == nil)
    }

    @Test(arguments: [1873, 1912, 1926, 1989, 2000, 2019, 2026])
    func everyDayRoundTrips(year: Int) {
        var day = CivilDate(year: year, month: 1, day: 1)!
        while day.year == year {
            #expect(Wareki.parse(Wareki.format(day)) == day, "\(day.iso)")
            for wareki in Wareki.eras(of: day) {
                #expect(Wareki.parse(wareki.formatted) == day, "\(wareki.formatted)")
                let short = "\(wareki.era.letter)\(wareki.year).\(wareki.month).\(wareki.day)"
                #expect(Wareki.parse(short) == day, "\(short)")
            }
            day = day.addingDays(1)
        }
    }

    @Test(arguments: [
        ("2026-04-01", "2026-04-01"),
        ("2026/4/1", "2026-04-01"),
        ("2026.4.1", "2026-04-01"),
        ("2026年4月1日", "2026-04-01"),
        ("２０２６年４月１日", "2026-04-01"),
        ("２０２６／０４／０１", "2026-04-01"),
        (" 2026 / 4 / 1 ", "2026-04-01"),
        ("2024-02-29", "2024-02-29"),
        ("令和8年4月1日", "2026-04-01"),
        ("R8.4.1", "2026-04-01"),
        ("h31.4.30", "2019-04-30"),
    ])
    func dateInputAcceptsBothCalendars(text: String, iso: String) {
        #expect(DateInput.parse(text) == date(iso))
    }

    @Test(arguments: [
        "2026-02-30", "2025-02-29", "2026-13-01", "2026-04-00",
        "26-4-1", "20260401", "2026/4/1/", "2026/4-1", "2026年4月1", "2026-04-01T00:00",
        "", " ", "abc", "令和元年4月30日",
    ])
    func dateInputRejectsWhatIsNotARealDate(text: String) {
        #expect(DateInput.parse(text) == nil)
    }
}
