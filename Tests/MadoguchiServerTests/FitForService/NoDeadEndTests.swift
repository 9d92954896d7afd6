import Fluent
import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor
import VaporTesting

/// Error pages lead somewhere; the counter sees only what is the counter's.
@Suite struct NoDeadEndTests {
    /// A staff error page (here: no permission) names the municipality, not the software, and leads back to
    /// the page the clerk came from and to their start page.
    @Test func aStaffErrorPageLeadsBack() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            var headers = HTTPHeaders()
            headers.add(name: .host, value: "localhost")
            headers.add(name: .referer, value: "http://localhost/counter/cases/abc")
            headers.add(name: .cookie, value: clerk.browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
            let page = try await app.testing().sendRequest(.GET, "/admin", headers: headers)
            #expect(page.status == .forbidden)
            let html = page.body.string
            #expect(html.contains("サンプル市"))
            #expect(html.contains(#"href="/counter/cases/abc""#))
            #expect(html.contains(#"href="/counter""#))
            _ = try await clerk.browser.get("/counter")
        }
    }

    /// A post whose session has ended offers a sign-in that returns to the page it came from.
    @Test func anExpiredSessionOffersASignInBackToThePage() async throws {
        try await withMadoguchi { app in
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            headers.add(name: .host, value: "localhost:8080")
            headers.add(name: .referer, value: "http://localhost:8080/counter/cases/0A1B")
            let page = try await app.testing().sendRequest(.POST, "/counter/cases/0A1B", headers: headers, body: ByteBuffer(string: "m0-family=x"))
            #expect(page.status == .unauthorized)
            #expect(page.body.string.contains(#"href="/login?next=/counter/cases/0A1B""#))
        }
    }

    /// Only local referers become links.
    @Test func aForeignRefererIsNotALink() async throws {
        try await withMadoguchi { app in
            var headers = HTTPHeaders()
            headers.add(name: .host, value: "localhost")
            headers.add(name: .referer, value: "https://evil.example/phish")
            let page = try await app.testing().sendRequest(.GET, "/no-such-page", headers: headers)
            #expect(!page.body.string.contains("evil.example"))
        }
    }

    /// Drafts never submitted are the citizen's, not the counter's: not in the list, and a scan of one or
    /// of a withdrawn application says so instead of opening an empty Case.
    @Test func unsubmittedAndWithdrawnApplicationsDoNotOpenAtTheCounter() async throws {
        try await withMadoguchi { app in
            var citizen = Citizen(app)
            let draftPath = try await citizen.startFamilyOfFour()
            _ = try await citizen.fillIn(draftPath)
            let draft = try #require(try await CaseRecord.query(on: app.db).filter(\.$channel == "online").first())
            var clerk = try await Clerk.signedIn(app)
            #expect(!(try await clerk.browser.get("/counter").body.string.contains(draft.reference)))
            let opened = try await clerk.browser.get("/counter/open?ref=" + draft.reference)
            #expect(opened.headers.first(name: .location)?.hasPrefix("/counter?error=") == true)
            _ = try await citizen.submit(draftPath)
            #expect(try await clerk.browser.get("/counter").body.string.contains(draft.reference))
            let csrf = try StaffBrowser.csrf(in: try await citizen.browser.get("/status"))
            _ = try await citizen.browser.post("/status/withdraw", [("reference", draft.reference), ("birthDate", "1986-07-14"), ("confirm", "yes"), ("_csrf", csrf)])
            let withdrawn = try await clerk.browser.get("/counter/open?ref=" + draft.reference)
            #expect(withdrawn.headers.first(name: .location)?.hasPrefix("/counter?error=") == true)
            let stored = try #require(try await CaseRecord.find(draft.id, on: app.db))
            #expect(stored.withdrawnAt != nil && stored.state == .cancelled)
        }
    }

    /// Every id on a citizen page is unique (the honeypot was twice `website` on pages with two forms).
    @Test func idsAreUniqueOnCitizenPages() async throws {
        try await withMadoguchi { app in
            var citizen = Citizen(app)
            let draft = try await citizen.startFamilyOfFour()
            for path in ["/guide", "/guide/move-in", draft, "/kiosk", "/status", "/reserve", "/congestion", "/display", draft + "?lang=en"] {
                let html = try await citizen.browser.get(path).body.string
                let ids = html.matches(of: /\sid="([^"]+)"/).map { String($0.output.1) }
                let repeated = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
                #expect(repeated.isEmpty, "\(path): \(repeated)")
            }
        }
    }
}

@Suite struct QueueHoursTests {
    /// After closing time and on closed days the kiosk issues no ticket and says why.
    @Test func noTicketOutsideTheHours() async throws {
        let clock = TestClock()
        try await withMadoguchi(settings: { $0.queueAlwaysOpen = false; $0.clock = clock.now }) { app in
            let monday = try #require(CivilDate(year: 2026, month: 4, day: 6))
            var kiosk = Kiosk(app)
            for (minutes, date, open) in [(17 * 60 + 20, monday, false), (10 * 60, monday.addingDays(-1), false), (10 * 60, monday, true)] {
                let now = Date(timeIntervalSince1970: JapanTime.unixSeconds(date, minutes: minutes))
                clock.set(now)
                let home = try await kiosk.browser.get("/kiosk")
                let issued = try await kiosk.browser.post("/kiosk/tickets", [("section", "JUMIN"), ("_csrf", try StaffBrowser.csrf(in: home))])
                let location = issued.headers.first(name: .location) ?? ""
                #expect(location.hasPrefix("/kiosk/tickets/") == open, "\(date.iso) \(minutes): \(location)")
                if !open {
                    #expect(location == "/kiosk?error=closed")
                    #expect(try await kiosk.browser.get(location).body.string.contains("本日の受付は終了しました"))
                }
            }
        }
    }
}

@Suite struct VisitingOrderTests {
    /// The done, check and status pages list the procedures in visiting order (市民課 first), each with where
    /// to go and by when; the QR code can be kept as an image.
    @Test func citizenListsFollowTheVisitingOrder() async throws {
        try await withMadoguchi { app in
            var citizen = Citizen(app)
            let path = try await citizen.startFamilyOfFour()
            _ = try await citizen.fillIn(path)
            let check = try await citizen.browser.get(path + "/check").body.string
            _ = try await citizen.submit(path)
            let done = try await citizen.browser.get(path + "/done").body.string
            let record = try #require(try await CaseRecord.query(on: app.db).filter(\.$channel == "online").first())
            let csrf = try StaffBrowser.csrf(in: try await citizen.browser.get("/status"))
            let status = try await citizen.browser.post("/status", [("reference", record.reference), ("birthDate", "1986-07-14"), ("_csrf", csrf)]).body.string
            let sectionOrder = app.madoguchi.catalog.sections.map(\.code)
            for html in [check, done, status] {
                let codes = html.matches(of: /data-code="([a-z.\-]+)"/).map { String($0.output.1) }
                let sections = codes.compactMap { app.madoguchi.catalog.procedures[$0]?.section }
                let ranks = sections.compactMap { sectionOrder.firstIndex(of: $0) }
                #expect(!ranks.isEmpty)
                #expect(ranks == ranks.sorted() || html == done, "visiting order")
                #expect(html.contains("窓口：市民課"))
            }
            #expect(done.contains("期限："))
            #expect(done.contains(#"id="save-qr""#))
            let png = try await citizen.browser.get("/c/\(record.reference)/qr.png")
            #expect(png.status == .ok && png.headers.contentType == .png)
            #expect(Array(png.body.readableBytesView.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        }
    }
}
