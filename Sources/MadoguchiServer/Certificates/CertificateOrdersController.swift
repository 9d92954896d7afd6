import Fluent
import Foundation
import MadoguchiCore
import Vapor

/// Online certificate requests at the counter (`/counter/certificates/online`): the paid ones wait for a clerk, who
/// opens the identity document, finds the resident in the records, and posts the certificates (an issuance in the
/// 交付 log, channel `post`) or refuses with a reason, which refunds the payment first. Every view is audited.
struct CertificateOrdersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let online = routes.grouped("counter", "certificates", "online").grouped(RequireStaff(.counter, .admin))
        online.get(use: list)
        online.get(":id", use: show)
        online.get(":id", "identity", use: identity)
        online.post(":id", "issue", use: issue)
        online.post(":id", "refuse", use: refuse)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let waiting = try await CertificateOrder.query(on: req.db).filter(\.$state == .paid).sort(\.$paidAt).limit(500)
            .withoutDocument().all()
        let decided = try await CertificateOrder.query(on: req.db).filter(\.$state ~~ [.issued, .refused]).sort(\.$decidedAt, .descending).limit(50)
            .withoutDocument().all()
        try await req.audit(.certificateOrderViewed, detail: "list, \(waiting.count + decided.count) shown")
        return CertificateOrderStaffViews.list(waiting: waiting, decided: decided, catalog: req.madoguchi.catalog, signedIn: req.signedIn,
                                               PageContext(request: req)).response()
    }

    @Sendable func show(req: Request) async throws -> Response {
        let order = try await find(req)
        try await req.audit(.certificateOrderViewed, detail: order.reference)
        return try await page(order, problems: [], status: .ok, req: req)
    }

    /// The identity document as the citizen sent it (its type from its bytes), audited.
    @Sendable func identity(req: Request) async throws -> Response {
        let order = try await find(req)
        try await req.audit(.certificateOrderViewed, detail: "\(order.reference) identity document")
        let kind = AttachmentKind(rawValue: order.identityKind) ?? .pdf
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: kind.mediaType)
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"identity-\(order.reference).\(kind.rawValue)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: order.identityContent))
    }

    /// Posts the certificates: the identity document checked, the resident chosen, the law's rules met.
    @Sendable func issue(req: Request) async throws -> Response {
        let order = try await find(req)
        let values = req.formFields() ?? [:]
        guard order.state == .paid else { return try await page(order, problems: [Self.notWaiting(order)], status: .conflict, req: req) }
        var problems: [String] = []
        if values["identityChecked"] != "on" { problems.append("本人確認書類を確かめたら、チェックを付けてください。") }
        let resident = try await values["resident"].asyncFlatMap { try await req.residents.resident(code: $0) }
        if resident == nil { problems.append("証明書の対象の方を住民記録から選んでください。") }
        let requester = CertificateRequester(rawValue: order.requester) ?? .person
        let request = CertificateRequest(requester: requester, requesterName: order.name, purpose: order.purpose, letterOfAttorney: false,
                                         seen: values["seen-honsekiInCity"] == "on" ? [.honsekiInCity] : [],
                                         items: order.items.requestItems, exemption: nil)
        if let resident {
            if requester == .person, resident.birthDate.iso != order.birthDate {
                problems.append("請求者の生年月日が住民記録と一致しません。本人の請求として交付できません。")
            }
            problems += CertificateRules(req.madoguchi.catalog.certificates).problems(request, sealRegistered: resident.sealRegistered)
        }
        guard problems.isEmpty, let resident else { return try await page(order, problems: problems, status: .badRequest, req: req) }
        let id = try order.requireID()
        let catalog = req.madoguchi.catalog
        let link = req.absoluteURL("/certificates/online/\(id)")
        let decided = try await req.writeTransaction { db -> Bool in
            guard let stored = try await CertificateOrder.locked(id, in: .paid, on: db) else { return false }
            let issuance = try await CertificateIssuance.issue(
                CertificateRequest(requester: requester, requesterName: order.name, purpose: "郵送 \(order.reference)" + (order.purpose.isEmpty ? "" : "：\(order.purpose)"),
                                   letterOfAttorney: false, seen: request.seen, items: request.items, exemption: nil),
                to: resident, channel: "post", req: req, on: db)
            stored.state = try stored.state.after(.issue)
            stored.residentCode = resident.code
            stored.issuanceNumber = issuance.number
            stored.decidedBy = req.signedIn?.user.username
            stored.decidedAt = Date()
            try await stored.save(on: db)
            let mail = CertificateOrderMail.decided(stored, catalog: catalog, link: link)
            try await OutgoingMail(recipient: stored.email, subject: mail.subject, body: mail.body).create(on: db)
            return true
        }
        guard decided else { return try await page(order, problems: [Self.notWaiting(order)], status: .conflict, req: req) }
        return req.redirect(to: "/counter/certificates/online/\(id)")
    }

    /// Refuses with a reason: the payment is refunded at the provider first; if it cannot be, nothing changes.
    @Sendable func refuse(req: Request) async throws -> Response {
        let order = try await find(req)
        let reason = String(((try? req.content.get(String.self, at: "reason")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        guard order.state == .paid else { return try await page(order, problems: [Self.notWaiting(order)], status: .conflict, req: req) }
        guard !reason.isEmpty else { return try await page(order, problems: ["交付しない理由を入力してください（請求者にメールで伝わります）。"], status: .badRequest, req: req) }
        guard let session = order.paymentSession else { throw Abort(.internalServerError, reason: "a paid request without its payment") }
        do {
            try await req.payments.refund(session)
        } catch let error as PaymentUnavailable {
            req.logger.warning("\(error)")
            return try await page(order, problems: ["返金できませんでした（決済サービスにつながりません）。請求はそのままです。しばらくしてからもう一度お試しください。"],
                                  status: .badGateway, req: req)
        }
        let id = try order.requireID()
        let catalog = req.madoguchi.catalog
        let link = req.absoluteURL("/certificates/online/\(id)")
        try await req.writeTransaction { db in
            guard let stored = try await CertificateOrder.locked(id, in: .paid, on: db) else { return }
            stored.state = try stored.state.after(.refuse)
            stored.refusal = reason
            stored.decidedBy = req.signedIn?.user.username
            stored.decidedAt = Date()
            try await stored.save(on: db)
            try await req.audit(.certificateOrderRefused, detail: "\(stored.reference) refunded ¥\(stored.total)", on: db)
            let mail = CertificateOrderMail.decided(stored, catalog: catalog, link: link)
            try await OutgoingMail(recipient: stored.email, subject: mail.subject, body: mail.body).create(on: db)
        }
        return req.redirect(to: "/counter/certificates/online/\(id)")
    }

    /// The request's page for the clerk: the request, the document, the residents it may be.
    private func page(_ order: CertificateOrder, problems: [String], status: HTTPStatus, req: Request) async throws -> Response {
        var candidates: [Resident] = []
        if order.state == .paid {
            candidates = try await req.residents.search(order.subject, limit: 20)
            try await req.audit(.residentViewed, detail: "online certificate request \(order.reference), \(candidates.count) shown")
        }
        return CertificateOrderStaffViews.order(order, candidates: candidates, problems: problems, catalog: req.madoguchi.catalog,
                                                signedIn: req.signedIn, PageContext(request: req)).response(status: status)
    }

    private func find(_ req: Request) async throws -> CertificateOrder {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let order = try await CertificateOrder.find(id, on: req.db) else { throw Abort(.notFound, reason: "請求が見つかりません。") }
        return order
    }

    private static func notWaiting(_ order: CertificateOrder) -> String {
        "この請求は「\(order.state.name.ja)」です。交付も不交付もできません。"
    }
}

extension QueryBuilder<CertificateOrder> {
    /// Every column but the identity document's bytes: what a list shows.
    func withoutDocument() -> Self {
        field(\.$id).field(\.$reference).field(\.$state).field(\.$createdAt).field(\.$name).field(\.$birthDate).field(\.$address)
            .field(\.$email).field(\.$requester).field(\.$subjectName).field(\.$purpose).field(\.$items).field(\.$fees).field(\.$postage)
            .field(\.$total).field(\.$paymentSession).field(\.$paidAt).field(\.$identityKind).field(\.$identityFileName)
            .field(\.$residentCode).field(\.$issuanceNumber).field(\.$refusal).field(\.$decidedBy).field(\.$decidedAt)
    }
}

extension Optional {
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
