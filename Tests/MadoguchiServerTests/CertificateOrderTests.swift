import Fluent
import Foundation
import MadoguchiCore
@testable import MadoguchiServer
import Testing
import Vapor
import VaporTesting

/// Certificates requested online and posted: the citizen's form with an identity document, the payment at the fake
/// provider over real HTTP (a declined card, a paid one notified while the browser never comes back), the clerk's
/// check against the resident records, the issuance in the 交付 log, a refusal refunded, a provider that is down.
@Suite struct CertificateOrderTests {
    static let takahashi = "99001010000"  // 髙橋 健司, born 1982-05-14, in the sample records
    /// A PNG's signature and bytes that are no UTF-8: the form must still be read field by field.
    static let photo: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x42]
    static let fields = [("requester", "person"), ("name", "髙橋　健司"), ("birthDate", "S57.5.14"),
                         ("address", "栃木県サンプル市本町二丁目3番12号"), ("email", "kenji@example.jp"),
                         ("copies-juminhyo", "2"), ("option-juminhyo-wholeHousehold", "on"), ("purpose", "")]

    /// Fills in and sends the form; returns the answer (303 to the provider's page when stored).
    static func order(_ citizen: inout StaffBrowser, _ fields: [(String, String)] = fields,
                      file: (name: String, type: String, bytes: [UInt8])? = ("menkyo.png", "image/png", photo)) async throws -> TestingHTTPResponse {
        let form = try await citizen.get("/certificates/online")
        return try await citizen.postMultipart("/certificates/online", fields + [("_csrf", try StaffBrowser.csrf(in: form))],
                                               file: file, fileField: "identity")
    }

    static func path(_ location: String) -> String {
        URLComponents(string: location).map { $0.path + ($0.query.map { "?" + $0 } ?? "") } ?? location
    }

    @Test func aCertificateRequestedOnlineIsPaidCheckedAndPosted() async throws {
        try await withMadoguchi { app in
            try await withLiveServer(app) { live in
                var citizen = StaffBrowser(app)
                citizen.host = String(live.base.dropFirst("http://".count))
                let form = try await citizen.get("/certificates/online")
                #expect(form.status == .ok)
                #expect(form.body.string.contains(#"id="copies-juminhyo""#) && !form.body.string.contains(#"id="copies-inkan""#),
                        "a seal certificate needs the card at the counter: it is not offered by post")
                // Refused in words, nothing stored: no identity document, then a file that is no picture.
                let missing = try await Self.order(&citizen, file: nil)
                #expect(missing.status == .badRequest && missing.body.string.contains("本人確認書類"))
                let text = try await Self.order(&citizen, file: ("id.txt", "image/png", Array("hello".utf8)))
                #expect(text.status == .badRequest && text.body.string.contains("JPEG・PNG"))
                #expect(text.body.string.contains(#"value="髙橋　健司""#), "what was typed is kept")
                #expect(try await CertificateOrder.query(on: app.db).count() == 0)

                // MUT
                let sent = try await Self.order(&citizen)
                // validate
                #expect(sent.status == .seeOther)
                let provider = try #require(sent.headers.first(name: .location))
                #expect(provider.hasPrefix(live.base + "/fake-payments/pay/cs_fake_"))
                let order = try #require(try await CertificateOrder.query(on: app.db).first())
                #expect(order.state == .awaitingPayment && order.fees == 600 && order.postage == 110 && order.total == 710)
                #expect(order.birthDate == "1982-05-14" && order.identityContent == Data(Self.photo))
                let page = try await live.send(.GET, Self.path(provider))
                #expect(page.status == .ok && page.body.contains("710"))

                // A declined card leaves it waiting; a paid one is notified to us even if the browser never returns.
                var form2 = HTTPHeaders()
                form2.contentType = .urlEncodedForm
                let declined = try await live.send(.POST, Self.path(provider), headers: form2, body: ByteBuffer(string: "card=4000+0000+0000+0002"))
                #expect(declined.status == .paymentRequired)
                #expect(try await CertificateOrder.find(order.id, on: app.db)?.state == .awaitingPayment)
                let paid = try await live.send(.POST, Self.path(provider), headers: form2, body: ByteBuffer(string: "card=4242424242424242"))
                #expect(paid.status == .seeOther)
                let back = try #require(paid.headers.first(name: .location))
                #expect(back.contains("/certificates/online/\(try order.requireID())?session=cs_fake_"))
                var state = CertificateOrderState.awaitingPayment
                for _ in 0..<100 where state == .awaitingPayment {
                    try await Task.sleep(for: .milliseconds(50))
                    state = try await CertificateOrder.find(order.id, on: app.db)?.state ?? state
                }
                #expect(state == .paid, "the provider's signed notification marked it paid")
                let returned = try await citizen.get(Self.path(back))
                #expect(returned.body.string.contains(#"data-state="paid""#))
                #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "certificate.order-paid").count() == 1, "paid once, not twice")
                #expect(try await OutgoingMail.query(on: app.db).filter(\.$recipient == "kenji@example.jp").count() == 1)

                // The clerk checks the document against the records and posts the certificates.
                var clerk = try await Clerk.signedIn(app)
                let list = try await clerk.browser.get("/counter/certificates/online").body.string
                #expect(list.contains(order.reference))
                let id = try order.requireID().uuidString
                let detail = try await clerk.browser.get("/counter/certificates/online/\(id)")
                #expect(detail.body.string.contains(#"id="resident-\#(Self.takahashi)""#))
                let document = try await clerk.browser.get("/counter/certificates/online/\(id)/identity")
                #expect(document.headers.contentType == .png && Array(document.body.readableBytesView) == Self.photo)
                let unchecked = try await clerk.browser.post("/counter/certificates/online/\(id)/issue", [
                    ("resident", Self.takahashi), ("_csrf", try StaffBrowser.csrf(in: detail))])
                #expect(unchecked.status == .badRequest && unchecked.body.string.contains("本人確認書類を確かめたら"))
                let issued = try await clerk.browser.post("/counter/certificates/online/\(id)/issue", [
                    ("resident", Self.takahashi), ("identityChecked", "on"), ("_csrf", try StaffBrowser.csrf(in: detail))])
                #expect(issued.status == .seeOther)
                let posted = try #require(try await CertificateOrder.find(order.id, on: app.db))
                #expect(posted.state == .issued && posted.residentCode == Self.takahashi && posted.decidedBy == "madoguchi1")
                let issuance = try #require(try await CertificateIssuance.query(on: app.db).first())
                #expect(issuance.channel == "post" && issuance.total == 600 && issuance.number == posted.issuanceNumber)
                #expect(issuance.purpose.contains(order.reference))
                #expect(try await clerk.browser.get("/counter/certificates/log").body.string.contains(issuance.number))
                #expect(try await OutgoingMail.query(on: app.db).filter(\.$recipient == "kenji@example.jp").count() == 2)
                let again = try await clerk.browser.post("/counter/certificates/online/\(id)/issue", [
                    ("resident", Self.takahashi), ("identityChecked", "on"), ("_csrf", try StaffBrowser.csrf(in: detail))])
                #expect(again.status == .conflict)
                #expect(try await CertificateIssuance.query(on: app.db).count() == 1, "posted once")
                #expect(try await citizen.get("/certificates/online/\(id)").body.string.contains(#"data-state="issued""#))
            }
        }
    }

    @Test func aRefusalRefundsThePaymentAndAForgedNotificationIsRefused() async throws {
        try await withMadoguchi { app in
            try await withLiveServer(app) { live in
                var citizen = StaffBrowser(app)
                citizen.host = String(live.base.dropFirst("http://".count))
                let sent = try await Self.order(&citizen, [("requester", "household"), ("subjectName", "髙橋　健司"), ("name", "髙橋　美咲"),
                                                           ("birthDate", "1985-01-01"), ("address", "本町二丁目3番12号"), ("email", "misaki@example.jp"),
                                                           ("copies-shotoku", "1")])
                let provider = try #require(sent.headers.first(name: .location))
                var form = HTTPHeaders()
                form.contentType = .urlEncodedForm
                let paid = try await live.send(.POST, Self.path(provider), headers: form, body: ByteBuffer(string: "card=4242424242424242"))
                _ = try await citizen.get(Self.path(try #require(paid.headers.first(name: .location))))
                let order = try #require(try await CertificateOrder.query(on: app.db).first())
                #expect(order.state == .paid && order.total == 410 && order.subjectName == "髙橋　健司")
                let session = try #require(order.paymentSession)

                var forged = HTTPHeaders()
                forged.contentType = .json
                forged.add(name: "webhook-id", value: "evt_1")
                forged.add(name: "webhook-timestamp", value: String(Int(Date().timeIntervalSince1970)))
                forged.add(name: "webhook-signature", value: "v1,AAAA")
                let notified = try await live.send(.POST, "/api/v1/payments/notify", headers: forged, body: ByteBuffer(string: "{}"))
                #expect(notified.status == .unauthorized)

                var clerk = try await Clerk.signedIn(app)
                let id = try order.requireID().uuidString
                let detail = try await clerk.browser.get("/counter/certificates/online/\(id)")
                let noReason = try await clerk.browser.post("/counter/certificates/online/\(id)/refuse", [("reason", " "), ("_csrf", try StaffBrowser.csrf(in: detail))])
                #expect(noReason.status == .badRequest)
                #expect(app.madoguchi.fakePayments.entry(session)?.session.status == .paid)
                let refused = try await clerk.browser.post("/counter/certificates/online/\(id)/refuse", [
                    ("reason", "本人確認書類の住所が住民記録と違います"), ("_csrf", try StaffBrowser.csrf(in: detail))])
                #expect(refused.status == .seeOther)
                #expect(app.madoguchi.fakePayments.entry(session)?.session.status == .refunded, "refunded at the provider")
                let stored = try #require(try await CertificateOrder.find(order.id, on: app.db))
                #expect(stored.state == .refused && stored.refusal == "本人確認書類の住所が住民記録と違います")
                #expect(try await CertificateIssuance.query(on: app.db).count() == 0)
                let mails = try await OutgoingMail.query(on: app.db).filter(\.$recipient == "misaki@example.jp").all()
                #expect(mails.count == 2 && mails.contains { $0.body.contains("返金") }, "\(mails.map(\.subject))")
                let page = try await citizen.get("/certificates/online/\(id)").body.string
                #expect(page.contains(#"data-state="refused""#) && page.contains("住所が住民記録と違います"))
            }
        }
    }

    /// The provider cannot be reached: the request is kept and its page offers to pay again.
    @Test func aProviderThatIsDownLosesNoRequest() async throws {
        try await withMadoguchi(settings: {
            $0.payment = PaymentSettings(mode: .provider, url: "http://127.0.0.1:9", key: "sk_test", webhookSecret: WebhookSignature.newSecret())
        }) { app in
            var citizen = StaffBrowser(app)
            let sent = try await Self.order(&citizen)
            #expect(sent.status == .seeOther)
            let location = try #require(sent.headers.first(name: .location))
            #expect(location.hasSuffix("?provider=down"))
            let order = try #require(try await CertificateOrder.query(on: app.db).first())
            #expect(order.state == .awaitingPayment && order.paymentSession == nil)
            let page = try await citizen.get(location).body.string
            #expect(page.contains(#"id="provider-down""#) && page.contains(#"id="pay-again""#) && page.contains(order.reference))
            // Left unpaid for a draft's lifetime, it is cancelled and its identity document deleted.
            #expect(try await DraftCleanup.cancelUnpaidCertificateOrders(app, now: Date().addingTimeInterval(86_400)) == 0)
            #expect(try await DraftCleanup.cancelUnpaidCertificateOrders(app, now: Date().addingTimeInterval(15 * 86_400)) == 1)
            let cancelled = try #require(try await CertificateOrder.find(order.id, on: app.db))
            #expect(cancelled.state == .cancelled && cancelled.identityContent.isEmpty)
        }
    }

    /// Certificate requests have their own budget per address, apart from online applications.
    @Test func certificateRequestsFromOneAddressAreLimitedApartFromApplications() async throws {
        try await withMadoguchi(settings: {
            $0.citizenBudgets.certificateRequestsPerHour = 1
            $0.citizenBudgets.submissionsPerHour = 1
            $0.payment = PaymentSettings(mode: .provider, url: "http://127.0.0.1:9", key: "sk_test", webhookSecret: WebhookSignature.newSecret())
        }) { app in
            var citizen = StaffBrowser(app)
            #expect(try await Self.order(&citizen, file: nil).status == .badRequest, "refused in words: it counts")
            let second = try await Self.order(&citizen)
            #expect(second.status == .tooManyRequests)
            #expect(try await CertificateOrder.query(on: app.db).count() == 0)
        }
    }

    @Test func paymentsCanBeTurnedOff() async throws {
        try await withMadoguchi(settings: { $0.payment = PaymentSettings(mode: .off, url: nil, key: "", webhookSecret: "") }) { app in
            let response = try await app.testing().sendRequest(.GET, "/certificates/online")
            #expect(response.status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/fake-payments/pay/x").status == .notFound)
        }
    }
}
