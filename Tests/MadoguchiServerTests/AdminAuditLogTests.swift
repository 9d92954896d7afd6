import Fluent
import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor
import VaporTesting

/// The rows of an audit log page: (action code, text of each cell).
private func rows(_ page: TestingHTTPResponse) -> [(action: String, cells: [String])] {
    let html = page.body.string
    var found: [(String, [String])] = []
    var rest = html[...]
    while let start = rest.range(of: #"<tr data-action=""#) {
        let afterCode = rest[start.upperBound...]
        let codeEnd = afterCode.firstIndex(of: "\"")!
        let rowEnd = afterCode.range(of: "</tr>")!
        let row = String(afterCode[..<rowEnd.lowerBound])
        let cells = row.components(separatedBy: "<td>").dropFirst().map { cell in
            cell.replacingOccurrences(of: #"<[^>]*>"#, with: "", options: .regularExpression)
        }
        found.append((String(afterCode[..<codeEnd]), cells))
        rest = afterCode[rowEnd.upperBound...]
    }
    return found
}

/// The target of a link by its id, as a path to request.
private func link(_ id: String, in page: TestingHTTPResponse) -> String? {
    let html = page.body.string
    guard let match = html.range(of: #"href="[^"]*" id="\#(id)""#, options: .regularExpression) else { return nil }
    let tag = html[match]
    let start = tag.index(tag.startIndex, offsetBy: 6)
    let end = tag[start...].firstIndex(of: "\"")!
    return String(tag[start..<end]).replacingOccurrences(of: "&amp;", with: "&")
}

@Suite struct AdminAuditLogTests {
    @Test func everyActionHasWordsInBothLanguages() {
        for action in AuditAction.allCases {
            let words = AuditAction.words[action]
            #expect(words != nil, "\(action.rawValue)")
            #expect(words?.ja != action.rawValue && words?.en != action.rawValue)
        }
        #expect(Set(AuditAction.words.values.map(\.ja)).count == AuditAction.allCases.count, "no two actions read alike")
        #expect(AuditAction.words(for: "something.new").ja == "something.new")
    }

    @Test func eachAccountActionIsInTheLogInWords() async throws {
        try await withMadoguchi { app in
            // setup
            try await app.staff("madoguchi1", .counter)
            var admin = try await AdminBrowser.signedIn(app)
            let id = try await app.user("madoguchi1").requireID()
            // MUT
            _ = try await admin.addAccount("tanaka")
            _ = try await admin.post("/admin/accounts/\(id)/unlock")
            _ = try await admin.post("/admin/accounts/\(id)/reset-password")
            _ = try await admin.post("/admin/accounts/\(id)/disable")
            _ = try await admin.post("/admin/accounts/\(id)/enable")
            _ = try await admin.post("/admin/accounts/\(id)/role", [("role", "section"), ("section", "HOKEN_NENKIN")])
            // validate
            let japanese = rows(try await admin.get("/admin/audit"))
            let english = rows(try await admin.get("/admin/audit?lang=en"))
            let expected: [(AuditAction, String, String)] = [
                (.userCreated, "アカウント追加", "Account added"), (.userUnlocked, "アカウントのロック解除", "Account unlocked"),
                (.passwordReset, "パスワード再発行", "Password reset"), (.userDisabled, "アカウントの無効化", "Account disabled"),
                (.userEnabled, "アカウントの有効化", "Account enabled"), (.userRoleChanged, "役割の変更", "Role changed"),
                (.loginSucceeded, "ログイン", "Signed in"),
            ]
            for (action, ja, en) in expected {
                let row = try #require(japanese.first { $0.action == action.rawValue }, "\(action.rawValue)")
                #expect(row.cells[1] == "kanri")
                #expect(row.cells[2] == ja)
                #expect(english.first { $0.action == action.rawValue }?.cells[2] == en)
            }
            #expect(japanese.allSatisfy { !$0.cells.contains("user.created") && !$0.cells.contains("login.succeeded") })
            let roleChange = try #require(japanese.first { $0.action == AuditAction.userRoleChanged.rawValue })
            #expect(roleChange.cells[4] == "user madoguchi1: counter → section HOKEN_NENKIN")
        }
    }

    @Test func theLogPagesThroughAHundredAtATimeNewestFirst() async throws {
        try await withMadoguchi { app in
            // setup: 250 entries, ten to a second, so that entries share their time
            let start = Date(timeIntervalSince1970: 1_800_000_000.123456)
            try await app.writeTransaction { db in
                for index in 0..<250 {
                    try await AuditEntry(at: start.addingTimeInterval(Double(index / 10)), actor: "batch", action: "case.viewed",
                                         caseID: nil, detail: "n\(index)", address: nil).create(on: db)
                }
            }
            var admin = try await AdminBrowser.signedIn(app)
            // MUT: follow the "older" links
            var pages: [[String]] = []
            var path: String? = "/admin/audit?actor=batch"
            var last: TestingHTTPResponse?
            while let next = path, pages.count < 5 {
                let page = try await admin.get(next)
                #expect(page.status == .ok)
                pages.append(rows(page).map { $0.cells[4] })
                if pages.count == 1 { #expect(link("newer", in: page) == nil) }
                path = link("older", in: page)
                last = page
            }
            // validate
            #expect(pages.map(\.count) == [100, 100, 50])
            let all = pages.flatMap { $0 }
            #expect(Set(all).count == 250, "no entry twice, none left out")
            // newest second first (within a second, in id order)
            #expect(Set(all.prefix(10)) == Set((240..<250).map { "n\($0)" }))
            #expect(Set(all.suffix(10)) == Set((0..<10).map { "n\($0)" }))
            let times = try #require(last)
            let back = try await admin.get(try #require(link("newer", in: times)))
            #expect(rows(back).map { $0.cells[4] } == pages[1], "newer from the last page is the middle page again")
            #expect(try await admin.get("/admin/audit?actor=batch&lang=en").body.string.contains("Older →"))
        }
    }

    @Test func filteringByACasesReferenceShowsOnlyThatCase() async throws {
        try await withMadoguchi { app in
            // setup: two Cases, each created and viewed at the counter
            var clerk = try await Clerk.signedIn(app)
            let first = try await clerk.start("move-in")
            let second = try await clerk.start("birth")
            _ = try await clerk.browser.get("/counter/cases/\(first)")
            _ = try await clerk.browser.get("/counter/cases/\(second)")
            let record = try #require(try await CaseRecord.find(UUID(uuidString: first), on: app.db))
            let other = try #require(try await CaseRecord.find(UUID(uuidString: second), on: app.db))
            var admin = try await AdminBrowser.signedIn(app)
            // MUT + validate: the reference as typed, in lower case and without its hyphen
            let typed = record.reference.lowercased().replacingOccurrences(of: "-", with: "")
            let byReference = rows(try await admin.get("/admin/audit?case=\(typed)"))
            #expect(byReference.count >= 2)
            #expect(byReference.allSatisfy { $0.cells[3] == record.reference })
            #expect(Set(byReference.map(\.action)).isSuperset(of: ["case.created", "case.viewed"]))
            // the start of the id, as the log shows it for a Case deleted since
            let prefix = String(first.prefix(8)).lowercased()
            let byPrefix = rows(try await admin.get("/admin/audit?case=\(prefix)"))
            // the same entries, and now also the admin's reading of this Case's log
            #expect(byPrefix.filter { $0.action != "audit.viewed" }.map(\.cells) == byReference.map(\.cells))
            #expect(byPrefix.contains { $0.action == "audit.viewed" && $0.cells[1] == "kanri" })
            #expect(!byPrefix.contains { $0.cells[3] == other.reference })
            // an unknown reference: no entries, not all of them
            let unknown = try await admin.get("/admin/audit?case=ZZZZ-ZZZZ")
            #expect(rows(unknown).isEmpty)
            #expect(unknown.body.string.contains("該当する記録はありません"))
            // something that is neither: said next to the field
            let unreadable = try await admin.get("/admin/audit?case=hello")
            #expect(unreadable.status == .badRequest)
            #expect(rows(unreadable).isEmpty)
            #expect(unreadable.body.string.contains("受付番号（例: K7QM-3TXA）"))
        }
    }

    @Test func readingTheLogWithAFilterIsAuditedWithIt() async throws {
        try await withMadoguchi { app in
            var admin = try await AdminBrowser.signedIn(app)
            _ = try await admin.get("/admin/audit?actor=kanri&action=login.succeeded")
            let viewed = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "audit.viewed").first())
            #expect(viewed.detail == "actor kanri, action login.succeeded")
        }
    }

    @Test func anIDRangeIsReadOnlyFromHexDigits() throws {
        #expect(AuditLogQuery.idRange(startingWith: "K7QM-3TXA") == nil)
        #expect(AuditLogQuery.idRange(startingWith: "4A2B-3C4D") == nil, "a reference's hyphen is not where an id has one")
        #expect(AuditLogQuery.idRange(startingWith: "1a2") == nil, "too short")
        let range = try #require(AuditLogQuery.idRange(startingWith: "1a2b3c4d-5e"))
        #expect(range.low.uuidString == "1A2B3C4D-5E00-0000-0000-000000000000")
        #expect(range.high.uuidString == "1A2B3C4D-5EFF-FFFF-FFFF-FFFFFFFFFFFF")
    }
}
