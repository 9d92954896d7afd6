import Fluent
import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor
import VaporTesting

/// An admin in the browser: signed in, posting the admin forms with the session's CSRF token.
struct AdminBrowser {
    var browser: StaffBrowser
    let csrf: String

    static func signedIn(_ app: Application, _ username: String = "kanri") async throws -> AdminBrowser {
        try await app.staff(username, .admin)
        var browser = StaffBrowser(app)
        _ = try await browser.signIn(username, "correct horse battery")
        let csrf = try StaffBrowser.csrf(in: try await browser.get("/admin"))
        return AdminBrowser(browser: browser, csrf: csrf)
    }

    mutating func get(_ path: String) async throws -> TestingHTTPResponse { try await browser.get(path) }

    mutating func post(_ path: String, _ fields: [(String, String)] = []) async throws -> TestingHTTPResponse {
        try await browser.post(path, fields + [("_csrf", csrf)])
    }

    /// Adds an account in the browser; returns the page that shows its one-time password.
    mutating func addAccount(_ username: String, role: String = "counter", section: String = "", displayName: String = "") async throws -> TestingHTTPResponse {
        try await post("/admin/accounts", [("username", username), ("displayName", displayName), ("role", role), ("section", section)])
    }

    /// The one-time password on a result page.
    static func oneTimePassword(in page: TestingHTTPResponse) throws -> String {
        let html = page.body.string
        let start = try #require(html.range(of: #"id="one-time-password">"#)).upperBound
        let end = try #require(html[start...].firstIndex(of: "<"))
        return String(html[start..<end])
    }
}

extension Application {
    func user(_ username: String) async throws -> StaffUser {
        try #require(try await StaffUser.query(on: db).filter(\.$username == username).first())
    }
}

@Suite struct AdminAccountsTests {
    @Test func anAccountAddedInTheBrowserSignsInWithItsOneTimePasswordAndChoosesItsOwn() async throws {
        try await withMadoguchi { app in
            // setup
            var admin = try await AdminBrowser.signedIn(app)
            // MUT
            let added = try await admin.addAccount("tanaka", displayName: "田中 花子")
            // validate
            #expect(added.status == .ok)
            #expect(added.body.string.contains("アカウントを追加しました"))
            let password = try AdminBrowser.oneTimePassword(in: added)
            #expect(password.count == 16)
            let stored = try await app.user("tanaka")
            #expect(stored.mustChangePassword)
            #expect(stored.displayName == "田中 花子")
            #expect(stored.role == .counter)
            #expect(try await AuditEntry.query(on: app.db).all().allSatisfy { !$0.detail.contains(password) })
            // The account page does not show the password again.
            let accountPage = try await admin.get("/admin/accounts/\(try stored.requireID())")
            #expect(!accountPage.body.string.contains(password))

            var tanaka = StaffBrowser(app)
            let login = try await tanaka.signIn("tanaka", password)
            #expect(login.headers.first(name: .location) == "/account/password")
            let form = try await tanaka.get("/account/password")
            let changed = try await tanaka.post("/account/password", [
                ("current", password), ("new", "a long secret of my own"), ("confirm", "a long secret of my own"),
                ("_csrf", try StaffBrowser.csrf(in: form)),
            ])
            #expect(changed.headers.first(name: .location) == "/login?changed=1")
            var again = StaffBrowser(app)
            #expect(try await again.signIn("tanaka", "a long secret of my own").headers.first(name: .location) == "/counter")
        }
    }

    @Test func theLoginPageSaysThePasswordWasChanged() async throws {
        try await withMadoguchi { app in
            var browser = StaffBrowser(app)
            let page = try await browser.get("/login?changed=1")
            #expect(page.body.string.contains("パスワードを変更しました。新しいパスワードでログインしてください。"))
            #expect(try await browser.get("/login?changed=1&lang=en").body.string.contains("Your password has been changed"))
            #expect(!(try await browser.get("/login").body.string.contains("パスワードを変更しました")))
        }
    }

