import Fluent
import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor
import VaporTesting

@Suite struct AuthTests {
    @Test func theFirstStartCreatesAnAdminWhoMustChooseAPassword() async throws {
        try await withMadoguchi { app in
            let admin = try #require(try await StaffUser.query(on: app.db).filter(\.$username == "admin").first())
            #expect(admin.role == .admin)
            #expect(admin.mustChangePassword)
            // A second start does not create another.
            try await prepare(app)
            #expect(try await StaffUser.query(on: app.db).count() == 1)
        }
    }

    @Test func aOneTimePasswordLeadsToThePasswordPageFirst() async throws {
        try await withMadoguchi { app in
            // setup
            let admin = try #require(try await StaffUser.query(on: app.db).filter(\.$username == "admin").first())
            admin.passwordHash = try await StaffAccounts(app: app).hash("one-time-pass-123")
            try await app.writeTransaction { db in try await admin.save(on: db) }
            var browser = StaffBrowser(app)
            // MUT
            let login = try await browser.signIn("admin", "one-time-pass-123")
            // validate
            #expect(login.status == .seeOther)
            #expect(login.headers.first(name: .location) == "/account/password")
            #expect(try await browser.get("/admin").headers.first(name: .location) == "/account/password")
            let page = try await browser.get("/account/password")
            let changed = try await browser.post("/account/password", [
                ("current", "one-time-pass-123"), ("new", "my own long password"), ("confirm", "my own long password"),
                ("_csrf", try StaffBrowser.csrf(in: page)),
            ])
            #expect(changed.headers.first(name: .location) == "/login?changed=1")
            var again = StaffBrowser(app)
            #expect(try await again.signIn("admin", "my own long password").headers.first(name: .location) == "/admin")
            #expect(try await again.get("/admin").status == .ok)
        }
    }

    @Test func aLoggedOutVisitorGetsTheLoginPage() async throws {
        try await withMadoguchi { app in
            var browser = StaffBrowser(app)
            let response = try await browser.get("/admin/audit")
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/login?next=%2Fadmin%2Faudit")
            try await app.staff("kanri", .admin)
            let login = try await browser.signIn("kanri", "correct horse battery", next: "/admin/audit")
            #expect(login.headers.first(name: .location) == "/admin/audit")
        }
    }

    @Test func theLoginRefusesAForeignRedirect() async throws {
        try await withMadoguchi { app in
            try await app.staff("kanri", .admin)
            var browser = StaffBrowser(app)
            let login = try await browser.signIn("kanri", "correct horse battery", next: "//evil.example/")
            #expect(login.headers.first(name: .location) == "/admin")
        }
    }

    @Test func aSectionUserCannotOpenTheAdminPages() async throws {
        try await withMadoguchi { app in
            try await app.staff("hoken1", .section, section: "HOKEN_NENKIN")
            var browser = StaffBrowser(app)
            let login = try await browser.signIn("hoken1", "correct horse battery")
            #expect(login.headers.first(name: .location) == "/sections/HOKEN_NENKIN")
            #expect(try await browser.get("/admin").status == .forbidden)
        }
    }

    @Test func fiveWrongPasswordsLockTheAccount() async throws {
        try await withMadoguchi { app in
            try await app.staff("madoguchi1", .counter)
            var browser = StaffBrowser(app)
            for attempt in 1...5 {
                let response = try await browser.signIn("madoguchi1", "wrong password \(attempt)")
                #expect(response.status == .unauthorized)
            }
            // The right password no longer helps while locked.
            let locked = try await browser.signIn("madoguchi1", "correct horse battery")
            #expect(locked.status == .unauthorized)
            #expect(locked.body.string.contains("ロックされています"))
            let entries = try await AuditEntry.query(on: app.db).all().map(\.action)
            #expect(entries.count { $0 == "login.failed" } == 4)
            #expect(entries.contains("login.locked"))
        }
    }

    @Test func anUnknownUserAndAWrongPasswordGetTheSameAnswer() async throws {
        try await withMadoguchi { app in
            try await app.staff("madoguchi1", .counter)
            var browser = StaffBrowser(app)
            let unknown = try await browser.signIn("nobody", "correct horse battery")
            let wrong = try await browser.signIn("madoguchi1", "not the password")
            #expect(unknown.status == wrong.status)
            #expect(unknown.body.string.contains("ユーザー名またはパスワードが違います"))
            #expect(wrong.body.string.contains("ユーザー名またはパスワードが違います"))
        }
    }

    @Test func aLoginWithoutTheFormsTokenIsRefused() async throws {
        try await withMadoguchi { app in
            try await app.staff("madoguchi1", .counter)
            var browser = StaffBrowser(app)
            let response = try await browser.post("/login", [("username", "madoguchi1"), ("password", "correct horse battery"), ("_csrf", "forged")])
            #expect(response.status == .forbidden)
            #expect(browser.cookies[StaffSessionMiddleware.cookieName] == nil)
        }
    }

