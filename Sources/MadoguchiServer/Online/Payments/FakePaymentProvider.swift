import Foundation
import NIOConcurrencyHelpers
import Vapor

/// A payment provider for trying the product and for tests (`MADOGUCHI_PAYMENT=fake`), speaking the protocol
/// `HTTPPaymentGateway` speaks to a real one, over real HTTP, with the same failures: a wrong key is a 401, an
/// unknown checkout a 404, a refund of what was not paid a 409, a declined card leaves the checkout open. Its
/// hosted page takes the usual test cards (4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined) and no
/// real money moves. A paid checkout is notified to `notifyURL`, signed. Its checkouts live in this instance's
/// memory: one instance only.
struct FakePaymentProvider: RouteCollection {
    static let paidCard = "4242424242424242"
    static let declinedCard = "4000000000000002"

    func boot(routes: any RoutesBuilder) throws {
        let provider = routes.grouped("fake-payments")
        let api = provider.grouped("v1", "checkouts")
        api.post(use: create)
        api.get(":id", use: show)
        api.post(":id", "refund", use: refund)
        provider.get("pay", ":id", use: page)
        provider.post("pay", ":id", use: pay)
    }

    private func authorize(_ req: Request) throws {
        guard req.madoguchi.payment.mode == .fake else { throw Abort(.notFound) }
        guard let token = req.headers.bearerAuthorization?.token, Tokens.constantTimeEqual(token, req.madoguchi.payment.key) else {
            throw Abort(.unauthorized, reason: "invalid API key")
        }
    }

    @Sendable func create(req: Request) async throws -> Response {
        try authorize(req)
        guard let checkout = try? req.content.decode(Checkout.self) else { throw Abort(.unprocessableEntity, reason: "a checkout is JSON") }
        guard checkout.currency == "JPY", (1...1_000_000).contains(checkout.amount), !checkout.reference.isEmpty,
              let back = URL(string: checkout.returnURL), let scheme = back.scheme, let host = back.host, URL(string: checkout.notifyURL) != nil else {
            throw Abort(.unprocessableEntity, reason: "amount 1–1000000 JPY, a reference, a return and a notify URL")
        }
        let id = "cs_fake_" + Tokens.random().prefix(20)
        // The hosted page is served where the citizen's browser already is: the return URL's origin.
        let origin = "\(scheme)://\(host)" + (back.port.map { ":\($0)" } ?? "")
        let session = CheckoutSession(id: id, status: .open, amount: checkout.amount, reference: checkout.reference,
                                      url: origin + "/fake-payments/pay/\(id)")
        req.madoguchi.fakePayments.put(FakePaymentLedger.Entry(checkout: checkout, session: session))
        return try await session.encodeResponse(status: .created, for: req)
    }

    @Sendable func show(req: Request) async throws -> CheckoutSession {
        try authorize(req)
        guard let entry = req.madoguchi.fakePayments.entry(req.parameters.get("id") ?? "") else { throw Abort(.notFound) }
        return entry.session
    }

    @Sendable func refund(req: Request) async throws -> CheckoutSession {
        try authorize(req)
        let id = req.parameters.get("id") ?? ""
        guard let entry = req.madoguchi.fakePayments.entry(id) else { throw Abort(.notFound) }
        if entry.session.status == .refunded { return entry.session }
        guard entry.session.status == .paid else { throw Abort(.conflict, reason: "only a paid checkout can be refunded") }
        return req.madoguchi.fakePayments.setStatus(id, .refunded) ?? entry.session
    }

    /// The hosted checkout page: the amount, what it is for, a card form.
    @Sendable func page(req: Request) async throws -> Response {
        guard req.madoguchi.payment.mode == .fake, let entry = req.madoguchi.fakePayments.entry(req.parameters.get("id") ?? "") else {
            throw Abort(.notFound)
        }
        return FakePaymentPage.render(entry, message: nil, PageContext(request: req)).response()
    }

