import Fluent
import Foundation
import MadoguchiCore
import Vapor

/// `/kiosk`: tickets in two taps, or by scanning an online application's QR code (its Case opens when
/// the ticket is called); `/kiosk/tickets/{token}`: the receipt to print.
struct KioskController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let kiosk = routes.grouped("kiosk")
        kiosk.get(use: home)
        kiosk.post("tickets", use: issue)
        kiosk.post("scan", use: scan)
        kiosk.get("tickets", ":token", use: receipt)
    }

    @Sendable func home(req: Request) async throws -> Response {
        let state = try? await req.madoguchi.queueHub.current(on: req.db)
        let page = KioskView.render(catalog: req.madoguchi.catalog, state: state, hidden: CitizenForms.hiddenFields(req),
                                    error: req.query[String.self, at: "error"].flatMap { Self.errors[$0] }.map { PageContext(request: req).t($0.ja, $0.en) },
                                    paper: Self.paper(req.query[Int.self, at: "paper"]), PageContext(request: req))
        return CitizenForms.attach(req, to: page.response())
    }

    /// A walk-in ticket for a life event (its first section) or for a section.
    @Sendable func issue(req: Request) async throws -> Response {
        try CitizenForms.verify(req)
        try req.madoguchi.citizenLimits.allowKioskTicket(from: req)
        if let closed = Self.closed(req) { return closed }
        let catalog = req.madoguchi.catalog
        let section: Section
        let purposes: [String]
        if let eventID = try? req.content.get(String.self, at: "event") {
            guard let event = catalog.event(eventID), let first = QueueServiceTimes.firstSection(of: event, in: catalog) else {
                throw Abort(.badRequest, reason: "このご用件では整理券を発行できません。")
            }
            section = first
            purposes = [event.id]
        } else if let code = try? req.content.get(String.self, at: "certificate") {
            // A certificate: a ticket for the section that issues it.
            guard let kind = catalog.certificates.kind(code), let found = catalog.section(kind.section), found.queue != nil else {
                throw Abort(.badRequest, reason: "このご用件では整理券を発行できません。")
            }
            section = found
            purposes = ["certificate"]
        } else if let code = try? req.content.get(String.self, at: "section"), let found = catalog.section(code), found.queue != nil {
            section = found
            purposes = [found.code]
        } else {
            throw Abort(.badRequest, reason: "ご用件を選んでください。")
        }
        let ticket = try await req.queueDesk.issue(section: section.code, purposes: purposes)
        return req.redirect(to: Self.receiptLink(ticket.token, req))
    }

    /// The QR code of an online application (or its reference typed): a ticket linked to its Case.
    @Sendable func scan(req: Request) async throws -> Response {
        try CitizenForms.verify(req)
        try req.madoguchi.citizenLimits.allowKioskScan(from: req)
        if let closed = Self.closed(req) { return closed }
        let code = (try? req.content.get(String.self, at: "code")) ?? ""
        let catalog = req.madoguchi.catalog
        if code.contains("/reserve/r/") {
            guard let ticket = try await ReservationController.checkIn(code: code, req: req) else {
                return req.redirect(to: PageContext(request: req).link("/kiosk", [("error", "reservation")]))
            }
            return req.redirect(to: Self.receiptLink(ticket.token, req))
        }
        guard let reference = CaseReference.normalized(code),
              let record = try await CaseRecord.query(on: req.db).filter(\.$reference == reference).first(),
              record.submittedAt != nil || record.channel == "counter", record.withdrawnAt == nil else {
            return req.redirect(to: PageContext(request: req).link("/kiosk", [("error", "unknown")]))
        }
        let procedures = try await record.$procedures.query(on: req.db).all()
        let waiting = Set(procedures.filter { $0.status == .waiting }.map(\.section))
        guard let section = catalog.sections.first(where: { waiting.contains($0.code) && $0.queue != nil })
                ?? catalog.event(record.eventKind).flatMap({ QueueServiceTimes.firstSection(of: $0, in: catalog) }) else {
            return req.redirect(to: PageContext(request: req).link("/kiosk", [("error", "nothing")]))
        }
        // An applicant who has a ticket already gets the same one again.
        if let existing = try await QueueTicket.query(on: req.db).filter(\.$caseID == record.id).filter(\.$day == QueueDesk.day(req.madoguchi.clock()))
            .filter(\.$state ~~ [.waiting, .called]).first() {
            return req.redirect(to: Self.receiptLink(existing.token, req))
        }
        let ticket = try await req.queueDesk.issue(section: section.code, purposes: [record.eventKind], caseID: record.id)
        try await req.audit(.caseViewed, caseID: record.id, detail: "kiosk ticket \(ticket.label)", actor: "kiosk")
        return req.redirect(to: Self.receiptLink(ticket.token, req))
    }

    @Sendable func receipt(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let ticket = try await QueueTicket.query(on: req.db).filter(\.$token == token).sort(\.$issuedAt, .descending).first() else {
            throw Abort(.notFound, reason: "この整理券は見つかりません。")
        }
        let state = try await req.madoguchi.queueHub.current(on: req.db)
        return KioskTicketView.render(ticket: state.tickets[token], label: ticket.label, url: req.absoluteURL(SitePath.ticket(token: token).path),
                                      paper: Self.paper(req.query[Int.self, at: "paper"]), PageContext(request: req)).response()
    }

    /// Receipt paper: 80 mm unless the kiosk was opened as `/kiosk?paper=58`.
    static func paper(_ value: Int?) -> Int { value == 58 ? 58 : 80 }

    static func receiptLink(_ token: String, _ req: Request) -> String {
        let paper = Self.paper(try? req.content.get(Int.self, at: "paper"))
        return PageContext(request: req).link(SitePath.kioskTicket(token: token).path, paper == 58 ? [("paper", "58")] : [])
    }

    /// Outside the catalog's hours and on closed days the kiosk issues no tickets: back to its start page,
    /// which says when the counters open.
    static func closed(_ req: Request) -> Response? {
        let context = req.madoguchi
        guard !context.queueAlwaysOpen, !context.catalog.hours.isOpen(atUnixSeconds: context.clock().timeIntervalSince1970) else { return nil }
        return req.redirect(to: PageContext(request: req).link("/kiosk", [("error", "closed")]))
    }

    static let errors: [String: (ja: String, en: String)] = [
        "closed": ("本日の受付は終了しました（または閉庁日です）。受付時間内にお越しください。",
                   "Tickets are not issued now (closed for today, or a closed day). Please come during opening hours."),
        "unknown": ("このQRコードの申請は見つかりませんでした。受付にお声がけください。",
                    "No application was found for this QR code. Please ask at the reception."),
        "nothing": ("この申請は窓口での手続きがありません。", "This application needs nothing at the counter."),
        "reservation": ("本日の予約が見つかりませんでした。受付にお声がけください。",
                        "No booking for today was found. Please ask at the reception."),
    ]
}
