import Testing
@testable import MadoguchiCore

/// What a Case lacks before confirmation: people's fields by person, and the addresses the event's catalog
/// file asks for (no event names in code).
@Suite struct CaseGapsTests {
    static let complete = CaseCompleteness.Person(hasName: true, hasKana: true, hasBirthDate: true, hasSex: true, hasRelation: true)

    static func event(_ id: String) throws -> EventDefinition { try #require(SampleCatalog.catalog.event(id)) }

    @Test func aMoveInNeedsBothAddressesInTheFormsOrder() throws {
        let gaps = CaseCompleteness.gaps(event: try Self.event("move-in"), hasEventDate: true, people: [Self.complete], addresses: [])
        #expect(gaps.map { $0.text(.ja) } == ["前住所（転入前の住所）", "新住所"])
        #expect(gaps.map { $0.text(.en) } == ["Previous address (before moving in)", "New address"])
        #expect(CaseCompleteness.gaps(event: try Self.event("move-in"), hasEventDate: true, people: [Self.complete],
                                      addresses: [.old, .new]).isEmpty)
    }

    @Test func aMoveOutNeedsOnlyTheAddressLeftAndABirthNone() throws {
        #expect(CaseCompleteness.gaps(event: try Self.event("move-out"), hasEventDate: true, people: [Self.complete], addresses: [.old]).isEmpty)
        #expect(CaseCompleteness.gaps(event: try Self.event("move-out"), hasEventDate: true, people: [Self.complete], addresses: [])
            .map { $0.text(.ja) } == ["現住所"])
        for event in ["birth", "death", "marriage", "divorce"] {
            #expect(CaseCompleteness.gaps(event: try Self.event(event), hasEventDate: true, people: [Self.complete], addresses: []).isEmpty, "\(event)")
        }
    }

    @Test func eachGapNamesThePersonInTheReadersLanguage() throws {
        var second = Self.complete
        second.hasBirthDate = false
        second.hasKana = false
        let gaps = CaseCompleteness.gaps(event: try Self.event("birth"), hasEventDate: false, people: [Self.complete, second], addresses: [])
        #expect(gaps == [.eventDate, .kana(person: 2), .birthDate(person: 2)])
        #expect(CaseGap.list(gaps, .ja) == "できごとの日付、2人目のフリガナ、2人目の生年月日")
        #expect(CaseGap.list(gaps, .en) == "the date of the event, person 2's name in kana, person 2's date of birth")
        #expect(CaseCompleteness.gaps(event: try Self.event("birth"), hasEventDate: true, people: [], addresses: []) == [.nobody])
    }

    @Test func anEventWithoutAnAddressListRecordsTheCurrentAddressOptionally() throws {
        let birth = try Self.event("birth")
        #expect(birth.addresses == [.current])
        #expect(try Self.event("move-in").addresses.map(\.kind) == [.old, .new])
    }

    @Test func theCatalogRefusesUnknownAndRepeatedAddresses() throws {
        let line = "  - {kind: new, label: {ja: 新住所, en: New address}, required: true, local: true}\n"
        let unknown = try SampleCatalogFiles.replacing(line, with: line.replacingOccurrences(of: "kind: new", with: "kind: next"),
                                                        in: "events/move-within.yaml")
        #expect(throws: CatalogError.self) { try CatalogLoader.load(files: unknown) }
        do {
            _ = try CatalogLoader.load(files: unknown)
        } catch {
            #expect(error.message.contains("unknown address kind"))
            #expect(error.file == "events/move-within.yaml")
        }
        let twice = try SampleCatalogFiles.replacing(line, with: line.replacingOccurrences(of: "kind: new", with: "kind: old"),
                                                      in: "events/move-within.yaml")
        do {
            _ = try CatalogLoader.load(files: twice)
            Issue.record("loaded a catalog with the old address twice")
        } catch {
            #expect(error.message.contains("appears twice"))
        }
    }
}
