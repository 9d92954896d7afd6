import Testing
@testable import MadoguchiCore

/// The date and age primitives of docs/catalog-spec.md, each at its boundaries.
@Suite struct LegalAgeTests {
    // MARK: addYears

    @Test func addYearsKeepsMonthAndDay() {
        #expect(date("1986-07-14").addingYears(40) == date("2026-07-14"))
        #expect(date("2026-12-31").addingYears(1) == date("2027-12-31"))
        #expect(date("2026-01-01").addingYears(-1) == date("2025-01-01"))
    }

    @Test func addYearsTurnsFebruary29IntoMarch1InANonLeapYear() {
        #expect(date("2020-02-29").addingYears(1) == date("2021-03-01"))
        #expect(date("2020-02-29").addingYears(6) == date("2026-03-01"))
        // 2100 is not a leap year (divisible by 100, not by 400).
        #expect(date("2096-02-29").addingYears(4) == date("2100-03-01"))
    }

    @Test func addYearsKeepsFebruary29InALeapYear() {
        #expect(date("2020-02-29").addingYears(4) == date("2024-02-29"))
        // 2000 is a leap year (divisible by 400).
        #expect(date("1996-02-29").addingYears(4) == date("2000-02-29"))
    }

    @Test func addYearsLeavesFebruary28Alone() {
        #expect(date("2019-02-28").addingYears(1) == date("2020-02-28"))
    }

    // MARK: reached

    @Test func anAgeIsReachedTheDayBeforeTheBirthday() {
        #expect(LegalAge.reached(20, bornOn: date("2006-07-14")) == date("2026-07-13"))
        #expect(LegalAge.reached(0, bornOn: date("2026-07-14")) == date("2026-07-13"))
    }

    @Test func bornOnApril1ReachesAnAgeOnMarch31() {
        #expect(LegalAge.reached(6, bornOn: date("2019-04-01")) == date("2025-03-31"))
    }

    @Test func bornOnApril2ReachesAnAgeOnApril1() {
        #expect(LegalAge.reached(6, bornOn: date("2019-04-02")) == date("2025-04-01"))
    }

    @Test func bornOnJanuary1ReachesAnAgeOnDecember31OfThePreviousYear() {
        #expect(LegalAge.reached(18, bornOn: date("2008-01-01")) == date("2025-12-31"))
        #expect(LegalAge.reached(1, bornOn: date("2024-01-01")) == date("2024-12-31"))
    }

    @Test func bornOnFebruary29ReachesAnAgeOnFebruary28() {
        // Non-leap year: the birthday falls on Mar 1, the age is reached on Feb 28.
        #expect(LegalAge.reached(1, bornOn: date("2020-02-29")) == date("2021-02-28"))
        #expect(LegalAge.reached(18, bornOn: date("2008-02-29")) == date("2026-02-28"))
        // Leap year: the birthday is Feb 29, the age is reached on Feb 28 too.
        #expect(LegalAge.reached(4, bornOn: date("2020-02-29")) == date("2024-02-28"))
    }

    // MARK: ageOn

    @Test func ageIncrementsTheDayBeforeTheBirthday() {
        let dob = date("1990-06-15")
        #expect(LegalAge.age(bornOn: dob, on: date("2026-06-13")) == 35)  // two days before
        #expect(LegalAge.age(bornOn: dob, on: date("2026-06-14")) == 36)  // the day before: age increments
        #expect(LegalAge.age(bornOn: dob, on: date("2026-06-15")) == 36)  // the birthday
        #expect(LegalAge.age(bornOn: dob, on: date("2026-06-16")) == 36)
    }

    @Test func ageIsZeroOnTheDayOfBirth() {
        #expect(LegalAge.age(bornOn: date("2026-04-01"), on: date("2026-04-01")) == 0)
        #expect(LegalAge.age(bornOn: date("2026-04-01"), on: date("2027-03-30")) == 0)
        #expect(LegalAge.age(bornOn: date("2026-04-01"), on: date("2027-03-31")) == 1)
    }

    @Test func bornOnFebruary29AgesOnFebruary28InNonLeapYears() {
        let dob = date("2000-02-29")
        #expect(LegalAge.age(bornOn: dob, on: date("2025-02-27")) == 24)
        #expect(LegalAge.age(bornOn: dob, on: date("2025-02-28")) == 25)
        #expect(LegalAge.age(bornOn: dob, on: date("2025-03-01")) == 25)
    }

    @Test func bornOnFebruary29AgesOnFebruary28InLeapYears() {
        let dob = date("2000-02-29")
        #expect(LegalAge.age(bornOn: dob, on: date("2024-02-27")) == 23)
        #expect(LegalAge.age(bornOn: dob, on: date("2024-02-28")) == 24)
        #expect(LegalAge.age(bornOn: dob, on: date("2024-02-29")) == 24)
    }

