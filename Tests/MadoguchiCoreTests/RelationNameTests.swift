import Testing
@testable import MadoguchiCore

/// 続柄 as a 住民票 prints it.
@Suite struct RelationNameTests {
    @Test func spousesAndParentsAreNamedBySex() {
        #expect(Relation.spouse.residentRecordName(sex: .female) == "妻")
        #expect(Relation.spouse.residentRecordName(sex: .male) == "夫")
        #expect(Relation.parent.residentRecordName(sex: .female) == "母")
        #expect(Relation.parent.residentRecordName(sex: .male) == "父")
        #expect(Relation.head.residentRecordName(sex: .female) == "世帯主")
        #expect(Relation.newborn.residentRecordName(sex: .male) == "子")
        #expect(Relation.child.residentRecordName(sex: nil) == "子")
        #expect(Relation.spouse.englishName(sex: .female) == "wife")
    }

    @Test(arguments: Relation.allCases)
    func noRelationPrintsTheCombinedForm(_ relation: Relation) {
        for sex in [Sex.female, .male, nil] {
            #expect(!relation.residentRecordName(sex: sex).contains("・"))
        }
    }
}
