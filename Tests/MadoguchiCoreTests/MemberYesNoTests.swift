import Testing
@testable import MadoguchiCore

/// The one table of yes/no facts: each input name reaches its own property, and the stored flags round-trip.
@Suite struct MemberYesNoTests {
    static let base = Member(id: "1", relation: .head, sex: .female, birthDate: CivilDate(year: 1990, month: 1, day: 1)!)

    @Test(arguments: Member.flagInputs)
    func eachFlagSetsItsOwnFactAndNoOther(_ input: MemberInput) {
        var member = Self.base
        member.setFlags([input.rawValue])
        #expect(member.flags == [input.rawValue])
        #expect(member[yesNo: input])
        for other in MemberInput.allCases where other.isYesNo && other != input && other != .moving {
            #expect(!member[yesNo: other], "\(input) also set \(other)")
        }
        // The rules read the same property the flag set.
        let event = LifeEvent(kind: "move-in", date: CivilDate(year: 2026, month: 4, day: 1)!, members: [member])
        #expect(event.members[0][yesNo: input])
    }

    @Test func theFlagsAreEveryYesNoInputButMoving() {
        #expect(Set(Member.flagInputs) == Set(MemberInput.allCases.filter(\.isYesNo)).subtracting([.moving]))
        var member = Self.base
        member[yesNo: .moving] = false
        #expect(!member.moving)
        member[yesNo: .relation] = true  // not a yes/no input: nothing happens
        #expect(member.relation == .head)
        member.setFlags(["pregnant", "unknown", "needsNursery"])
        #expect(member.flags == ["pregnant", "needsNursery"])
    }
}
