import Fluent
import Foundation
import MadoguchiCore
import Vapor

/// `/certificates/online`: a citizen requests certificates posted to their registered address (郵送請求). They say
/// who they are and attach an identity document, the request is stored (acknowledged with a reference), and they
/// pay the fee and the postage at the payment provider; staff check the document against the resident records and
/// post the certificates, or refuse and refund. The request's page (its address is its key) follows its state.
struct CertificateOrderController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let online = routes.grouped("certificates", "online")
        online.get(use: form)
        online.on(.POST, body: .collect(maxSize: "6mb"), use: submit)
        online.get(":id", use: show)
        online.post(":id", "pay", use: payAgain)
        routes.grouped("api", "v1", "payments").post("notify", use: notified)
    }

    @Sendable func form(req: Request) async throws -> Response {
        try available(req)
        let page = CertificateOrderViews.form(values: [:], errors: [], catalog: req.madoguchi.catalog,
                                              hidden: CitizenForms.hiddenFields(req), PageContext(request: req))
        return CitizenForms.attach(req, to: page.response())
    }

    @Sendable func submit(req: Request) async throws -> Response {
        try available(req)
        var values = req.formFields() ?? [:]
        values.removeValue(forKey: "identity")
        try CitizenForms.verify(req, form: values)
        try req.madoguchi.citizenLimits.allowCertificateRequest(from: req)
        let context = PageContext(request: req)
        let catalog = req.madoguchi.catalog
        let file = try? req.content.get(File.self, at: "identity")
        let order: CertificateOrder
        switch CertificateOrderForm(values: values, identity: file, catalog: catalog.certificates).checked(context) {
        case .success(let checked): order = checked
        case .failure(let failure):
            let page = CertificateOrderViews.form(values: values, errors: failure.errors, catalog: catalog, hidden: CitizenForms.hiddenFields(req), context)
            return CitizenForms.attach(req, to: page.response(status: .badRequest))
        }
        try await req.writeTransaction(rerunnable: true) { db in
            try await order.create(on: db)
            try await req.audit(.certificateOrdered, detail: "\(order.reference) " + order.items.items.map { "\($0.kind)×\($0.copies)" }.joined(separator: " ")
                                + ", ¥\(order.total)", actor: "citizen", on: db)
        }
        return try await checkout(order, req: req)
    }

    /// The request's page; back from the provider (`?session=`), the payment is asked of the provider itself.
    @Sendable func show(req: Request) async throws -> Response {
        let order = try await find(req)
        var declined = false
        if let session = req.query[String.self, at: "session"], order.state == .awaitingPayment, session == order.paymentSession {
            do {
                let found = try await req.payments.session(session)
                if found.status == .paid { try await Self.paid(order, session: found, req: req) }
                declined = found.status == .open
            } catch let error as PaymentUnavailable {
                req.logger.warning("\(error)")
            }
        }
        return CertificateOrderViews.order(order, declined: declined, providerDown: req.query[String.self, at: "provider"] == "down", catalog: req.madoguchi.catalog, hidden: CitizenForms.hiddenFields(req),
                                           mailOn: req.madoguchi.mail != nil, PageContext(request: req)).response()
    }

    /// A new checkout for a request still waiting for payment (the first was declined, abandoned or unreachable).
    @Sendable func payAgain(req: Request) async throws -> Response {
        try CitizenForms.verify(req)
        try req.madoguchi.citizenLimits.allowCertificateRequest(from: req)
        let order = try await find(req)
        guard order.state == .awaitingPayment else { return req.redirect(to: "/certificates/online/\(try order.requireID())") }
        return try await checkout(order, req: req)
    }

    /// The provider's signed word that a checkout was paid; the payment is then asked of the provider as on return.
    @Sendable func notified(req: Request) async throws -> HTTPStatus {
        guard req.madoguchi.payment.mode != .off, let body = req.body.data.map({ Data(buffer: $0) }),
              let id = req.headers.first(name: "webhook-id"), let timestamp = req.headers.first(name: "webhook-timestamp").flatMap(Int.init),
              let signature = req.headers.first(name: "webhook-signature"),
              try WebhookSignature(secrets: [req.madoguchi.payment.webhookSecret]).verify(header: signature, id: id, timestamp: timestamp, body: body, now: Date())
        else { throw Abort(.unauthorized, reason: "the notification's signature does not check") }
        guard let notification = try? JSONDecoder().decode(PaymentNotification.self, from: body),
              let orderID = UUID(uuidString: notification.data.reference),
              let order = try await CertificateOrder.find(orderID, on: req.db) else { throw Abort(.unprocessableEntity, reason: "unknown reference") }
        guard order.state == .awaitingPayment, order.paymentSession == notification.data.id else { return .ok }
        // Asked of the provider itself; while it cannot answer, a 503 makes it notify again later.
        guard let session = try? await req.payments.session(notification.data.id) else { throw Abort(.serviceUnavailable) }
        if session.status == .paid { try await Self.paid(order, session: session, req: req) }
        return .ok
    }

    /// Starts a checkout at the provider and sends the citizen there; when the provider cannot be reached, the
    /// stored request's page says so and offers to pay again.
    private func checkout(_ order: CertificateOrder, req: Request) async throws -> Response {
        let id = try order.requireID()
        let page = "/certificates/online/\(id)"
        do {
            let session = try await req.payments.startCheckout(Checkout(
                amount: order.total, reference: id.uuidString,
                description: "\(req.madoguchi.catalog.municipality.ja) 証明書の郵送請求 \(order.reference)",
                returnURL: req.absoluteURL(page), notifyURL: req.absoluteURL("/api/v1/payments/notify")))
            try await req.writeTransaction { db in
                try await CertificateOrder.query(on: db).filter(\.$id == id).filter(\.$state == .awaitingPayment)
                    .set(\.$paymentSession, to: session.id).update()
            }
            guard let url = session.url else { throw PaymentUnavailable(reason: "no checkout page") }
            return req.redirect(to: url)
        } catch let error as PaymentUnavailable {
            req.logger.warning("\(error)")
            return req.redirect(to: PageContext(request: req).link(page, [("provider", "down")]))
        }
    }

    /// Marks a request paid once, if the provider's checkout is for it and for its whole amount; mails the citizen.
    static func paid(_ order: CertificateOrder, session: CheckoutSession, req: Request) async throws {
        let id = try order.requireID()
        guard session.status == .paid, session.reference == id.uuidString, session.amount == order.total else {
            req.logger.warning("payment \(session.id) does not match request \(order.reference)")
            return
        }
        let catalog = req.madoguchi.catalog
        try await req.writeTransaction { db in
            // The return and the notification may arrive together: under the row's lock, one of them marks it (not
            // rerunnable work, which SQLite's write queue may run side by side in one transaction).
            guard let stored = try await CertificateOrder.locked(id, in: .awaitingPayment, on: db) else { return }
            stored.state = try stored.state.after(.paid)
            stored.paidAt = Date()
            stored.paymentSession = session.id
            try await stored.save(on: db)
            try await req.audit(.certificateOrderPaid, detail: "\(stored.reference) \(session.id) ¥\(session.amount)", actor: "payment provider", on: db)
            let mail = CertificateOrderMail.paid(stored, catalog: catalog, link: req.absoluteURL("/certificates/online/\(id)"))
            try await OutgoingMail(recipient: stored.email, subject: mail.subject, body: mail.body).create(on: db)
        }
        order.state = .paid
    }

    private func find(_ req: Request) async throws -> CertificateOrder {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let order = try await CertificateOrder.find(id, on: req.db) else {
            throw Abort(.notFound, reason: PageContext(request: req).t("この請求は見つかりません。", "This request was not found."))
        }
        return order
    }

    private func available(_ req: Request) throws {
        guard req.madoguchi.payment.mode != .off else {
            throw Abort(.notFound, reason: PageContext(request: req).t("この市では証明書のオンライン請求を受け付けていません。",
                                                                        "This city does not take certificate requests online."))
        }
    }
}

extension Request {
    /// The payment provider this instance is set up with (`MADOGUCHI_PAYMENT`); the built-in fake one is reached
    /// over HTTP like any other, on this instance's own port.
    var payments: any PaymentGateway {
        let settings = madoguchi.payment
        return HTTPPaymentGateway(client: client, base: settings.url ?? ownAddress + "/fake-payments", key: settings.key)
    }

    /// This instance as it listens (`serve --hostname`): its own address, or the loopback when it listens on all.
    private var ownAddress: String {
        let address = application.http.server.shared.localAddress
        let port = address?.port ?? application.http.server.configuration.port
        var host = address?.ipAddress ?? "127.0.0.1"
        if host == "0.0.0.0" { host = "127.0.0.1" } else if host == "::" { host = "::1" }
        return host.contains(":") ? "http://[\(host)]:\(port)" : "http://\(host):\(port)"
    }
}