    @Test func aForgedCSRFTokenIsRefused() async throws {
        try await withMadoguchi { app in
            try await app.staff("kanri", .admin)
            var browser = StaffBrowser(app)
            _ = try await browser.signIn("kanri", "correct horse battery")
            let forged = try await browser.post("/logout", [("_csrf", "forged-token")])
            #expect(forged.status == .forbidden)
            #expect(try await browser.get("/admin").status == .ok, "still signed in")
            let page = try await browser.get("/admin")
            let logout = try await browser.post("/logout", [("_csrf", try StaffBrowser.csrf(in: page))])
            #expect(logout.headers.first(name: .location) == "/login")
            #expect(try await browser.get("/admin").status == .seeOther)
        }
    }

    @Test func anIdleSessionExpires() async throws {
        try await withMadoguchi { app in
            try await app.staff("kanri", .admin)
            var browser = StaffBrowser(app)
            _ = try await browser.signIn("kanri", "correct horse battery")
            #expect(try await browser.get("/admin").status == .ok)
            // An hour and a minute without a request.
            for session in try await StaffSession.query(on: app.db).all() {
                session.lastSeenAt = Date().addingTimeInterval(-61 * 60)
                try await app.writeTransaction { db in try await session.save(on: db) }
            }
            #expect(try await browser.get("/admin").status == .seeOther)
            #expect(try await StaffSession.query(on: app.db).count() == 0)
        }
    }

    @Test func theSessionCookieIsHttpOnlyAndTheDatabaseHoldsOnlyItsDigest() async throws {
        try await withMadoguchi { app in
            try await app.staff("kanri", .admin)
            var browser = StaffBrowser(app)
            let login = try await browser.signIn("kanri", "correct horse battery")
            let cookie = try #require(login.headers[.setCookie].first { $0.hasPrefix(StaffSessionMiddleware.cookieName) })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            let token = try #require(browser.cookies[StaffSessionMiddleware.cookieName])
            let stored = try await StaffSession.query(on: app.db).all().compactMap(\.id)
            #expect(!stored.contains(token))
            #expect(stored.contains(Tokens.digest(token)))
        }
    }

    @Test func readingTheAuditLogIsItselfAudited() async throws {
        try await withMadoguchi { app in
            try await app.staff("kanri", .admin)
            var browser = StaffBrowser(app)
            _ = try await browser.signIn("kanri", "correct horse battery")
            let page = try await browser.get("/admin/audit")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("<td>ログイン</td>"))
            let viewed = try await AuditEntry.query(on: app.db).filter(\.$action == "audit.viewed").all()
            #expect(viewed.map(\.actor) == ["kanri"])
        }
    }

    @Test func passwordsAndNamesFollowThePolicy() async throws {
        try await withMadoguchi { app in
            let accounts = StaffAccounts(app: app)
            await #expect(throws: StaffAccounts.AccountError.self) {
                try await accounts.create(username: "ab", role: .counter, sectionCode: nil, password: "long enough password")
            }
            await #expect(throws: StaffAccounts.AccountError.self) {
                try await accounts.create(username: "tanaka", role: .counter, sectionCode: nil, password: "short")
            }
            await #expect(throws: StaffAccounts.AccountError.self) {
                try await accounts.create(username: "tanaka", role: .section, sectionCode: "NOPE", password: "long enough password")
            }
            _ = try await accounts.create(username: "tanaka", role: .counter, sectionCode: nil, password: "long enough password")
            await #expect(throws: StaffAccounts.AccountError.self) {
                try await accounts.create(username: "tanaka", role: .counter, sectionCode: nil, password: "long enough password")
            }
        }
    }
}

@Suite struct StaffAdministrationTests {
    @Test func theUserCommandsAddAndListAccounts() async throws {
        try await withMadoguchi { app in
            let added = try await StaffAdministration.add(app, username: "sato", role: .section, sectionCode: "HOKEN_NENKIN",
                                                          displayName: "佐藤", password: "hoken section pass")
            #expect(added == "Added sato (section, HOKEN_NENKIN).")
            await #expect(throws: StartupError.self) {
                try await StaffAdministration.add(app, username: "suzuki", role: .counter, sectionCode: nil, displayName: nil, password: "short")
            }
            #expect(try await StaffAdministration.list(app) == ["admin\tadmin\t-\tmust change password", "sato\tsection\tHOKEN_NENKIN\tactive"])
        }
    }
}

@Suite struct RealHTTPFormTests {
    /// Over a real connection a large form arrives in several chunks; the CSRF token at its end must
    /// still be found (the check runs before the route collects the body).
    @Test func aLargeStaffFormIsAcceptedOverRealHTTP() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            let page = try await clerk.browser.get("/counter/cases/\(id)")
            let padding = (0..<400).map { ("pad\($0)", String(repeating: "あ", count: 40)) }
            let fields = familyOfFourFields + padding + [("people", "4"), ("action", "save"), ("_csrf", try StaffBrowser.csrf(in: page))]
            let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
            #expect(body.utf8.count > 100_000)
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            headers.add(name: .cookie, value: clerk.browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
            let tester = try app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            let response = try await tester.performTest(request: TestingHTTPRequest(
                method: .POST, url: URI(path: "/counter/cases/\(id)"), headers: headers, body: ByteBuffer(string: body)))
            // The live client follows the redirect to the saved Case.
            #expect(response.status == .ok)
            #expect(response.body.string.contains("保存しました"))
            #expect(try await CaseMemberRecord.query(on: app.db).count() == 4)
        }
    }
}
