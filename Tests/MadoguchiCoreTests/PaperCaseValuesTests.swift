import Testing
@testable import MadoguchiCore

/// A checked paper form as the Case form's values, and the figures of what a person corrected.
@Suite struct PaperCaseValuesTests {
    @Test func zonesFillTheirFieldsAndThePresetsTheRest() throws {
        let form = try #require(SampleCatalog.catalog.paperForms["jidoteate-nintei"])
        let (people, values) = form.caseValues(["claimant.family": "佐藤", "child.birthDate": "R8.11.20", "claimant.publicServant": ""])
        #expect(people == 2)
        #expect(values["m0-family"] == "佐藤" && values["m0-relation"] == "head" && values["m1-relation"] == "newborn")
        #expect(values["eventDate"] == "R8.11.20" && values["m1-birthDate"] == "R8.11.20", "a zone with two fields fills both")
        #expect(values["m0-publicServant"] == "")
        #expect(form.zone(forField: "m1-birthDate")?.id == "child.birthDate" && form.zone(forField: "dogs") == nil)
    }

    @Test func aSecondPersonLeftBlankIsNobody() throws {
        let form = try #require(SampleCatalog.catalog.paperForms["juki-tenkyo"])
        let (people, values) = form.caseValues(["first.family": "山田", "moved.date": "R8.11.1", "second.family": "", "second.sex": ""])
        #expect(people == 1)
        #expect(values["m0-relation"] == "head" && !values.keys.contains { $0.hasPrefix("m1-") })
        let kokuho = try #require(SampleCatalog.catalog.paperForms["kokuho-kanyu"])
        let two = kokuho.caseValues(["first.family": "山田", "second.sex": "female"])
        #expect(two.people == 2 && two.values["m1-insurance"] == "national" && two.values["m1-moving"] == "on" && two.values["m1-family"] == "")
    }

    @Test func whatTheHouseholdDoesNotHoldIsADetailOfTheApplication() throws {
        let form = try #require(SampleCatalog.catalog.paperForms["inu-henko"])
        let values = ["owner.family": "山田", "dog.count": "1", "dog.number": "12345678", "dog.name": "ポチ", "dog.breed": "柴犬", "dog.colour": ""]
        let (people, caseValues) = form.caseValues(values)
        #expect(people == 1 && caseValues["dogs"] == "1" && caseValues["detail"] == nil)
        #expect(form.details(values).map(\.label.ja) == ["登録番号", "犬の名前（カタカナ）", "種類"])
        #expect(form.details(values).map(\.value) == ["12345678", "ポチ", "柴犬"])
    }

    @Test func correctionsAreCountedInCharactersWithBlankFieldsApart() {
        let kept = PaperZoneFigure(kind: "katakana", read: "サトウ", kept: "サトウ", accepted: true)
        let small = PaperZoneFigure(kind: "katakana", read: "キヨウコ", kept: "キョウコ", accepted: false)
        let lost = PaperZoneFigure(kind: "katakana", read: "ハコ", kept: "ハナコ", accepted: false)
        let blank = PaperZoneFigure(kind: "katakana", read: "", kept: "", accepted: true)
        let tick = PaperZoneFigure(kind: "tick", read: "male", kept: "female", accepted: true)
        #expect(small.corrected == 1 && lost.corrected == 1 && kept.corrected == 0 && blank.blank && tick.corrected == 1 && tick.characters == 1)
        let figures = PaperFigures([kept, small, lost, blank, tick])
        let katakana = figures.kinds["katakana"]!
        #expect(katakana.filled == 3 && katakana.blank == 1 && katakana.accepted == 1 && katakana.changed == 2)
        #expect(katakana.characters == 10 && katakana.corrected == 2 && katakana.accuracy == 0.8)
        #expect(figures.kinds["tick"]?.accuracy == 0 && figures.kinds["digits"] == nil)
    }
}
