import Fluent
import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor
import VaporTesting

/// A counter clerk signed in, with helpers to run a Case.
struct Clerk {
    var browser: StaffBrowser

    static func signedIn(_ app: Application, role: StaffRole = .counter) async throws -> Clerk {
        try await app.staff("madoguchi1", role)
        var browser = StaffBrowser(app)
        _ = try await browser.signIn("madoguchi1", "correct horse battery")
        return Clerk(browser: browser)
    }

    /// Starts a Case; returns its id.
    mutating func start(_ event: String) async throws -> String {
        let home = try await browser.get("/counter")
        let created = try await browser.post("/counter/cases", [("event", event), ("_csrf", try StaffBrowser.csrf(in: home))])
        let location = try #require(created.headers.first(name: .location))
        return String(location.dropFirst("/counter/cases/".count))
    }

    /// Submits the Case form with `fields` (plus the token and the number of people).
    mutating func save(_ id: String, people: Int, _ fields: [(String, String)], action: String = "save") async throws -> TestingHTTPResponse {
        let page = try await browser.get("/counter/cases/\(id)")
        var all = fields + [("_csrf", try StaffBrowser.csrf(in: page)), ("people", String(people)), ("action", action)]
        // Keep the stored rows (their ids are hidden fields on the page).
        for index in 0..<people {
            if let rowID = Self.hidden("m\(index)-id", in: page.body.string), !fields.contains(where: { $0.0 == "m\(index)-id" }) {
                all.append(("m\(index)-id", rowID))
            }
        }
        return try await browser.post("/counter/cases/\(id)", all)
    }

    mutating func transition(_ id: String, _ event: String) async throws -> TestingHTTPResponse {
        let page = try await browser.get("/counter/cases/\(id)")
        return try await browser.post("/counter/cases/\(id)/transition", [("event", event), ("_csrf", try StaffBrowser.csrf(in: page))])
    }

    static func hidden(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: #"name="\#(name)" value=""#) else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        let value = String(rest[..<end])
        return value.isEmpty ? nil : value
    }
}

/// A family of four moving in: parents on national insurance, two school children, a dog.
let familyOfFourFields: [(String, String)] = [
    ("eventDate", "令和8年4月1日"), ("dogs", "1"),
    ("old-postcode", "100-0001"), ("old-prefecture", "東京都"), ("old-city", "千代田区"), ("old-town", "千代田"), ("old-banchi", "1番1号"),
    ("new-postcode", "321-4300"), ("new-prefecture", "栃木県"), ("new-city", "サンプル市"), ("new-town", "中央一丁目"), ("new-banchi", "5番地3"),
    ("m0-family", "山田"), ("m0-given", "花子"), ("m0-familyKana", "ヤマダ"), ("m0-givenKana", "はなこ"), ("m0-birthDate", "S61.7.14"),
    ("m0-sex", "female"), ("m0-relation", "head"), ("m0-nationality", "JP"), ("m0-moving", "on"), ("m0-insurance", "national"),
    ("m1-family", "山田"), ("m1-given", "太郎"), ("m1-familyKana", "ヤマダ"), ("m1-givenKana", "タロウ"), ("m1-birthDate", "1984-05-10"),
    ("m1-sex", "male"), ("m1-relation", "spouse"), ("m1-nationality", "JP"), ("m1-moving", "on"), ("m1-insurance", "national"),
    ("m2-family", "山田"), ("m2-given", "一郎"), ("m2-familyKana", "ヤマダ"), ("m2-givenKana", "イチロウ"), ("m2-birthDate", "2015-06-20"),
    ("m2-sex", "male"), ("m2-relation", "child"), ("m2-nationality", "JP"), ("m2-moving", "on"), ("m2-insurance", "national"),
    ("m3-family", "山田"), ("m3-given", "桜"), ("m3-familyKana", "ヤマダ"), ("m3-givenKana", "サクラ"), ("m3-birthDate", "2018-11-03"),
    ("m3-sex", "female"), ("m3-relation", "child"), ("m3-nationality", "JP"), ("m3-moving", "on"), ("m3-insurance", "national"),
]

