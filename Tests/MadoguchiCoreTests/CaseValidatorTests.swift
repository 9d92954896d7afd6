import Foundation
import Testing
@testable import MadoguchiCore

/// The one check every door's household goes through, and the Case's own shape: what the rules see, what
/// confirming still needs, and the round trip to text and back.
@Suite struct CaseValidatorTests {
    static let today = date("2026-12-01")

    static func validator(_ event: String) throws -> CaseValidator {
        CaseValidator(event: try #require(SampleCatalog.catalog.event(event)), today: today)
    }

    static func couple() -> CaseInput {
        var input = CaseInput()
        input.dates[.eventDate] = "令和8年11月20日"
        var head = PersonInput()
        head.family = "山田"; head.given = "太郎"; head.familyKana = "やまだ"; head.givenKana = "タロウ"
        head.birthDate = "1985-04-01"; head.sex = "male"; head.relation = "head"
        head.answers = ["insurance": "national", "moving": "on", "receives-child-allowance": "on", "wantsSealRegistration": "on"]
        var spouse = PersonInput()
        spouse.family = "山田"; spouse.given = "花子"; spouse.familyKana = "ヤマダ"; spouse.givenKana = "ハナコ"
        spouse.birthDate = "S62.2.3"; spouse.sex = "female"; spouse.relation = "spouse"; spouse.nationality = "vn"
        spouse.answers = ["moving": "on", "pregnant": "on"]
        input.people = [head, spouse]
        var old = AddressInput()
        old.prefecture = "東京都"; old.city = "新宿区"; old.town = "西新宿二丁目"; old.banchi = "8番1号"; old.postcode = "163-8001"
        var new = AddressInput()
        new.prefecture = "栃木県"; new.city = "サンプル市"; new.town = "中央一丁目"; new.banchi = "1番地1"; new.katagaki = "ハイツ101"
        input.addresses = [.old: old, .new: new]
        return input
    }

    @Test func aCompleteMoveInBecomesTheHouseholdTheRulesSee() throws {
        let household = try Self.validator("move-in").validate(Self.couple()).get()
        #expect(household.eventDate == date("2026-11-20"))
        #expect(household.people.map(\.familyKana) == ["ヤマダ", "ヤマダ"])  // hiragana typed, katakana kept
        #expect(household.people[1].birthDate == date("1987-02-03"))
        #expect(household.people[1].nationality == "VN")
        #expect(household.addresses[.old]?.postcode?.digits == "1638001")
        #expect(household.addresses[.new]?.katagaki == "ハイツ101")
        #expect(household.gaps(for: try #require(SampleCatalog.catalog.event("move-in"))).isEmpty)

        let event = try #require(household.lifeEvent)
        #expect(event.members.map(\.id) == ["1", "2"])
        #expect(event.members[0].insurance == .national && event.members[0].receives == [.childAllowance])
        #expect(event.members[0].wantsSealRegistration && !event.members[0].pregnant)
        #expect(event.members[1].pregnant && event.members[1].insurance == Insurance.none)
        #expect(SampleCatalog.codes(event).contains("juki.tennyu"))
    }

    @Test func everyWrongFieldIsNamedWithItsPersonInBothLanguages() throws {
        var input = Self.couple()
        input.dates[.eventDate] = "2026-13-45"
        input.dogs = "many"
        input.addresses[.old]?.postcode = "12"
        input.addresses[.old]?.prefecture = "東京"
        input.people[1].givenKana = "hanako"
        input.people[1].birthDate = "2027-01-01"
        input.people[1].myNumber = "123456789012"
        input.people[1].nationality = "Vietnam"
        input.people[0].sex = "m"
        guard case .failure(let failure) = try Self.validator("move-in").validate(input) else {
            Issue.record("wrong input was accepted")
            return
        }
        #expect(failure.errors.map(\.field.formID) == ["eventDate", "dogs", "old-postcode", "old-prefecture", "m0-sex",
                                                       "m1-givenKana", "m1-birthDate", "m1-nationality", "m1-myNumber"])
        #expect(failure.errors.map(\.field.apiPath).last == "members[1].myNumber")
        let event = try #require(SampleCatalog.catalog.event("move-in"))
        let messages = failure.errors.map { $0.message(in: event, .ja) }
        #expect(messages.contains("2人目のフリガナ（名）：フリガナはカタカナで入力してください。"))
        #expect(messages.contains("2人目の生年月日：生年月日が未来の日付です。"))
        #expect(messages.contains { $0.hasPrefix("前住所（転入前の住所）の郵便番号：") })
        #expect(failure.errors.map { $0.message(in: event, .en) }.contains("Person 1, sex: choose male or female."))
        // The 個人番号 typed is never part of an error.
        #expect(!messages.joined().contains("123456789012"))
    }

    @Test func aDraftMayBeIncompleteAndSaysWhatIsMissing() throws {
        var input = CaseInput()
        var person = PersonInput()
        person.sex = "female"
        input.people = [person]
        let household = try Self.validator("birth").validate(input).get()
        #expect(household.lifeEvent == nil)
        let gaps = household.gaps(for: try #require(SampleCatalog.catalog.event("birth")))
        #expect(gaps == [.eventDate, .name(person: 1), .kana(person: 1), .birthDate(person: 1), .relation(person: 1)])
    }

    @Test func someoneBornAfterTheEventMakesTheDatesDisagree() throws {
        var input = Self.couple()
        input.people[1].birthDate = "2026-11-25"
        let household = try Self.validator("move-in").validate(input).get()
        #expect(household.lifeEvent == nil)
        #expect(household.gaps(for: try #require(SampleCatalog.catalog.event("move-in"))) == [.datesDisagree])
    }

    @Test func datesTheEventDoesNotAskForAreNotKept() throws {
        var input = Self.couple()
        input.dates[.knownDate] = "2026-11-21"
        input.dates[.plannedMoveOutDate] = "2026-11-19"
        let household = try Self.validator("move-in").validate(input).get()
        #expect(household.knownDate == nil)
        #expect(household.plannedMoveOutDate == date("2026-11-19"))
    }

    @Test func aStoredHouseholdReadsBackAsTheSameInput() throws {
        let validator = try Self.validator("move-in")
        var typed = Self.couple()
        typed.people[0].myNumber = "123456789018"
        typed.people[1].residenceStatus = "永住者"
        typed.people[1].residenceCardNumber = "ａｂ１２３４ ５６７８ｃｄ"  // as typed: full width, small letters, a space
        let household = try validator.validate(typed).get()
        #expect(household.people[1].residenceCardNumber == "AB12345678CD")
        #expect(household.people[0].myNumber == .set(try #require(MyNumber("123456789018"))))
        var stored = household
        stored.people[0].myNumber = .keep  // what a store gives back: the number stays sealed
        let again = CaseInput(stored)
        #expect(again.people[0].myNumber.isEmpty)
        #expect(try validator.validate(again).get() == stored)
    }

    @Test func aResidenceCardNumberIsTwoLettersEightDigitsTwoLetters() throws {
        var typed = Self.couple()
        typed.people[1].residenceCardNumber = "AB1234567CD"
        guard case .failure(let failure) = try Self.validator("move-in").validate(typed) else {
            Issue.record("a card number of eleven characters was taken")
            return
        }
        let errors = failure.errors
        #expect(errors.map(\.field.formID) == ["m1-residenceCardNumber"])
        #expect(errors[0].message(in: try #require(SampleCatalog.catalog.event("move-in")), .ja).hasPrefix("2人目の在留カード番号："))
    }

    @Test func theGuidesHouseholdBecomesACaseWithItsAnswers() throws {
        var mother = Member(id: "a", relation: .head, sex: .female, birthDate: date("1990-05-05"))
        mother.insurance = .national
        mother.needsNursery = true
        let newborn = Member(id: "b", relation: .newborn, sex: .male, birthDate: date("2026-11-30"))
        var event = LifeEvent(kind: "birth", date: date("2026-11-30"), members: [mother, newborn])
        event.notificationDate = date("2026-12-01")
        let household = CaseHousehold(event)
        #expect(household.notificationDate == date("2026-12-01") && household.knownDate == nil)
        let again = try #require(household.lifeEvent)
        #expect(again.members.map(\.relation) == [.head, .newborn])
        #expect(again.members[0].needsNursery && again.members[0].insurance == .national)
        #expect(SampleCatalog.codes(again) == SampleCatalog.codes(event))
    }

    @Test func theGuidesValueRulesHoldAtTheCounterToo() throws {
        var input = Self.couple()
        input.dates[.eventDate] = "1979-12-31"
        input.people[0].birthDate = "1872-12-31"
        input.people[1].relation = "head"
        input.mopeds = "100"
        guard case .failure(let failure) = try Self.validator("move-in").validate(input) else {
            Issue.record("wrong input was accepted")
            return
        }
        #expect(failure.errors.map(\.field.formID) == ["eventDate", "mopeds", "m0-birthDate", "m1-relation"])
        let tooMany = CaseInput(people: Array(repeating: PersonInput(), count: HouseholdRules.maxPeople + 1))
        guard case .failure(let crowd) = try Self.validator("birth").validate(tooMany) else {
            Issue.record("21 people were accepted")
            return
        }
        #expect(crowd.errors.map(\.field) == [.person(20, "family")])
        #expect(HouseholdRules.nationality("br") == "BR" && HouseholdRules.nationality("BRA") == nil)
    }
}
