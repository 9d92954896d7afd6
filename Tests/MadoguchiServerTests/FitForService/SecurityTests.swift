import Fluent
import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite struct SecurityTests {
    // MARK: next= after signing in

    @Test(arguments: ["/\r\nSet-Cookie: injected=1", "/\r\n\r\nHTTP/1.1 200 OK", "/\t/evil.example", "//evil.example",
                      "/\\evil.example", "https://evil.example/", "/ /evil", "/\u{0}x", "/\u{2028}x", "javascript:alert(1)", ""])
    func aHostileNextIsNeitherFollowedNorEchoed(next: String) async throws {
        #expect(LoginController.localPath(next) == nil)
        try await withMadoguchi { app in
            try await app.staff("kanri", .admin)
            var browser = StaffBrowser(app)
            let page = try await browser.get("/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            #expect(!page.body.string.contains("evil"))
            #expect(!page.body.string.contains("injected"))
            let signedIn = try await browser.signIn("kanri", "correct horse battery", next: next)
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers.first(name: .location) == "/account/password" || signedIn.headers.first(name: .location) == "/admin")
            #expect(!signedIn.headers[.setCookie].contains { $0.contains("injected") })
        }
    }

    @Test(arguments: ["/counter/cases/abc", "/sections/JUMIN?tab=returned", "/counter?q=%E5%B1%B1"])
    func aLocalNextIsKept(next: String) {
        #expect(LoginController.localPath(next) == next)
    }

    // MARK: lock-outs counted atomically

    @Test func tenParallelWrongBirthDatesLockTheReference() async throws {
        try await withMadoguchi { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            _ = try await citizen.fillIn(path)
            _ = try await citizen.submit(path)
            let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$channel == "online").first())
            var visitor = Citizen(app)
            let csrf = try StaffBrowser.csrf(in: try await visitor.browser.get("/status"))
            let browser = visitor.browser
            try await withThrowingTaskGroup(of: Void.self) { group in
                for day in 1...10 {
                    group.addTask {
                        var mine = browser
                        _ = try await mine.post("/status", [("reference", record.reference), ("birthDate", "1990-01-\(String(format: "%02d", day))"), ("_csrf", csrf)])
                    }
                }
                try await group.waitForAll()
            }
            let right = try await visitor.browser.post("/status", [("reference", record.reference), ("birthDate", "1986-07-14"), ("_csrf", csrf)])
            #expect(right.status == .badRequest, "locked after five of the ten")
            let stored = try #require(try await CaseRecord.find(record.id, on: app.db))
            #expect(stored.statusLockedUntil != nil)
        }
    }

    @Test func tenParallelWrongPasswordsLockTheAccount() async throws {
        try await withMadoguchi { app in
            try await app.staff("madoguchi1", .counter)
            let accounts = StaffAccounts(app: app)
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for attempt in 0..<10 {
                    group.addTask {
                        if case .locked = try await accounts.authenticate(username: "madoguchi1", password: "wrong \(attempt)") { return true }
                        return false
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.contains(true), "the fifth failure locks")
            guard case .locked = try await accounts.authenticate(username: "madoguchi1", password: "correct horse battery") else {
                Issue.record("the right password was accepted on a locked account")
                return
            }
        }
    }

    // MARK: headers on every answer

    @Test(arguments: ["/no-such-page", "/api/v1/no-such-thing", "/counter/cases/not-a-uuid", "/apply/unknown-token"])
    func errorAnswersCarryTheSecurityHeaders(path: String) async throws {
        try await withMadoguchi { app in
            let response = try await app.testing().sendRequest(.GET, path)
            #expect(response.status.code >= 300)
            #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(response.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true)
            #expect(response.headers.first(name: "X-Frame-Options") == "DENY")
            #expect(response.headers.first(name: .cacheControl) == "no-store")
        }
    }

    @Test func aTooLargeBodyIsAnsweredWithTheHeadersToo() async throws {
        try await withMadoguchi { app in
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            try await withLiveServer(app) { server in
                let response = try await server.send(.POST, "/status", headers: headers,
                                                     body: ByteBuffer(string: String(repeating: "a", count: 1_100_000)))
                #expect(response.status == .payloadTooLarge)
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: .cacheControl) == "no-store")
            }
        }
    }

    /// Pages with personal data are never stored by a browser or proxy.
    @Test func pagesWithPersonalDataAreNotStored() async throws {
        try await withMadoguchi { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            #expect(try await citizen.browser.get(path).headers.first(name: .cacheControl) == "no-store")
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            #expect(try await clerk.browser.get("/counter/cases/\(id)").headers.first(name: .cacheControl) == "no-store")
            #expect(try await clerk.browser.get("/counter/cases/\(id)/confirm").headers.first(name: .cacheControl) == "no-store")
        }
    }

    // MARK: the 個人番号 is never echoed

    /// A save that fails on another field comes back without the typed number, which is kept sealed and
    /// saved with the corrected form.
    @Test func aFailedSaveDoesNotEchoTheMyNumber() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let id = try await clerk.start("move-in")
            var fields = familyOfFourFields.filter { $0.0 != "m2-birthDate" } + [("m2-birthDate", "not a date")]
            fields.append(("m0-myNumber", "9876 5432 1093"))
            let failed = try await clerk.save(id, people: 4, fields)
            #expect(failed.status == .badRequest)
            let page = failed.body.string
            #expect(!page.contains("987654321093") && !page.contains("9876 5432 1093"))
            #expect(page.contains("**** **** 1093"))
            let sealed = try #require(Clerk.hidden("m0-myNumberSealed", in: page))
            let fixed = familyOfFourFields + [("m0-myNumberSealed", sealed)]
            #expect(try await clerk.save(id, people: 4, fixed).status == .seeOther)
            #expect(try await CaseMemberRecord.query(on: app.db).filter(\.$myNumberLast4 == "1093").count() == 1)
        }
    }

    // MARK: one key for a shared database

    @Test func aSharedDatabaseNeverGetsAMadeUpKey() async throws {
        let app = try await Application.make(.testing)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-key-\(UUID().uuidString)").path
        await #expect {
            try await configure(app, settings: Settings(dataDirectory: folder, catalogDirectory: catalogDirectory,
                                                        database: .postgres(url: "postgres://nobody@127.0.0.1:1/none")))
        } throws: { error in
            String(describing: error).contains("MADOGUCHI_DATA_KEY")
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/keys/personal-data.key"))
        try await app.asyncShutdown()
    }

    /// An instance whose key is not the one that sealed the database's numbers refuses to start.
    @Test func anotherKeyOnTheSameDatabaseStopsTheStart() async throws {
        guard TestDatabase.postgresURL == nil else { return }  // the shared test database is emptied per test
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-probe-\(UUID().uuidString)").path
        let database = TestDatabase.settings(dataDirectory: folder)
        try await withMadoguchi(database: database, dataDirectory: folder) { _ in }
        let app = try await Application.make(.testing)
        var settings = Settings(dataDirectory: folder, catalogDirectory: catalogDirectory, database: database, passwordCost: 4)
        settings.personalDataKey = Data(repeating: 9, count: 32).base64EncodedString()
        try await configure(app, settings: settings)
        await #expect { try await prepare(app) } throws: { error in
            String(describing: error).contains("does not open")
        }
        try await app.asyncShutdown()
    }
}