    /// A card number typed on the hosted page: paid, declined, or not a card number.
    @Sendable func pay(req: Request) async throws -> Response {
        let id = req.parameters.get("id") ?? ""
        guard req.madoguchi.payment.mode == .fake, let entry = req.madoguchi.fakePayments.entry(id) else { throw Abort(.notFound) }
        let context = PageContext(request: req)
        guard entry.session.status == .open else { return req.redirect(to: Self.returning(entry)) }
        let card = ((try? req.content.get(String.self, at: "card")) ?? "").filter(\.isNumber)
        switch card {
        case Self.paidCard:
            guard let paid = req.madoguchi.fakePayments.setStatus(id, .paid) else { throw Abort(.notFound) }
            notify(paid, entry.checkout, app: req.application)
            return req.redirect(to: Self.returning(entry))
        case Self.declinedCard:
            return FakePaymentPage.render(entry, message: context.t("カードが承認されませんでした。別のカードをお使いください。",
                                                                    "The card was declined. Please use another card."), context)
                .response(status: .paymentRequired)
        default:
            return FakePaymentPage.render(entry, message: context.t("カード番号を確認してください。", "Check the card number."), context)
                .response(status: .badRequest)
        }
    }

    private static func returning(_ entry: FakePaymentLedger.Entry) -> String {
        entry.checkout.returnURL + (entry.checkout.returnURL.contains("?") ? "&" : "?") + "session=\(entry.session.id)"
    }

    /// Tells the shop of a payment, signed as Standard Webhooks, in the background (as a provider does, whether or
    /// not the citizen's browser comes back).
    private func notify(_ session: CheckoutSession, _ checkout: Checkout, app: Application) {
        let secret = app.madoguchi.payment.webhookSecret
        let client = app.client
        let logger = app.logger
        Task {
            do {
                let body = try JSONEncoder().encode(PaymentNotification(type: "checkout.paid", data: session))
                let id = "evt_" + Tokens.random().prefix(16), timestamp = Int(Date().timeIntervalSince1970)
                var headers = HTTPHeaders()
                headers.contentType = .json
                headers.add(name: "webhook-id", value: id)
                headers.add(name: "webhook-timestamp", value: String(timestamp))
                headers.add(name: "webhook-signature", value: try WebhookSignature(secrets: [secret]).header(id: id, timestamp: timestamp, body: body))
                let response = try await client.post(URI(string: checkout.notifyURL), headers: headers) { $0.body = ByteBuffer(data: body) }
                if response.status != .ok { logger.warning("fake payments: the notification was answered \(response.status.code)") }
            } catch {
                logger.warning("fake payments: the notification failed: \(error)")
            }
        }
    }
}

/// What a provider posts to `notifyURL`.
struct PaymentNotification: Codable, Sendable {
    var type: String
    var data: CheckoutSession
}

/// The fake provider's checkouts, in memory.
final class FakePaymentLedger: Sendable {
    struct Entry: Sendable {
        var checkout: Checkout
        var session: CheckoutSession
    }

    private let entries = NIOLockedValueBox([String: Entry]())

    func put(_ entry: Entry) { entries.withLockedValue { $0[entry.session.id] = entry } }
    func entry(_ id: String) -> Entry? { entries.withLockedValue { $0[id] } }

    /// Sets a checkout's status; its page's URL goes once it is no longer open.
    func setStatus(_ id: String, _ status: CheckoutSession.Status) -> CheckoutSession? {
        entries.withLockedValue { entries in
            guard var entry = entries[id] else { return nil }
            entry.session.status = status
            if status != .open { entry.session.url = nil }
            entries[id] = entry
            return entry.session
        }
    }
}

/// The fake provider's hosted page.
enum FakePaymentPage {
    static func render(_ entry: FakePaymentLedger.Entry, message: String?, _ context: PageContext) -> Markup {
        let title = context.t("お支払い（テスト用の決済）", "Payment (test provider)")
        return Layout.page(title: title, context) {
            el("h1") { title }
            el("p", ["class": "notice", "id": "fake-provider"]) {
                context.t("これはテスト用の決済画面です。本当のお金は動きません。カード番号 4242 4242 4242 4242 で支払い、4000 0000 0000 0002 で承認されません。",
                          "This is a test payment page; no real money moves. Card 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined.")
            }
            if let message { el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"]) { el("p", ["id": "payment-error"]) { message } } }
            el("p") { entry.checkout.description }
            el("p", ["class": "lead"]) { context.t("金額：{0}円", "Amount: {0} yen", String(entry.checkout.amount)) }
            el("form", ["method": "post", "action": "/fake-payments/pay/\(entry.session.id)"]) {
                el("div", ["class": "field"]) {
                    el("label", ["for": "card"]) { context.t("カード番号", "Card number") }
                    el("input", ["type": "text", "id": "card", "name": "card", "inputmode": "numeric", "autocomplete": "cc-number"])
                }
                el("button", ["type": "submit", "id": "pay"]) { context.t("支払う", "Pay") }
            }
        }
    }
}