    @Test func aRefusedNewAccountComesBackWithItsErrorsAndWhatWasTyped() async throws {
        try await withMadoguchi { app in
            var admin = try await AdminBrowser.signedIn(app)
            let refused = try await admin.addAccount("ab", role: "section", displayName: "佐藤 一郎")
            #expect(refused.status == .badRequest)
            let html = refused.body.string
            #expect(html.contains(#"class="error-summary""#))
            #expect(html.contains(##"href="#username""##))
            #expect(html.contains(##"href="#section""##))
            #expect(html.contains("ユーザー名は3〜32文字"))
            #expect(html.contains("担当課を選んでください"))
            #expect(html.contains(#"value="ab""#))
            #expect(html.contains(#"value="佐藤 一郎""#))
            #expect(html.contains(#"<option value="section" selected>"#))

            let english = try await admin.post("/admin/accounts?lang=en", [("username", "ab"), ("role", "")])
            #expect(english.body.string.contains("A user name is 3–32 letters"))
            #expect(english.body.string.contains("Choose a role."))

            _ = try await admin.addAccount("tanaka")
            let taken = try await admin.addAccount("tanaka", role: "admin")
            #expect(taken.status == .badRequest)
            #expect(taken.body.string.contains("このユーザー名はすでに使われています"))
            #expect(taken.body.string.contains(#"<option value="admin" selected>"#))
            #expect(try await StaffUser.query(on: app.db).filter(\.$username == "tanaka").count() == 1)
            #expect(try await app.user("tanaka").role == .counter)
        }
    }

    @Test func aSectionAccountBelongsToItsSection() async throws {
        try await withMadoguchi { app in
            var admin = try await AdminBrowser.signedIn(app)
            let added = try await admin.addAccount("hoken1", role: "section", section: "HOKEN_NENKIN")
            var hoken = StaffBrowser(app)
            _ = try await hoken.signIn("hoken1", try AdminBrowser.oneTimePassword(in: added))
            let form = try await hoken.get("/account/password")
            _ = try await hoken.post("/account/password", [("current", try AdminBrowser.oneTimePassword(in: added)),
                                                            ("new", "section staff password"), ("confirm", "section staff password"),
                                                            ("_csrf", try StaffBrowser.csrf(in: form))])
            var again = StaffBrowser(app)
            #expect(try await again.signIn("hoken1", "section staff password").headers.first(name: .location) == "/sections/HOKEN_NENKIN")
        }
    }

    @Test func unlockLetsALockedUserSignIn() async throws {
        try await withMadoguchi { app in
            // setup
            try await app.staff("madoguchi1", .counter)
            var clerk = StaffBrowser(app)
            for attempt in 1...5 { _ = try await clerk.signIn("madoguchi1", "wrong password \(attempt)") }
            #expect(try await clerk.signIn("madoguchi1", "correct horse battery").status == .unauthorized)
            var admin = try await AdminBrowser.signedIn(app)
            let id = try await app.user("madoguchi1").requireID()
            #expect(try await admin.get("/admin").body.string.contains("ロック中"))
            // MUT
            let unlocked = try await admin.post("/admin/accounts/\(id)/unlock")
            // validate
            #expect(unlocked.headers.first(name: .location) == "/admin/accounts/\(id)?done=unlocked")
            #expect(try await admin.get("/admin/accounts/\(id)?done=unlocked").body.string.contains("ロックを解除しました"))
            let user = try await app.user("madoguchi1")
            #expect(user.lockedUntil == nil)
            #expect(user.failedLogins == 0)
            #expect(try await clerk.signIn("madoguchi1", "correct horse battery").headers.first(name: .location) == "/counter")
        }
    }

    @Test func aResetEndsTheOldPasswordAndTheSessions() async throws {
        try await withMadoguchi { app in
            // setup
            try await app.staff("madoguchi1", .counter)
            var clerk = StaffBrowser(app)
            _ = try await clerk.signIn("madoguchi1", "correct horse battery")
            #expect(try await clerk.get("/counter").status == .ok)
            var admin = try await AdminBrowser.signedIn(app)
            let id = try await app.user("madoguchi1").requireID()
            // MUT
            let reset = try await admin.post("/admin/accounts/\(id)/reset-password")
            // validate
            #expect(reset.status == .ok)
            #expect(reset.body.string.contains("パスワードを再発行しました"))
            let password = try AdminBrowser.oneTimePassword(in: reset)
            #expect(try await clerk.get("/counter").status == .seeOther, "the clerk's session ended")
            #expect(try await StaffSession.query(on: app.db).filter(\.$user.$id == id).count() == 0)
            var other = StaffBrowser(app)
            #expect(try await other.signIn("madoguchi1", "correct horse battery").status == .unauthorized)
            #expect(try await other.signIn("madoguchi1", password).headers.first(name: .location) == "/account/password")
        }
    }

