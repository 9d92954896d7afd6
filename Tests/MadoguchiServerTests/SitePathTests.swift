import Foundation
import MadoguchiCore
@testable import MadoguchiServer
import Testing
import Vapor
import VaporTesting

/// The site's typed paths: each spelled as the pages always had it, data encoded as one segment, and each
/// answered by a route the controllers declare.
@Suite struct SitePathTests {
    static let id = UUID(uuidString: "0F6B3A52-9C1D-4E2B-8A77-5D0C3E9F1A24")!
    static let other = UUID(uuidString: "7C2E1D44-3B5A-4F60-9E81-2A4B6C8D0E13")!
    static let token = "Ab3-_x9Q"

    /// Every case with a sample value, the method of its page or form, and the path expected.
    static let samples: [(SitePath, HTTPMethod, String)] = [
        (.counterCase(id), .GET, "/counter/cases/0F6B3A52-9C1D-4E2B-8A77-5D0C3E9F1A24"),
        (.counterCase(id), .POST, "/counter/cases/0F6B3A52-9C1D-4E2B-8A77-5D0C3E9F1A24"),
        (.counterCaseForms(id), .GET, "/counter/cases/0F6B3A52-9C1D-4E2B-8A77-5D0C3E9F1A24/forms.pdf"),
        (.counterCaseConfirm(id), .GET, "/counter/cases/0F6B3A52-9C1D-4E2B-8A77-5D0C3E9F1A24/confirm"),
        (.counterCaseSignature(id), .POST, "/counter/cases/0F6B3A52-9C1D-4E2B-8A77-5D0C3E9F1A24/signature"),
        (.counterCaseTransition(id), .POST, "/counter/cases/0F6B3A52-9C1D-4E2B-8A77-5D0C3E9F1A24/transition"),
        (.counterCaseResidents(id), .POST, "/counter/cases/0F6B3A52-9C1D-4E2B-8A77-5D0C3E9F1A24/residents"),
        (.counterCaseAttachment(id, attachment: other), .GET,
         "/counter/cases/0F6B3A52-9C1D-4E2B-8A77-5D0C3E9F1A24/attachments/7C2E1D44-3B5A-4F60-9E81-2A4B6C8D0E13"),
        (.counterCaseProcedureResend(id, procedure: other), .POST,
         "/counter/cases/0F6B3A52-9C1D-4E2B-8A77-5D0C3E9F1A24/procedures/7C2E1D44-3B5A-4F60-9E81-2A4B6C8D0E13/resend"),
        (.counterCaseCardRead(id, read: other), .POST,
         "/counter/cases/0F6B3A52-9C1D-4E2B-8A77-5D0C3E9F1A24/card-reads/7C2E1D44-3B5A-4F60-9E81-2A4B6C8D0E13"),
        (.counterCaseCardMyNumber(id), .POST, "/counter/cases/0F6B3A52-9C1D-4E2B-8A77-5D0C3E9F1A24/card-my-number"),
        (.counterCardReads, .GET, "/counter/card-reads"),
        (.counterCardAgentPairing, .GET, "/counter/card-agent"),
        (.counterCardAgentPairing, .POST, "/counter/card-agent"),
        (.section(code: "JUMIN"), .GET, "/sections/JUMIN"),
        (.sectionProcedure(code: "HOKEN_NENKIN", procedure: other), .POST, "/sections/HOKEN_NENKIN/procedures/7C2E1D44-3B5A-4F60-9E81-2A4B6C8D0E13"),
        (.sectionAttachment(code: "JUMIN", attachment: other), .GET, "/sections/JUMIN/attachments/7C2E1D44-3B5A-4F60-9E81-2A4B6C8D0E13"),
        (.adminAccount(id), .GET, "/admin/accounts/0F6B3A52-9C1D-4E2B-8A77-5D0C3E9F1A24"),
        (.adminAccountUnlock(id), .POST, "/admin/accounts/0F6B3A52-9C1D-4E2B-8A77-5D0C3E9F1A24/unlock"),
        (.adminAccountResetPassword(id), .POST, "/admin/accounts/0F6B3A52-9C1D-4E2B-8A77-5D0C3E9F1A24/reset-password"),
        (.adminAccountEnable(id), .POST, "/admin/accounts/0F6B3A52-9C1D-4E2B-8A77-5D0C3E9F1A24/enable"),
        (.adminAccountDisable(id), .POST, "/admin/accounts/0F6B3A52-9C1D-4E2B-8A77-5D0C3E9F1A24/disable"),
        (.adminAccountRole(id), .POST, "/admin/accounts/0F6B3A52-9C1D-4E2B-8A77-5D0C3E9F1A24/role"),
        (.queueDesk(section: "JUMIN", number: 1), .GET, "/queue/desk/JUMIN/1"),
        (.queueDesk(section: "KODOMO", number: 12), .POST, "/queue/desk/KODOMO/12"),
        (.kioskTicket(token: token), .GET, "/kiosk/tickets/Ab3-_x9Q"),
        (.ticket(token: token), .GET, "/t/Ab3-_x9Q"),
        (.ticketLive(token: token), .GET, "/t/Ab3-_x9Q/live"),
        (.reserve(section: "JUMIN"), .GET, "/reserve/JUMIN"),
        (.reserve(section: "JUMIN"), .POST, "/reserve/JUMIN"),
        (.reservation(token: token), .GET, "/reserve/r/Ab3-_x9Q"),
        (.reservationCancel(token: token), .POST, "/reserve/r/Ab3-_x9Q/cancel"),
        (.guide(event: "move-in"), .GET, "/guide/move-in"),
        (.guide(event: "move-in"), .POST, "/guide/move-in"),
        (.apply(token: token), .GET, "/apply/Ab3-_x9Q"),
        (.apply(token: token), .POST, "/apply/Ab3-_x9Q"),
        (.applyCheck(token: token), .GET, "/apply/Ab3-_x9Q/check"),
        (.applySubmit(token: token), .POST, "/apply/Ab3-_x9Q/submit"),
        (.applyDone(token: token), .GET, "/apply/Ab3-_x9Q/done"),
        (.caseReference("K7M2P9QX"), .GET, "/c/K7M2P9QX"),
        (.caseReferenceQR("K7M2P9QX"), .GET, "/c/K7M2P9QX/qr.png"),
    ]

