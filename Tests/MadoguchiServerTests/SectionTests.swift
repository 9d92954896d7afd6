import Fluent
import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor
import VaporTesting

@Suite struct SectionTests {
    /// A handed-off family-of-four move-in; returns the Case id.
    static func handedOffCase(_ app: Application) async throws -> String {
        var clerk = try await Clerk.signedIn(app)
        let id = try await clerk.start("move-in")
        _ = try await clerk.save(id, people: 4, familyOfFourFields)
        for event in ["confirm", "sign-on-paper", "hand-off"] { _ = try await clerk.transition(id, event) }
        return id
    }

    static func signIn(_ app: Application, _ section: String) async throws -> StaffBrowser {
        try await app.staff("s-\(section.lowercased())", .section, section: section)
        var browser = StaffBrowser(app)
        _ = try await browser.signIn("s-\(section.lowercased())", "correct horse battery")
        return browser
    }

    @Test func eachSectionSeesItsOwnProceduresAndOnlyItsOwn() async throws {
        try await withMadoguchi { app in
            _ = try await Self.handedOffCase(app)
            var kodomo = try await Self.signIn(app, "KODOMO")
            let page = try await kodomo.get("/sections/KODOMO")
            #expect(page.status == .ok)
            #expect(page.body.string.contains(#"data-code="jidoteate.nintei""#))
            #expect(page.body.string.contains(#"data-code="kodomo-iryo.shinsei""#))
            #expect(!page.body.string.contains(#"data-code="juki.tennyu""#))
            #expect(try await kodomo.get("/sections/JUMIN").status == .forbidden)
        }
    }

    @Test func theCaseCompletesWhenEverySectionIsDone() async throws {
        try await withMadoguchi { app in
            let id = try await Self.handedOffCase(app)
            let caseID = try #require(UUID(uuidString: id))
            let procedures = try await CaseProcedureRecord.query(on: app.db).filter(\.$caseRecord.$id == caseID).all()
            var browsers: [String: StaffBrowser] = [:]
            for (index, procedure) in procedures.enumerated() {
                var browser: StaffBrowser
                if let existing = browsers[procedure.section] { browser = existing } else { browser = try await Self.signIn(app, procedure.section) }
                let page = try await browser.get("/sections/\(procedure.section)")
                let done = try await browser.post("/sections/\(procedure.section)/procedures/\(try procedure.requireID())",
                                                  [("action", "done"), ("_csrf", try StaffBrowser.csrf(in: page))])
                #expect(done.status == .seeOther)
                browsers[procedure.section] = browser
                let state = try await CaseRecord.find(caseID, on: app.db)?.state
                #expect(state == (index == procedures.count - 1 ? .completed : .handedOff))
            }
        }
    }

    @Test func aReturnNeedsAReasonAndTheCounterSeesIt() async throws {
        try await withMadoguchi { app in
            let id = try await Self.handedOffCase(app)
            let procedure = try #require(try await CaseProcedureRecord.query(on: app.db).filter(\.$code == "gakko.tennyugaku").first())
            var gakko = try await Self.signIn(app, "GAKKO")
            let page = try await gakko.get("/sections/GAKKO")
            let path = "/sections/GAKKO/procedures/\(try procedure.requireID())"
            #expect(try await gakko.post(path, [("action", "return"), ("reason", " "), ("_csrf", try StaffBrowser.csrf(in: page))]).status == .badRequest)
            let returned = try await gakko.post(path, [("action", "return"), ("reason", "在学証明書が未提出"), ("_csrf", try StaffBrowser.csrf(in: page))])
            #expect(returned.status == .seeOther)
            // Done is no longer possible for a returned item; the counter sees the reason.
            #expect(try await gakko.post(path, [("action", "done"), ("_csrf", try StaffBrowser.csrf(in: page))]).status == .conflict)
            var counter = StaffBrowser(app)
            _ = try await counter.signIn("madoguchi1", "correct horse battery")
            let screen = try await counter.get("/counter/cases/\(id)").body.string
            #expect(screen.contains("差戻し（在学証明書が未提出）"))
        }
    }