@Suite struct CounterTests {
    @Test func aFamilyOfFourMovingInGetsItsProceduresAtTheCounter() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            // MUT
            let saved = try await clerk.save(id, people: 4, familyOfFourFields)
            // validate
            #expect(saved.status == .seeOther)
            let record = try #require(try await CaseRecord.find(UUID(uuidString: id), on: app.db))
            #expect(record.eventDate == "2026-04-01")
            #expect(record.newAddress?.oneLine == "栃木県サンプル市中央一丁目5番地3")
            let members = try await record.$members.query(on: app.db).sort(\.$position).all()
            #expect(members.map(\.givenName) == ["花子", "太郎", "一郎", "桜"])
            #expect(members[0].givenKana == "ハナコ", "hiragana furigana becomes katakana")
            let codes = Set(try await record.$procedures.query(on: app.db).all().map(\.code))
            #expect(codes == ["juki.tennyu", "kokuho.kanyu", "jidoteate.nintei", "kodomo-iryo.shinsei", "gakko.tennyugaku", "inu.henko"])
            let page = try await clerk.browser.get("/counter/cases/\(id)").body.string
            #expect(page.contains(#"data-code="gakko.tennyugaku""#))
            #expect(page.contains("期限 令和8年4月15日"))
            // Saving again keeps the same people (rows are updated, not duplicated).
            _ = try await clerk.save(id, people: 4, familyOfFourFields)
            #expect(try await record.$members.query(on: app.db).count() == 4)
        }
    }

    @Test func wrongInputComesBackWithEveryErrorAndNothingIsSaved() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            let response = try await clerk.save(id, people: 1, [
                ("eventDate", "2026-02-30"), ("m0-family", "山田"), ("m0-given", "花子"), ("m0-familyKana", "Yamada"),
                ("m0-birthDate", "1986-07-14"), ("m0-myNumber", "123456789012"), ("new-postcode", "32143"),
            ])
            #expect(response.status == .badRequest)
            let page = response.body.string
            for field in ["eventDate", "m0-familyKana", "m0-myNumber", "new-postcode"] {
                #expect(page.contains(##"href="#\##(field)""##), "\(field)")
            }
            #expect(page.contains(#"value="Yamada""#), "what was typed is kept")
            let record = try #require(try await CaseRecord.find(UUID(uuidString: id), on: app.db))
            #expect(record.eventDate == nil)
            #expect(try await record.$members.query(on: app.db).count() == 0)
        }
    }

    @Test func theMyNumberIsSealedMaskedAndNeverShown() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            let number = try #require(MyNumber("123456789018"))
            var fields = Array(familyOfFourFields.prefix(19))
            fields.append(("m0-myNumber", "1234 5678 9018"))
            let saved = try await clerk.save(id, people: 1, fields)
            #expect(saved.status == .seeOther)
            let member = try #require(try await CaseMemberRecord.query(on: app.db).first())
            let sealed = try #require(member.myNumberSealed)
            #expect(!sealed.contains("123456789018"))
            #expect(member.myNumberLast4 == "9018")
            #expect(try app.madoguchi.vault.open(sealed, purpose: CaseService.myNumberPurpose(member.requireID())) == number.digits)
            let page = try await clerk.browser.get("/counter/cases/\(id)").body.string
            #expect(!page.contains("123456789018"))
            #expect(!page.contains("1234 5678 9018"))
            #expect(page.contains("**** **** 9018"))
            // Saving without typing it again keeps it.
            _ = try await clerk.save(id, people: 1, Array(familyOfFourFields.prefix(19)))
            #expect(try await CaseMemberRecord.query(on: app.db).first()?.myNumberLast4 == "9018")
        }
    }

    @Test func confirmationNeedsCompleteDataAndIllegalMovesAreRefused() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            #expect(try await clerk.transition(id, "confirm").status == .badRequest)
            #expect(try await clerk.transition(id, "hand-off").status == .conflict)
            _ = try await clerk.save(id, people: 4, familyOfFourFields)
            #expect(try await clerk.transition(id, "confirm").status == .seeOther)
            #expect(try await CaseRecord.find(UUID(uuidString: id), on: app.db)?.state == .confirmed)
            // A confirmed Case cannot be changed without going back to draft.
            #expect(try await clerk.save(id, people: 4, familyOfFourFields).status == .conflict)
            #expect(try await clerk.transition(id, "sign-on-paper").status == .seeOther)
            #expect(try await clerk.transition(id, "hand-off").status == .seeOther)
            let statuses = try await CaseProcedureRecord.query(on: app.db).all().map(\.status)
            #expect(!statuses.isEmpty && statuses.allSatisfy { $0 == .open })
            let timeline = try await CaseTimelineEntry.query(on: app.db).sort(\.$at).all().map(\.what)
            #expect(timeline.contains("状態：各課で処理中"))
        }
    }

    @Test func aSectionUserCannotOpenTheCounter() async throws {
        try await withMadoguchi { app in
            try await app.staff("hoken1", .section, section: "HOKEN_NENKIN")
            var browser = StaffBrowser(app)
            _ = try await browser.signIn("hoken1", "correct horse battery")
            #expect(try await browser.get("/counter").status == .forbidden)
        }
    }

    @Test func everyViewAndChangeOfACaseIsAudited() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            _ = try await clerk.save(id, people: 4, familyOfFourFields)
            let entries = try await AuditEntry.query(on: app.db).filter(\.$caseID == UUID(uuidString: id)).all()
            let actions = Set(entries.map(\.action))
            #expect(actions.isSuperset(of: ["case.created", "case.viewed", "case.changed"]))
            #expect(entries.allSatisfy { $0.actor == "madoguchi1" })
        }
    }

    @Test func aResidentFromTheRecordsFillsAPerson() async throws {
        try await withMadoguchi { app in
            let registry = ResidentRegistry(try #require(app.madoguchi.sampleResidents))
            let resident = try #require(registry.residents.first)
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-within")
            let page = try await clerk.browser.get("/counter/cases/\(id)?q=" + (resident.name.family.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            #expect(page.body.string.contains(resident.code))
            let added = try await clerk.browser.post("/counter/cases/\(id)/residents", [("code", resident.code), ("_csrf", try StaffBrowser.csrf(in: page))])
            #expect(added.status == .seeOther)
            let member = try #require(try await CaseMemberRecord.query(on: app.db).first())
            #expect(member.residentCode == resident.code)
            #expect(Array(member.familyName.unicodeScalars) == Array(resident.name.family.unicodeScalars), "byte-exact")
            #expect(member.birthDate == resident.birthDate.iso)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "resident.viewed").count() >= 2)
        }
    }

    /// A foreign resident from the records brings the residence card's items into the Case: the 在留資格, the period
    /// and the card number, which the 住民異動届 prints.
    @Test func aForeignResidentFromTheRecordsBringsTheResidenceCard() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-within")
            let page = try await clerk.browser.get("/counter/cases/\(id)?q=NGUYEN")
            let added = try await clerk.browser.post("/counter/cases/\(id)/residents", [("code", "99006010000"), ("_csrf", try StaffBrowser.csrf(in: page))])
            #expect(added.status == .seeOther)
            let member = try #require(try await CaseMemberRecord.query(on: app.db).first())
            #expect(member.residenceStatus == "特定技能1号" && member.residenceCardNumber == "AB12345678CD")
            let screen = try await clerk.browser.get("/counter/cases/\(id)").body.string
            #expect(screen.contains(#"id="m0-residenceCardNumber" name="m0-residenceCardNumber" value="AB12345678CD""#))
            // A certificate for someone of the Case opens the request filled from the records.
            #expect(screen.contains(#"href="/counter/certificates?resident=99006010000" id="m0-certificates""#))
            let request = try await clerk.browser.get("/counter/certificates?resident=99006010000").body.string
            #expect(request.contains("NGUYEN") && request.contains(#"name="resident" value="99006010000""#))
        }
    }

    /// A family moving within the city is added in one press: the whole household, once each.
    @Test func aWholeHouseholdIsAddedAtOnce() async throws {
        try await withMadoguchi { app in
            let registry = ResidentRegistry(try #require(app.madoguchi.sampleResidents))
            let head = try #require(registry.residents.first)
            let household = registry.members(ofHousehold: head.household)
            #expect(household.count == 4)
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-within")
            let page = try await clerk.browser.get("/counter/cases/\(id)?q=" + (head.name.family.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            #expect(page.body.string.contains("id=\"add-household-\(head.code)\""))
            let csrf = try StaffBrowser.csrf(in: page)
            _ = try await clerk.browser.post("/counter/cases/\(id)/residents", [("code", head.code), ("_csrf", csrf)])
            let added = try await clerk.browser.post("/counter/cases/\(id)/residents", [("household", head.household), ("_csrf", csrf)])
            #expect(added.status == .seeOther)
            let members = try await CaseMemberRecord.query(on: app.db).sort(\.$position).all()
            #expect(members.compactMap(\.residentCode) == household.map(\.code), "each once, the head first")
        }
    }

    @Test func aCaseOpensByItsReferenceAsTypedOrScanned() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("birth")
            let record = try #require(try await CaseRecord.find(UUID(uuidString: id), on: app.db))
            let typed = try await clerk.browser.get("/counter/open?ref=" + record.reference.lowercased().replacingOccurrences(of: "-", with: ""))
            #expect(typed.headers.first(name: .location) == "/counter/cases/\(id)")
            let scanned = try await clerk.browser.get("/counter/open?ref=" + ("https://city.example/c/\(record.reference)".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            #expect(scanned.headers.first(name: .location) == "/counter/cases/\(id)")
            let unknown = try await clerk.browser.get("/counter/open?ref=ZZZZ-ZZZZ")
            #expect(unknown.headers.first(name: .location)?.hasPrefix("/counter?error=") == true)
        }
    }
}