@Suite struct KioskLimitTests {
    /// A kiosk tells known references from unknown ones, so guessing is limited; tickets too.
    @Test func scansAndTicketsFromOneAddressAreLimited() async throws {
        try await withMadoguchi { app in
            var kiosk = Citizen(app)
            let home = try await kiosk.browser.get("/kiosk")
            let csrf = try StaffBrowser.csrf(in: home)
            var scans: [HTTPStatus] = []
            for index in 0..<14 {
                scans.append(try await kiosk.browser.post("/kiosk/scan", [("code", "ZZZZ-ZZ\(index % 10)Z"), ("_csrf", csrf)]).status)
            }
            #expect(scans.prefix(12).allSatisfy { $0 != .tooManyRequests })
            #expect(scans.suffix(2).allSatisfy { $0 == .tooManyRequests })
            var tickets: [HTTPStatus] = []
            for _ in 0..<13 {
                tickets.append(try await kiosk.browser.post("/kiosk/tickets", [("section", "JUMIN"), ("_csrf", csrf)]).status)
            }
            #expect(tickets.filter { $0 == .seeOther }.count == 12)
            #expect(tickets.last == .tooManyRequests)
        }
    }

    @Test func aBadProxyListStopsTheStart() throws {
        #expect(throws: StartupError.self) { try Settings.fromEnvironment(environment: ["MADOGUCHI_TRUSTED_PROXIES": "10.0.0.1, proxy.local"]) }
        #expect(try Settings.fromEnvironment(environment: ["MADOGUCHI_TRUSTED_PROXIES": "10.0.0.1, fd00::/8"]).trustedProxies.networks.count == 2)
    }
}