    @Test func eachPathIsSpelledAsBefore() {
        for (site, _, expected) in Self.samples { #expect(site.path == expected) }
    }

    @Test func dataIsEncodedAsOneSegment() {
        #expect(SitePath.apply(token: "a b/c?d#e%f").path == "/apply/a%20b%2Fc%3Fd%23e%25f")
        #expect(SitePath.reservationCancel(token: "x/../y").path == "/reserve/r/x%2F..%2Fy/cancel")
        #expect(SitePath.ticket(token: "..").path == "/t/%2E%2E")
        #expect(SitePath.section(code: "住民").path == "/sections/%E4%BD%8F%E6%B0%91")
        #expect(SitePath.kioskTicket(token: "a-b_c.d~e").path == "/kiosk/tickets/a-b_c.d~e")
    }

    @Test func queryItemsAreEncoded() {
        let page = SitePath.counterCase(Self.id)
        #expect(page.path(query: []) == page.path)
        #expect(page.path(query: [("notice", "saved")]) == page.path + "?notice=saved")
        #expect(page.path(query: [("desk", "JUMIN/1"), ("ticket", "A-001")]) == page.path + "?desk=JUMIN/1&ticket=A-001")
        #expect(SitePath.apply(token: "t").path(query: [("a b", "x&y=z+1#2")]) == "/apply/t?a%20b=x%26y%3Dz%2B1%232")
    }

    /// Each path, as a request would ask for it, matches a route of its method.
    @Test func everyPathHasARoute() async throws {
        try await withMadoguchi { app in
            for (site, method, _) in Self.samples {
                #expect(Self.hasRoute(app, method, site.path), "no route for \(method) \(site.path)")
            }
            #expect(!Self.hasRoute(app, .GET, "/counter/casez/\(Self.id.uuidString)"), "the check can fail")
        }
    }

    /// Requests to paths made by SitePath reach their pages.
    @Test func pathsReachTheirPages() async throws {
        try await withMadoguchi { app in
            // Signed out, a staff page asks for a sign-in; only a path without a route is the router's 404.
            let signedOut = try await app.testing().sendRequest(.GET, SitePath.counterCase(UUID()).path)
            #expect(signedOut.status != .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/counter/casez/\(UUID().uuidString)").status == .notFound)

            var clerk = try await Clerk.signedIn(app)
            let id = try #require(UUID(uuidString: try await clerk.start("move-in")))
            #expect(try await clerk.browser.get(SitePath.counterCase(id).path).status == .ok)
            #expect(try await clerk.browser.get(SitePath.queueDesk(section: "JUMIN", number: 1).path).status == .ok)
            // An unknown Case is the controller's own answer (after the sign-in check), not a missing route.
            #expect(try await clerk.browser.get(SitePath.counterCase(UUID()).path).status == .notFound)

            var kiosk = Kiosk(app)
            let token = try await kiosk.take("section", "JUMIN")
            #expect(try await kiosk.browser.get(SitePath.kioskTicket(token: token).path).status == .ok)
            #expect(try await kiosk.browser.get(SitePath.ticket(token: token).path).status == .ok)

            #expect(try await app.testing().sendRequest(.GET, SitePath.guide(event: "move-in").path).status == .ok)
            #expect(try await app.testing().sendRequest(.GET, SitePath.reserve(section: "JUMIN").path).status == .ok)
        }
    }

    /// Whether a registered route of this method matches the path (a parameter matches any one segment).
    static func hasRoute(_ app: Application, _ method: HTTPMethod, _ path: String) -> Bool {
        let segments = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        return app.routes.all.contains { route in
            guard route.method == method, route.path.count == segments.count else { return false }
            return zip(route.path, segments).allSatisfy { component, segment in
                switch component {
                case .constant(let constant): constant == segment
                case .parameter, .anything: true
                case .catchall: true
                }
            }
        }
    }

    @Test func aLinkKeepsTheLanguageAfterAQueryThePathAlreadyHas() {
        let english = PageContext(language: .en, path: "/", municipality: LocalizedText(ja: "市", en: "City"))
        #expect(english.link("/apply/abc?saved=1") == "/apply/abc?saved=1&lang=en")
        #expect(english.link("/apply/abc") == "/apply/abc?lang=en")
        let japanese = PageContext(language: .ja, path: "/", municipality: LocalizedText(ja: "市", en: "City"))
        #expect(japanese.link("/apply/abc?saved=1") == "/apply/abc?saved=1")
        #expect(japanese.link("/reserve", [("q", "a&b=c+d#e")]) == "/reserve?q=a%26b%3Dc%2Bd%23e")
    }
}
