import Foundation
import Testing
@testable import MadoguchiCore

private let parser = GuideRequestParser(catalog: SampleCatalog.catalog)

private func parse(_ json: String) throws(GuideError) -> LifeEvent {
    try parser.parse(json: Data(json.utf8))
}

/// The error of `json`, or a recorded failure when it parses.
private func failure(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) -> GuideError? {
    do {
        let event = try parse(json)
        Issue.record("the request parsed as \(event.kind) with \(event.members.count) members, expected an error",
                     sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// A minimal member: the three required fields plus `extra` (JSON members, without braces).
private func member(_ relation: String = "head", born: String = "1986-07-14", _ extra: String = "") -> String {
    #"{"relation": "\#(relation)", "sex": "female", "birthDate": "\#(born)""# + (extra.isEmpty ? "" : ", " + extra) + "}"
}

/// A request body with `members` (JSON objects) and `extra` top-level fields.
private func request(_ event: String = "move-in", on day: String = "2026-04-01", _ members: [String] = [member()],
                     _ extra: String = "") -> String {
    #"{"event": "\#(event)", "eventDate": "\#(day)", "members": [\#(members.joined(separator: ", "))]"#
        + (extra.isEmpty ? "" : ", " + extra) + "}"
}

/// A move-in on 2026-04-01 with `members` and `extra` top-level fields.
private func request(_ members: [String], _ extra: String = "") -> String {
    request("move-in", on: "2026-04-01", members, extra)
}

@Suite struct GuideRequestParserTests {
    // MARK: Valid requests

    @Test func aFullRequestParses() throws {
        let json = """
        {
          "event": "move-in",
          "eventDate": "2026-04-01",
          "notificationDate": "2026-04-03",
          "plannedMoveOutDate": "2026-03-28",
          "knownDate": null,
          "from": { "abroad": false },
          "household": { "dogs": 1, "mopeds": 2 },
          "members": [
            {
              "id": "a", "relation": "head", "sex": "female", "birthDate": "1986-07-14", "nationality": "JP",
              "moving": true, "insurance": "national", "pensionCategory": 1, "careCertification": "none",
              "myNumberCard": "standard", "disabilityCertificate": false, "pregnant": true, "needsNursery": false,
              "wantsSealRegistration": true, "sealRegistered": false, "publicServant": false, "receives": [],
              "deceased": false, "nameChanges": false, "custodialParent": false, "joinsSpouseEmployeeInsurance": false
            },
            {
              "id": "k", "relation": "child", "sex": "male", "birthDate": "2019-04-02", "nationality": "vn",
              "moving": false, "insurance": "late-elderly", "pensionCategory": null, "careCertification": "care5",
              "myNumberCard": "face-auth", "receives": ["child-allowance", "pension"], "needsNursery": true,
              "disabilityCertificate": true, "publicServant": true, "custodialParent": true
            }
          ]
        }
        """
        let event = try parse(json)
        #expect(event.kind == "move-in")
        #expect(event.date == date("2026-04-01"))
        #expect(event.notificationDate == date("2026-04-03"))
        #expect(event.plannedMoveOutDate == date("2026-03-28"))
        #expect(event.knownDate == date("2026-04-01"))
        #expect(event.fromAbroad == false)
        #expect(event.dogs == 1)
        #expect(event.mopeds == 2)
        #expect(event.members.map(\.id) == ["a", "k"])

        let a = event.members[0]
        #expect(a.relation == .head && a.sex == .female && a.birthDate == date("1986-07-14"))
        #expect(a.insurance == .national && a.pensionCategory == 1 && a.myNumberCard == .standard)
        #expect(a.pregnant && a.wantsSealRegistration && a.moving)
        #expect(!a.needsNursery && !a.deceased && a.receives.isEmpty)

        let k = event.members[1]
        #expect(k.relation == .child && k.sex == .male && k.birthDate == date("2019-04-02"))
        #expect(k.nationality == "VN")
        #expect(!k.moving)
        #expect(k.insurance == .lateElderly && k.pensionCategory == nil && k.careCertification == .care5)
        #expect(k.myNumberCard == .faceAuth)
        #expect(k.receives == [.childAllowance, .pension])
        #expect(k.needsNursery && k.disabilityCertificate && k.publicServant && k.custodialParent)
        #expect(!k.pregnant && !k.sealRegistered && !k.nameChanges && !k.joinsSpouseEmployeeInsurance)
    }

    @Test func defaultsAreApplied() throws {
        let event = try parse(request(on: "2026-04-01", [member(), member("child", born: "2015-05-05")]))
        #expect(event.notificationDate == date("2026-04-01"))
        #expect(event.knownDate == date("2026-04-01"))
        #expect(event.plannedMoveOutDate == nil)
        #expect(event.fromAbroad == false && event.dogs == 0 && event.mopeds == 0)
        #expect(event.members.map(\.id) == ["1", "2"])
        for m in event.members {
            #expect(m.moving)
            #expect(m.nationality == "JP")
            #expect(m.insurance == .none && m.careCertification == .none && m.myNumberCard == .none)
            #expect(m.pensionCategory == nil && m.receives.isEmpty)
            #expect(!m.pregnant && !m.deceased && !m.publicServant && !m.wantsSealRegistration)
        }
    }

    @Test func nullMeansTheDefault() throws {
        let event = try parse(request([member("head", born: "1986-07-14", #""moving": null, "insurance": null"#)],
                                      #""notificationDate": null, "household": null"#))
        #expect(event.members[0].moving)
        #expect(event.members[0].insurance == .none)
        #expect(event.notificationDate == event.date)
    }

    @Test func aPlannedMoveOutDateIsForAMoveInOnly() throws {
        let moveOut = try parse(request("move-out", [member()], #""plannedMoveOutDate": "2026-03-20""#))
        #expect(moveOut.plannedMoveOutDate == nil)
        let moveIn = try parse(request("move-in", [member()], #""plannedMoveOutDate": "2026-03-20""#))
        #expect(moveIn.plannedMoveOutDate == date("2026-03-20"))
    }

    @Test func aKnownDateIsReadForADeath() throws {
        let death = try parse(request("death", [member("head", born: "1940-01-10", #""deceased": true"#), member("spouse")],
                                      #""knownDate": "2026-04-05""#))
        #expect(death.knownDate == date("2026-04-05"))
    }

    @Test func twentyMembersAreAllowed() throws {
        let members = [member()] + (1..<20).map { _ in member("child", born: "2015-05-05") }
        #expect(try parse(request(members)).members.count == 20)
    }

    @Test func eventDatesFrom1980Through2099() throws {
        #expect(try parse(request(on: "1980-01-01", [member(born: "1950-01-01")])).date == date("1980-01-01"))
        #expect(try parse(request(on: "2099-12-31")).date == date("2099-12-31"))
    }

    @Test func theParsedEventDrivesTheEngine() throws {
        let event = try parse(request("move-in", [member("head", born: "1986-07-14", #""insurance": "national""#)],
                                      #""household": {"dogs": 1}"#))
        #expect(SampleCatalog.codes(event) == ["juki.tennyu", "kokuho.kanyu", "inu.henko"])
    }

    // MARK: Bad input

    @Test func anImpossibleDateNamesTheMember() throws {
        let error = try #require(failure(request([member(), member("child", born: "2026-02-30")])))
        #expect(error.code == .invalidDate)
        #expect(error.field == "members[1].birthDate")
    }

    @Test func aMalformedDate() throws {
        for text in ["2026-4-1", "2026/04/01", "20260401", "2026-04-01T00:00:00Z", "令和8年4月1日", ""] {
            let error = try #require(failure(request(on: text)), "\(text)")
            #expect(error.code == .invalidDate, "\(text)")
            #expect(error.field == "eventDate", "\(text)")
        }
    }

    @Test func anUnknownEvent() throws {
        let error = try #require(failure(request("move-inn")))
        #expect(error.code == .invalidValue)
        #expect(error.field == "event")
        #expect(error.message.contains("move-in"), "lists the known events")
    }

    @Test func anUnknownEnumValue() throws {
        let error = try #require(failure(request([member("head", born: "1986-07-14", #""insurance": "nationl""#)])))
        #expect(error.code == .invalidValue)
        #expect(error.field == "members[0].insurance")
        #expect(error.message.contains("late-elderly"))

        let relation = try #require(failure(request([member("grandchild")])))
        #expect(relation.code == .invalidValue)
        #expect(relation.field == "members[0].relation")
    }

    @Test func anUnknownBenefitNamesItsIndex() throws {
        let error = try #require(failure(request([member("head", born: "1986-07-14", #""receives": ["pension", "pensions"]"#)])))
        #expect(error.code == .invalidValue)
        #expect(error.field == "members[0].receives[1]")
    }

    @Test func missingRequiredFields() throws {
        let sex = try #require(failure(request([member(), #"{"relation": "child", "birthDate": "2015-05-05"}"#])))
        #expect(sex.code == .missingField)
        #expect(sex.field == "members[1].sex")

        let eventDate = try #require(failure(#"{"event": "move-in", "members": [\#(member())]}"#))
        #expect(eventDate.code == .missingField)
        #expect(eventDate.field == "eventDate")

        let event = try #require(failure(#"{"eventDate": "2026-04-01", "members": [\#(member())]}"#))
        #expect(event.code == .missingField)
        #expect(event.field == "event")

        let members = try #require(failure(#"{"event": "move-in", "eventDate": "2026-04-01"}"#))
        #expect(members.code == .missingField)
        #expect(members.field == "members")

        let birthDate = try #require(failure(request([#"{"relation": "head", "sex": "male", "birthDate": null}"#])))
        #expect(birthDate.code == .missingField)
        #expect(birthDate.field == "members[0].birthDate")
    }

    @Test func emptyMembers() throws {
        let error = try #require(failure(request([])))
        #expect(error.code == .noMembers)
        #expect(error.field == "members")
    }

    @Test func twentyOneMembersAreTooMany() throws {
        let members = [member()] + (1..<21).map { _ in member("child", born: "2015-05-05") }
        let error = try #require(failure(request(members)))
        #expect(error.code == .tooManyMembers)
        #expect(error.field == "members")
    }

    @Test func aBodyThatIsNotAnObject() throws {
        for body in ["[1, 2]", #""move-in""#, "42", "null", "true"] {
            let error = try #require(failure(body), "\(body)")
            #expect(error.code == .invalidType, "\(body)")
            #expect(error.field == nil, "\(body)")
        }
    }

    @Test func invalidJSON() throws {
        // (Foundation's decoder tolerates a trailing comma in an object, so that is not among them.)
        for body in [#"{"event": "move-in""#, "", "{event: 'move-in'}", #"{"event": "move-in" "eventDate": "2026-04-01"}"#, "\u{FEFF}{"] {
            let error = try #require(failure(body), "\(body)")
            #expect(error.code == .invalidJSON, "\(body)")
            #expect(error.field == nil, "\(body)")
        }
    }

    @Test func wrongTypes() throws {
        let dogs = try #require(failure(request([member()], #""household": {"dogs": "two"}"#)))
        #expect(dogs.code == .invalidType)
        #expect(dogs.field == "household.dogs")

        let half = try #require(failure(request([member()], #""household": {"mopeds": 1.5}"#)))
        #expect(half.code == .invalidType)
        #expect(half.field == "household.mopeds")

        let moving = try #require(failure(request([member(), member("child", born: "2015-05-05", #""moving": "yes""#)])))
        #expect(moving.code == .invalidType)
        #expect(moving.field == "members[1].moving")

        let abroad = try #require(failure(request([member()], #""from": {"abroad": 1}"#)))
        #expect(abroad.code == .invalidType)
        #expect(abroad.field == "from.abroad")

        let list = try #require(failure(#"{"event": "move-in", "eventDate": "2026-04-01", "members": {"a": 1}}"#))
        #expect(list.code == .invalidType)
        #expect(list.field == "members")

        let notAMember = try #require(failure(request([member(), "7"])))
        #expect(notAMember.code == .invalidType)
        #expect(notAMember.field == "members[1]")

        let eventNumber = try #require(failure(#"{"event": 1, "eventDate": "2026-04-01", "members": [\#(member())]}"#))
        #expect(eventNumber.code == .invalidType)
        #expect(eventNumber.field == "event")
    }

    @Test func negativeAndHugeCounts() throws {
        let negative = try #require(failure(request([member()], #""household": {"dogs": -1}"#)))
        #expect(negative.code == .invalidValue)
        #expect(negative.field == "household.dogs")

        let huge = try #require(failure(request([member()], #""household": {"dogs": 100}"#)))
        #expect(huge.code == .invalidValue)
        #expect(huge.field == "household.dogs")
    }

    @Test func outOfRangeValues() throws {
        let pension = try #require(failure(request([member("head", born: "1986-07-14", #""pensionCategory": 4"#)])))
        #expect(pension.code == .invalidValue)
        #expect(pension.field == "members[0].pensionCategory")

        let nationality = try #require(failure(request([member("head", born: "1986-07-14", #""nationality": "JPN""#)])))
        #expect(nationality.code == .invalidValue)
        #expect(nationality.field == "members[0].nationality")

        let id = try #require(failure(request([member("head", born: "1986-07-14", #""id": """#)])))
        #expect(id.code == .invalidValue)
        #expect(id.field == "members[0].id")
    }

    @Test func duplicateMemberIds() throws {
        let error = try #require(failure(request([member("head", born: "1986-07-14", #""id": "x""#),
                                                  member("child", born: "2015-05-05", #""id": "x""#)])))
        #expect(error.code == .invalidValue)
        #expect(error.field == "members[1].id")
    }

    @Test func aBirthDateAfterTheEventDate() throws {
        let error = try #require(failure(request(on: "2026-04-01", [member(), member("child", born: "2026-04-02")])))
        #expect(error.code == .invalidDate)
        #expect(error.field == "members[1].birthDate")
    }

    @Test func aBirthDateBefore1873() throws {
        let error = try #require(failure(request([member(born: "1872-12-31")])))
        #expect(error.code == .invalidDate)
        #expect(error.field == "members[0].birthDate")
    }

    @Test func aBirthWithoutANewborn() throws {
        let error = try #require(failure(request("birth", [member(), member("spouse")])))
        #expect(error.code == .missingField)
        #expect(error.field == "members")
    }

    @Test func aNewbornBornOnAnotherDayThanTheBirth() throws {
        let error = try #require(failure(request("birth", on: "2026-04-01", [member(), member("newborn", born: "2026-03-31")])))
        #expect(error.code == .invalidDate)
        #expect(error.field == "members[1].birthDate")
    }

    @Test func aDeathWithNoOrTwoDeceased() throws {
        let none = try #require(failure(request("death", [member(), member("spouse")])))
        #expect(none.code == .invalidValue)
        #expect(none.field == "members")

        let two = try #require(failure(request("death", [member("head", born: "1940-01-10", #""deceased": true"#),
                                                         member("spouse", born: "1941-01-10", #""deceased": true"#)])))
        #expect(two.code == .invalidValue)
        #expect(two.field == "members")
    }

    @Test func aKnownDateBeforeTheDeath() throws {
        let error = try #require(failure(request("death", on: "2026-04-01", [member("head", born: "1940-01-10", #""deceased": true"#)],
                                                 #""knownDate": "2026-03-31""#)))
        #expect(error.code == .invalidDate)
        #expect(error.field == "knownDate")
    }

    @Test func aMoveWithNobodyMoving() throws {
        let error = try #require(failure(request("move-out", [member("head", born: "1986-07-14", #""moving": false"#)])))
        #expect(error.code == .invalidValue)
        #expect(error.field == "members")
    }

    @Test func twoHeads() throws {
        let error = try #require(failure(request([member(), member()])))
        #expect(error.code == .invalidValue)
        #expect(error.field == "members")
    }

    @Test func eventDatesOutside1980Through2099() throws {
        for day in ["1979-12-31", "2100-01-01", "0001-01-01", "9999-12-31"] {
            let error = try #require(failure(request(on: day, [member(born: "1950-01-01")])), "\(day)")
            #expect(error.code == .invalidDate, "\(day)")
            #expect(error.field == "eventDate", "\(day)")
        }
    }

    @Test func deeplyNestedJSONIsRefusedWithoutACrash() throws {
        let open = try #require(failure(String(repeating: "[", count: 10_000)))
        #expect(open.code == .invalidJSON)

        let balanced = try #require(failure(String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)))
        #expect([.invalidJSON, .invalidType].contains(balanced.code))

        let nestedField = String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000)
        let deep = try #require(failure(request([member()], #""household": "# + nestedField)))
        #expect([.invalidJSON, .invalidType].contains(deep.code))
    }
}
