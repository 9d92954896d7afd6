import Fluent
import Foundation
@testable import MadoguchiCore
@testable import MadoguchiServer
import Testing

/// The Case service (`CaseDesk`) without HTTP, on both stores: the in-memory twin and the SQL store (SQLite,
/// or PostgreSQL when `MADOGUCHI_TEST_POSTGRES_URL` is set). Each behaviour runs on each and must come out
/// the same — the twin is only useful if it behaves like the real one.
@Suite struct CaseDeskTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case memory, sql
        var testDescription: String { rawValue }
    }

    static let today = CivilDate(uncheckedYear: 2026, month: 12, day: 1)

    /// Runs `body` with a desk on the backend, and a way to count the Case's timeline entries.
    static func withDesk(_ backend: Backend, actor: String = "counter1",
                         _ body: (CaseDesk, @escaping @Sendable (UUID) async throws -> Int) async throws -> Void) async throws {
        switch backend {
        case .memory:
            let store = InMemoryCaseStore()
            let catalog = try CatalogLoader.load(directory: catalogDirectory)
            let desk = CaseDesk(store: store, catalog: catalog, engine: RuleEngine(catalog: catalog), actor: CaseActor(actor),
                                today: { today })
            try await body(desk) { id in await store.timeline.count { $0.caseID == id } }
        case .sql:
            try await withMadoguchi { app in
                let store = SQLCaseStore(db: app.db, writes: app.writePath, vault: app.madoguchi.vault)
                let desk = CaseDesk(store: store, catalog: app.madoguchi.catalog, engine: app.madoguchi.engine,
                                    actor: CaseActor(actor, address: "192.0.2.1"), today: { today })
                try await body(desk) { id in try await CaseTimelineEntry.query(on: app.db).filter(\.$caseRecord.$id == id).count() }
            }
        }
    }

    static func couple() -> CaseInput {
        var input = CaseInput()
        input.dates[.eventDate] = "2026-11-20"
        var head = PersonInput()
        (head.family, head.given, head.familyKana, head.givenKana) = ("山田", "太郎", "ヤマダ", "タロウ")
        (head.birthDate, head.sex, head.relation) = ("1985-04-01", "male", "head")
        head.answers = ["moving": "on", "insurance": "national"]
        var spouse = PersonInput()
        (spouse.family, spouse.given, spouse.familyKana, spouse.givenKana) = ("𠮷田", "花子", "ヨシダ", "ハナコ")
        (spouse.birthDate, spouse.sex, spouse.relation) = ("1987-02-03", "female", "spouse")
        spouse.answers = ["moving": "on"]
        input.people = [head, spouse]
        var old = AddressInput()
        (old.prefecture, old.city, old.town, old.banchi) = ("東京都", "新宿区", "西新宿二丁目", "8番1号")
        var new = AddressInput()
        (new.prefecture, new.city, new.town, new.banchi) = ("栃木県", "サンプル市", "中央一丁目", "1番地1")
        input.addresses = [.old: old, .new: new]
        return input
    }

    @Test(arguments: Backend.allCases)
    func aSavedHouseholdComesBackWithItsProcedures(_ backend: Backend) async throws {
        try await Self.withDesk(backend) { desk, timeline in
            let opened = try await desk.open("move-in")
            #expect(opened.state == .draft && opened.household.people.isEmpty && opened.channel == "counter")
            let saved = try await desk.save(Self.couple(), to: opened.id, staffInputs: 12).get()
            let found = try #require(try await desk.store.find(opened.id))
            #expect(found == saved)
            #expect(found.household.people.map(\.givenName) == ["太郎", "花子"])
            #expect(Array(found.household.people[1].familyName.unicodeScalars).first?.value == 0x20BB7)  // 𠮷 kept byte-exact
            #expect(found.household.people.allSatisfy { $0.id != nil })
            #expect(found.procedures.contains { $0.code == "juki.tennyu" && $0.status == .waiting && $0.members == [1, 2] })
            #expect(found.staffInputs == 12)
            #expect(try await timeline(opened.id) == 2)  // created, saved
        }
    }

    @Test(arguments: Backend.allCases)
    func wrongInputIsRefusedWithEveryFieldAndNothingIsStored(_ backend: Backend) async throws {
        try await Self.withDesk(backend) { desk, timeline in
            let opened = try await desk.open("move-in")
            var input = Self.couple()
            input.people[1].birthDate = "2026-02-30"
            input.addresses[.new]?.city = "サンプル"
            guard case .failure(let failure) = try await desk.save(input, to: opened.id) else {
                Issue.record("wrong input was stored")
                return
            }
            #expect(failure.errors.map(\.field.formID) == ["new-city", "m1-birthDate"])
            #expect(try await desk.store.find(opened.id) == opened)
            #expect(try await timeline(opened.id) == 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func peopleKeepTheirIdentityAndTheNumberStaysSealed(_ backend: Backend) async throws {
        try await Self.withDesk(backend) { desk, _ in
            let opened = try await desk.open("move-in")
            var input = Self.couple()
            input.people[0].myNumber = "123456789018"
            let first = try await desk.save(input, to: opened.id).get()
            #expect(first.myNumberLast4 == [1: "9018"])
            #expect(first.household.people[0].myNumber == .keep)  // never read back

            // The spouse moves first, a child is added: ids stay with people, the number with its person.
            var again = CaseInput(first.household)
            var child = PersonInput()
            (child.birthDate, child.sex, child.relation) = ("2020-06-01", "female", "child")
            again.people = [again.people[1], again.people[0], child]
            let second = try await desk.save(again, to: opened.id).get()
            #expect(second.household.people[0].id == first.household.people[1].id)
            #expect(second.household.people[1].id == first.household.people[0].id)
            #expect(second.myNumberLast4 == [2: "9018"])

            // Removing a person and a number.
            var third = CaseInput(second.household)
            third.people.removeLast()
            third.people[1].removeMyNumber = true
            let last = try await desk.save(third, to: opened.id).get()
            #expect(last.household.people.count == 2 && last.myNumberLast4.isEmpty)
        }
    }

    @Test(arguments: Backend.allCases)
    func confirmingNeedsWhatIsMissingAndThenTheCaseMovesOn(_ backend: Backend) async throws {
        try await Self.withDesk(backend) { desk, timeline in
            let opened = try await desk.open("move-in")
            var input = Self.couple()
            input.addresses[.new] = nil
            input.people[1].familyKana = ""
            _ = try await desk.save(input, to: opened.id).get()
            let newAddress = try #require(desk.catalog.event("move-in")?.addresses.last)
            await #expect(throws: CaseIncomplete([.kana(person: 2), .address(newAddress)])) {
                try await desk.move(opened.id, .confirm)
            }
            #expect(try await desk.store.find(opened.id)?.state == .draft)

            _ = try await desk.save(Self.couple(), to: opened.id).get()
            #expect(try await desk.move(opened.id, .confirm) == .confirmed)
            // A confirmed Case cannot be changed until staff choose to edit it.
            await #expect(throws: IllegalCaseMove(from: .confirmed, event: .edit)) { try await desk.save(Self.couple(), to: opened.id) }
            #expect(try await desk.move(opened.id, .signOnPaper) == .signed)
            await #expect(throws: IllegalCaseMove(from: .signed, event: .confirm)) { try await desk.move(opened.id, .confirm) }
            #expect(try await desk.move(opened.id, .handOff) == .handedOff)
            let handedOff = try #require(try await desk.store.find(opened.id))
            #expect(!handedOff.procedures.isEmpty && handedOff.procedures.allSatisfy { $0.status == .open })
            #expect(try await timeline(opened.id) == 6)  // created, saved twice, three moves
        }
    }

    @Test(arguments: Backend.allCases)
    func twoConfirmationsAtOnceHaveOneEffect(_ backend: Backend) async throws {
        try await Self.withDesk(backend) { desk, timeline in
            let opened = try await desk.open("move-in")
            _ = try await desk.save(Self.couple(), to: opened.id).get()
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 { group.addTask { (try? await desk.move(opened.id, .confirm)) != nil } }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.count(where: { $0 }) == 1)
            #expect(try await desk.store.find(opened.id)?.state == .confirmed)
            #expect(try await timeline(opened.id) == 3)
        }
    }

    @Test(arguments: Backend.allCases)
    func unknownEventsAndCasesAreNamed(_ backend: Backend) async throws {
        try await Self.withDesk(backend) { desk, _ in
            await #expect(throws: UnknownCaseEvent("moving-house")) { try await desk.open("moving-house") }
            let nobody = UUID()
            await #expect(throws: CaseNotFound(nobody)) { try await desk.save(Self.couple(), to: nobody) }
            await #expect(throws: CaseNotFound(nobody)) { try await desk.move(nobody, .confirm) }
            let found = try await desk.store.find(nobody)
            #expect(found == nil)
        }
    }

    /// Work done alongside a save (a card read used up by it) commits with the save or not at all: when the
    /// work fails the household is not saved, and when the save is refused the work is undone.
    @Test func workAlongsideASaveCommitsWithItOrNotAtAll() async throws {
        try await withMadoguchi { app in
            let store = SQLCaseStore(db: app.db, writes: app.writePath, vault: app.madoguchi.vault)
            let desk = CaseDesk(store: store, catalog: app.madoguchi.catalog, engine: app.madoguchi.engine,
                                actor: CaseActor("counter1"), today: { Self.today })
            let opened = try await desk.open("move-in")
            let household = try #require(try CaseValidator(event: #require(app.madoguchi.catalog.event("move-in")), today: Self.today)
                .validate(Self.couple()).get())
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await store.save(household, procedures: [], to: opened.id, staffInputs: 1, by: desk.actor, contact: nil) { sql in
                    try await sql.raw("UPDATE cases SET staff_inputs = 99 WHERE id = \(bind: opened.id)").run()
                    throw Refused()
                }
            }
            var found = try #require(try await store.find(opened.id))
            #expect(found.household.people.isEmpty && found.staffInputs == 0)

            _ = try await desk.save(household, to: opened.id)
            try await desk.move(opened.id, .confirm)
            await #expect(throws: IllegalCaseMove.self) {
                try await store.save(household, procedures: [], to: opened.id, staffInputs: 1, by: desk.actor, contact: nil) { sql in
                    try await sql.raw("UPDATE cases SET staff_inputs = 99 WHERE id = \(bind: opened.id)").run()
                }
            }
            found = try #require(try await store.find(opened.id))
            #expect(found.staffInputs == 0 && found.state == .confirmed)
        }
    }
}
