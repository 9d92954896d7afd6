import Fluent
import Foundation
import MadoguchiCore
@testable import MadoguchiServer
import Testing
import VaporTesting

/// 証明書交付 at the counter over HTTP: a 住民票の写し and a seal certificate for 髙橋 健司 (seal registered in the
/// sample records), the fee, the receipt, the day's log; a refused request issues nothing.
@Suite struct CertificatesTests {
    static let takahashi = "99001010000"

    @Test func aResidentRecordCopyIsIssuedWithItsFeeAReceiptAndALogEntry() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let search = try await clerk.browser.get("/counter/certificates?q=タカハシ")
            #expect(search.body.string.contains(#"id="resident-\#(Self.takahashi)""#))
            let page = try await clerk.browser.get("/counter/certificates?resident=\(Self.takahashi)")
            #expect(page.body.string.contains("髙橋\u{3000}健司"))
            // MUT
            let issued = try await clerk.browser.post("/counter/certificates", [
                ("resident", Self.takahashi), ("requester", "person"), ("copies-juminhyo", "2"),
                ("option-juminhyo-wholeHousehold", "on"), ("option-juminhyo-relation", "on"),
                ("copies-inkan", "1"), ("seen-sealCard", "on"), ("_csrf", try StaffBrowser.csrf(in: page))])
            // validate
            #expect(issued.status == .seeOther)
            let location = try #require(issued.headers.first(name: .location))
            let receipt = try await clerk.browser.get(location).body.string
            #expect(receipt.contains("合計 900円"), "2 × 300 + 1 × 300")
            #expect(receipt.contains("住民票の写し（世帯全員・続柄）"))
            #expect(receipt.contains("髙橋\u{3000}健司 様"))
            let stored = try #require(try await CertificateIssuance.query(on: app.db).first())
            #expect(stored.total == 900 && stored.residentCode == Self.takahashi && stored.staff == "madoguchi1")
            #expect(stored.number.hasSuffix("-0001"))
            let log = try await clerk.browser.get("/counter/certificates/log").body.string
            #expect(log.contains(stored.number) && log.contains("1件、手数料 合計900円"))
            let audit = try await AuditEntry.query(on: app.db).all().filter { $0.action == "certificate.issued" }
            #expect(audit.count == 1 && audit[0].detail.contains("juminhyo×2"))
            #expect(!(audit[0].detail.contains("髙橋")), "the log names the resident by code, not by name")
        }
    }

    @Test func aRefusedRequestSaysWhyKeepsTheChoicesAndIssuesNothing() async throws {
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            let page = try await clerk.browser.get("/counter/certificates?resident=\(Self.takahashi)")
            let refused = try await clerk.browser.post("/counter/certificates", [
                ("resident", Self.takahashi), ("requester", "agent"), ("requesterName", "代理　花子"), ("purpose", "勤務先"),
                ("copies-juminhyo", "1"), ("option-juminhyo-myNumber", "on"), ("_csrf", try StaffBrowser.csrf(in: page))])
            #expect(refused.status == .badRequest)
            let html = refused.body.string
            #expect(html.contains("代理人の請求には委任状が必要です。"))
            #expect(html.contains("本人か同一世帯の方にだけ"))
            #expect(html.contains(#"id="requester-agent" checked"#), "the choices are kept")
            #expect(try await CertificateIssuance.query(on: app.db).count() == 0)
            let nonsense = try await clerk.browser.post("/counter/certificates", [
                ("resident", Self.takahashi), ("copies-juminhyo", "abc"), ("_csrf", try StaffBrowser.csrf(in: page))])
            #expect(nonsense.status == .badRequest && nonsense.body.string.contains("通数は1〜10通です"))
            let nobody = try await clerk.browser.post("/counter/certificates", [
                ("resident", "00000000000"), ("copies-juminhyo", "1"), ("_csrf", try StaffBrowser.csrf(in: page))])
            #expect(nobody.status == .badRequest)
        }
    }

    @Test func theKioskGivesATicketForACertificateAtTheSectionThatIssuesIt() async throws {
        try await withMadoguchi { app in
            var kiosk = Kiosk(app)
            let home = try await kiosk.browser.get("/kiosk")
            #expect(home.body.string.contains(#"id="kiosk-certificate""#))
            let token = try await kiosk.take("certificate", "juminhyo")
            let ticket = try #require(try await QueueTicket.query(on: app.db).first())
            #expect(ticket.section == "JUMIN" && ticket.purposes == ["certificate"], "\(token)")
            let unknown = try await kiosk.browser.post("/kiosk/tickets", [("certificate", "nothing"), ("_csrf", try StaffBrowser.csrf(in: home))])
            #expect(unknown.status == .badRequest)
        }
    }

    @Test func aCitizenCannotReachTheCertificateCounter() async throws {
        try await withMadoguchi { app in
            let response = try await app.testing().sendRequest(.GET, "/counter/certificates")
            #expect(response.status == .seeOther || response.status == .unauthorized || response.status == .forbidden)
        }
    }
}