    @Test func bornOnJanuary1AgesOnDecember31() {
        let dob = date("2000-01-01")
        #expect(LegalAge.age(bornOn: dob, on: date("2025-12-30")) == 25)
        #expect(LegalAge.age(bornOn: dob, on: date("2026-01-01")) == 26)
        // reached(26, 2000-01-01) = 2025-12-31, so the spec's ageOn is 26 on that day.
        #expect(LegalAge.age(bornOn: dob, on: date("2025-12-31")) == 26)
        #expect(LegalAge.age(bornOn: date("2011-01-01"), on: date("2025-12-31")) == 15)
    }

    // MARK: isKouki / isKaigo1

    @Test func koukiStartsOnThe75thBirthdayItself() {
        let dob = date("1951-06-15")
        #expect(!LegalAge.isKouki(bornOn: dob, on: date("2026-06-14")))  // legally 75 already, not yet kouki
        #expect(LegalAge.isKouki(bornOn: dob, on: date("2026-06-15")))
        #expect(LegalAge.isKouki(bornOn: dob, on: date("2030-01-01")))
    }

    @Test func koukiForAFebruary29BirthStartsOnMarch1InANonLeapYear() {
        let dob = date("1952-02-29")  // 75th birthday in 2027, not a leap year
        #expect(!LegalAge.isKouki(bornOn: dob, on: date("2027-02-28")))
        #expect(LegalAge.isKouki(bornOn: dob, on: date("2027-03-01")))
    }

    @Test func kaigo1StartsTheDayBeforeThe65thBirthday() {
        let dob = date("1961-06-15")
        #expect(!LegalAge.isKaigo1(bornOn: dob, on: date("2026-06-13")))  // two days before
        #expect(LegalAge.isKaigo1(bornOn: dob, on: date("2026-06-14")))  // the day before
        #expect(LegalAge.isKaigo1(bornOn: dob, on: date("2026-06-15")))
    }

    // MARK: childLimit

    @Test func childBornOnApril1IsInTheEarlierSchoolYear() {
        // reached(18) = 2026-03-31, itself a March 31.
        #expect(LegalAge.childLimit(bornOn: date("2008-04-01")) == date("2026-03-31"))
    }

    @Test func childBornOnApril2IsInTheLaterSchoolYear() {
        // reached(18) = 2026-04-01, so the next March 31.
        #expect(LegalAge.childLimit(bornOn: date("2008-04-02")) == date("2027-03-31"))
    }

    @Test func childLimitForFebruary29AndJanuary1Births() {
        #expect(LegalAge.childLimit(bornOn: date("2008-02-29")) == date("2026-03-31"))
        // reached(18) = 2025-12-31: the limit is the March 31 after it.
        #expect(LegalAge.childLimit(bornOn: date("2008-01-01")) == date("2026-03-31"))
        #expect(LegalAge.childLimit(bornOn: date("2007-12-31")) == date("2026-03-31"))
    }

    // MARK: schoolEntry / compulsorySchoolAge

    @Test func schoolEntryForApril1AndApril2Births() {
        #expect(LegalAge.schoolEntry(bornOn: date("2019-04-01")) == date("2025-04-01"))
        #expect(LegalAge.schoolEntry(bornOn: date("2019-04-02")) == date("2026-04-01"))
        #expect(LegalAge.schoolEntry(bornOn: date("2019-03-31")) == date("2025-04-01"))
    }

    @Test func schoolEntryForAFebruary29Birth() {
        #expect(LegalAge.schoolEntry(bornOn: date("2020-02-29")) == date("2026-04-01"))
    }

    @Test func compulsorySchoolAgeRunsNineSchoolYearsFromEntry() {
        let dob = date("2019-04-02")  // entry 2026-04-01, ends before 2035-04-01
        #expect(!LegalAge.isCompulsorySchoolAge(bornOn: dob, on: date("2026-03-31")))
        #expect(LegalAge.isCompulsorySchoolAge(bornOn: dob, on: date("2026-04-01")))  // first day
        #expect(LegalAge.isCompulsorySchoolAge(bornOn: dob, on: date("2035-03-31")))  // last day
        #expect(!LegalAge.isCompulsorySchoolAge(bornOn: dob, on: date("2035-04-01")))  // day after
    }

    @Test func compulsorySchoolAgeForAnApril1Birth() {
        let dob = date("2019-04-01")  // entry 2025-04-01, ends before 2034-04-01
        #expect(!LegalAge.isCompulsorySchoolAge(bornOn: dob, on: date("2025-03-31")))
        #expect(LegalAge.isCompulsorySchoolAge(bornOn: dob, on: date("2025-04-01")))
        #expect(LegalAge.isCompulsorySchoolAge(bornOn: dob, on: date("2034-03-31")))
        #expect(!LegalAge.isCompulsorySchoolAge(bornOn: dob, on: date("2034-04-01")))
    }
}
