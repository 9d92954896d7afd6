@testable import MadoguchiCore
import Testing

@Suite struct QuestionScopeTests {
    let april = CivilDate(uncheckedYear: 2026, month: 4, day: 1)

    @Test func agesAreReadAsTheCatalogWritesThem() {
        #expect(QuestionScope.ages("20-59").map { [$0.min, $0.max] } == [20, 59])
        #expect(QuestionScope.ages("40-").map { [$0.min, $0.max] } == [40, nil])
        #expect(QuestionScope.ages("-5").map { [$0.min, $0.max] } == [nil, 5])
        for bad in ["", "-", "20", "a-b", "60-20", "20-x"] { #expect(QuestionScope.ages(bad) == nil, "\(bad)") }
    }

    @Test func aQuestionAppliesByAgeOnTheEventDateSexAndRelation() {
        let pension = QuestionScope(minAge: 20, maxAge: 59)
        #expect(pension.applies(relation: .head, sex: .female, birthDate: CivilDate(uncheckedYear: 1986, month: 7, day: 14), on: april))
        #expect(!pension.applies(relation: .child, sex: .male, birthDate: CivilDate(uncheckedYear: 2015, month: 6, day: 20), on: april))
        // Twenty is reached on the day before the 20th birthday (年齢計算ニ関スル法律).
        #expect(pension.applies(relation: .child, sex: .male, birthDate: CivilDate(uncheckedYear: 2006, month: 4, day: 2), on: april))
        #expect(!pension.applies(relation: .child, sex: .male, birthDate: CivilDate(uncheckedYear: 2006, month: 4, day: 3), on: april))
        #expect(pension.applies(relation: .child, sex: nil, birthDate: nil, on: april), "nothing known excludes nobody")
        let pregnant = QuestionScope(sex: .female)
        #expect(!pregnant.applies(relation: .spouse, sex: .male, birthDate: nil, on: april))
        let spouses = QuestionScope(relations: [.head, .spouse])
        #expect(!spouses.applies(relation: .child, sex: .female, birthDate: nil, on: april))
        #expect(spouses.attributes == ["data-relations": "head spouse"])
    }

    @Test func theSampleCatalogAsksThePensionCategoryOnlyOfAdultsUnderSixty() throws {
        #expect(QuestionScope.ages("20-59").map { [$0.min, $0.max] } == [20, 59])
        let catalog = SampleCatalog.catalog
        let pension = try #require(catalog.memberQuestions.first { $0.id == "pensionCategory" })
        #expect(pension.scope == QuestionScope(minAge: 20, maxAge: 59))
    }
}