    /// A returned procedure is dealt with at the counter and sent again; once every section is done the Case
    /// completes, and the citizen's status shows it.
    @Test func aReturnedProcedureIsSentAgainAndTheCaseCompletes() async throws {
        try await withMadoguchi { app in
            let id = try await Self.handedOffCase(app)
            let caseID = try #require(UUID(uuidString: id))
            let returnedOne = try #require(try await CaseProcedureRecord.query(on: app.db).filter(\.$code == "gakko.tennyugaku").first())
            var gakko = try await Self.signIn(app, "GAKKO")
            var page = try await gakko.get("/sections/GAKKO")
            let path = "/sections/GAKKO/procedures/\(try returnedOne.requireID())"
            _ = try await gakko.post(path, [("action", "return"), ("reason", "在学証明書が未提出"), ("_csrf", try StaffBrowser.csrf(in: page))])

            var counter = StaffBrowser(app)
            _ = try await counter.signIn("madoguchi1", "correct horse battery")
            let screen = try await counter.get("/counter/cases/\(id)")
            #expect(screen.body.string.contains("id=\"resend-gakko.tennyugaku\""))
            let resend = "/counter/cases/\(id)/procedures/\(try returnedOne.requireID())/resend"
            #expect(try await counter.post(resend, [("note", " "), ("_csrf", try StaffBrowser.csrf(in: screen))]).status == .badRequest,
                    "what was done is said")
            #expect(try await counter.post(resend, [("note", "在学証明書を受け取り"), ("_csrf", try StaffBrowser.csrf(in: screen))]).status == .seeOther)
            #expect(try await CaseProcedureRecord.find(returnedOne.id, on: app.db)?.status == .open)
            #expect(try await counter.post(resend, [("note", "again"), ("_csrf", try StaffBrowser.csrf(in: screen))]).status == .conflict,
                    "an open item is not sent twice")

            // Every section finishes; the Case completes.
            var browsers: [String: StaffBrowser] = ["GAKKO": gakko]
            for procedure in try await CaseProcedureRecord.query(on: app.db).filter(\.$caseRecord.$id == caseID).all() {
                var browser: StaffBrowser
                if let existing = browsers[procedure.section] { browser = existing } else { browser = try await Self.signIn(app, procedure.section) }
                page = try await browser.get("/sections/\(procedure.section)")
                _ = try await browser.post("/sections/\(procedure.section)/procedures/\(try procedure.requireID())",
                                           [("action", "done"), ("_csrf", try StaffBrowser.csrf(in: page))])
                browsers[procedure.section] = browser
            }
            #expect(try await CaseRecord.find(caseID, on: app.db)?.state == .completed)
            let timeline = try await CaseTimelineEntry.query(on: app.db).filter(\.$caseRecord.$id == caseID).all().map(\.what)
            #expect(timeline.contains { $0.contains("差戻しに対応して再送（在学証明書を受け取り）") })
        }
    }

    @Test func anotherSectionsItemCannotBeChangedThroughMyURL() async throws {
        try await withMadoguchi { app in
            _ = try await Self.handedOffCase(app)
            let juki = try #require(try await CaseProcedureRecord.query(on: app.db).filter(\.$code == "juki.tennyu").first())
            var kodomo = try await Self.signIn(app, "KODOMO")
            let page = try await kodomo.get("/sections/KODOMO")
            let response = try await kodomo.post("/sections/KODOMO/procedures/\(try juki.requireID())", [("action", "done"), ("_csrf", try StaffBrowser.csrf(in: page))])
            #expect(response.status == .notFound)
            #expect(try await CaseProcedureRecord.find(juki.id, on: app.db)?.status == .open)
        }
    }
}