    @Test func disablingSignsTheUserOutAndEnablingLetsThemBackIn() async throws {
        try await withMadoguchi { app in
            try await app.staff("madoguchi1", .counter)
            var clerk = StaffBrowser(app)
            _ = try await clerk.signIn("madoguchi1", "correct horse battery")
            var admin = try await AdminBrowser.signedIn(app)
            let id = try await app.user("madoguchi1").requireID()

            let disabled = try await admin.post("/admin/accounts/\(id)/disable")
            #expect(disabled.headers.first(name: .location) == "/admin/accounts/\(id)?done=disabled")
            #expect(try await clerk.get("/counter").status == .seeOther)
            #expect(try await clerk.signIn("madoguchi1", "correct horse battery").status == .unauthorized)
            #expect(try await admin.get("/admin/accounts/\(id)").body.string.contains(#"id="account-state">無効<"#))

            _ = try await admin.post("/admin/accounts/\(id)/enable")
            #expect(try await clerk.signIn("madoguchi1", "correct horse battery").headers.first(name: .location) == "/counter")
        }
    }

    @Test func anAdminCannotDisableDemoteOrResetThemselves() async throws {
        try await withMadoguchi { app in
            var admin = try await AdminBrowser.signedIn(app)
            let own = try await app.user("kanri").requireID()
            let page = try await admin.get("/admin/accounts/\(own)")
            #expect(!page.body.string.contains(#"id="disable""#))
            for (path, fields) in [("disable", []), ("role", [("role", "counter")]), ("reset-password", [])] as [(String, [(String, String)])] {
                let refused = try await admin.post("/admin/accounts/\(own)/\(path)", fields)
                #expect(refused.status == .forbidden, "\(path)")
                #expect(refused.body.string.contains("自分のアカウントは"))
            }
            let user = try await app.user("kanri")
            #expect(!user.disabled)
            #expect(user.role == .admin)
            #expect(try await admin.get("/admin").status == .ok)
        }
    }

    @Test func aRoleChangeNeedsASectionForSectionStaff() async throws {
        try await withMadoguchi { app in
            try await app.staff("madoguchi1", .counter)
            var admin = try await AdminBrowser.signedIn(app)
            let id = try await app.user("madoguchi1").requireID()
            let refused = try await admin.post("/admin/accounts/\(id)/role", [("role", "section"), ("section", "")])
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("担当課を選んでください"))
            #expect(try await app.user("madoguchi1").role == .counter)

            let changed = try await admin.post("/admin/accounts/\(id)/role", [("role", "section"), ("section", "HOKEN_NENKIN")])
            #expect(changed.headers.first(name: .location) == "/admin/accounts/\(id)?done=role")
            var clerk = StaffBrowser(app)
            #expect(try await clerk.signIn("madoguchi1", "correct horse battery").headers.first(name: .location) == "/sections/HOKEN_NENKIN")
        }
    }

    @Test func aCounterUserGetsForbiddenOnEveryAdminPageAndPost() async throws {
        try await withMadoguchi { app in
            // setup
            try await app.staff("kanri", .admin)
            let target = try await app.user("kanri").requireID()
            var clerk = try await Clerk.signedIn(app)
            let csrf = try StaffBrowser.csrf(in: try await clerk.browser.get("/counter"))
            let before = try await AuditEntry.query(on: app.db).count()
            // MUT + validate
            for path in ["/admin", "/admin/audit", "/admin/audit?case=K7QM-3TXA", "/admin/figures", "/admin/accounts/new", "/admin/accounts/\(target)"] {
                #expect(try await clerk.browser.get(path).status == .forbidden, "GET \(path)")
            }
            let posts: [(String, [(String, String)])] = [
                ("/admin/accounts", [("username", "intruder"), ("role", "admin")]),
                ("/admin/accounts/\(target)/unlock", []), ("/admin/accounts/\(target)/reset-password", []),
                ("/admin/accounts/\(target)/disable", []), ("/admin/accounts/\(target)/enable", []),
                ("/admin/accounts/\(target)/role", [("role", "counter")]),
            ]
            for (path, fields) in posts {
                #expect(try await clerk.browser.post(path, fields + [("_csrf", csrf)]).status == .forbidden, "POST \(path)")
            }
            #expect(try await StaffUser.query(on: app.db).filter(\.$username == "intruder").count() == 0)
            let kanri = try await app.user("kanri")
            #expect(!kanri.disabled && kanri.role == .admin)
            #expect(try await AuditEntry.query(on: app.db).count() == before)
        }
    }

    @Test func anAdminPostWithoutTheFormsTokenIsRefused() async throws {
        try await withMadoguchi { app in
            var admin = try await AdminBrowser.signedIn(app)
            let forged = try await admin.browser.post("/admin/accounts", [("username", "tanaka"), ("role", "counter"), ("_csrf", "forged")])
            #expect(forged.status == .forbidden)
            #expect(try await StaffUser.query(on: app.db).filter(\.$username == "tanaka").count() == 0)
        }
    }
}
