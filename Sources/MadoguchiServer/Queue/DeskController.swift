import Fluent
import Foundation
import MadoguchiCore
import Vapor

/// `/queue/desk`: a staff member's counter — open it, call the next ticket, recall, no-show, finish,
/// transfer to another section, issue a priority ticket, close. Calling a ticket that came with an
/// online application opens its Case on the counter screen.
struct DeskController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let desk = routes.grouped("queue", "desk").grouped(RequireStaff(.counter, .section, .admin))
        desk.get(use: choose)
        desk.get("go", use: go)
        desk.get(":section", ":number", use: panel)
        desk.post(":section", ":number", use: act)
    }

    @Sendable func choose(req: Request) async throws -> Response {
        let catalog = req.madoguchi.catalog
        let user = req.signedIn?.user
        let sections = catalog.sections.filter { $0.queue != nil && (user?.role != .section || user?.sectionCode == $0.code) }
        return DeskView.choose(sections: sections, signedIn: req.signedIn, PageContext(request: req)).response()
    }

    @Sendable func go(req: Request) async throws -> Response {
        let section = req.query[String.self, at: "section"] ?? ""
        let number = req.query[Int.self, at: "number"] ?? 1
        guard req.madoguchi.catalog.section(section)?.queue != nil, (1...99).contains(number) else { throw Abort(.badRequest, reason: "課と窓口番号を選んでください。") }
        return req.redirect(to: SitePath.queueDesk(section: section, number: number).path)
    }

    @Sendable func panel(req: Request) async throws -> Response {
        let (section, number) = try allowed(req)
        let desk = req.queueDesk
        let counter = try await desk.counter(section: section.code, number: number)
        let current = try await desk.current(counter)
        let state = try await req.madoguchi.queueHub.current(on: req.db)
        var caseReference: String?
        if let id = current?.caseID { caseReference = try await CaseRecord.find(id, on: req.db)?.reference }
        return DeskView.panel(section: section, counter: counter, current: current,
                              caseReference: caseReference, state: state, catalog: req.madoguchi.catalog,
                              message: req.query[String.self, at: "message"], signedIn: req.signedIn, PageContext(request: req)).response()
    }

    @Sendable func act(req: Request) async throws -> Response {
        let (section, number) = try allowed(req)
        let service = req.queueDesk
        let counter = try await service.counter(section: section.code, number: number)
        let here = SitePath.queueDesk(section: section.code, number: number).path
        var message: String?
        // What cannot be done now (a no-show before the grace, nobody in hand) is said on the desk itself.
        do {
            switch (try? req.content.get(String.self, at: "action")) ?? "" {
            case "open": try await service.open(counter, staff: req.signedIn?.user.username ?? "staff")
            case "close": try await service.close(counter)
            case "call":
                guard let ticket = try await service.callNext(counter) else { message = "お待ちの方はいません。"; break }
                // A visitor who prepared online: the counter screen opens their Case, already filled.
                if let caseID = ticket.caseID, req.signedIn?.user.role != .section {
                    try await req.audit(.caseViewed, caseID: caseID, detail: "called \(ticket.label)")
                    return req.redirect(to: SitePath.counterCase(caseID).path(query: [("desk", "\(section.code)/\(number)"), ("ticket", ticket.label)]))
                }
            case "recall": try await service.recall(counter)
            case "no-show": try await service.noShow(counter)
            case "finish": try await service.finish(counter)
            case "transfer":
                let target = (try? req.content.get(String.self, at: "to")) ?? ""
                let ticket = try await service.transfer(counter, to: target)
                message = "\(ticket.label) の方を \(req.madoguchi.catalog.section(target)?.name.ja ?? target) に回しました（番号はそのままです）。"
            case "priority":
                let ticket = try await service.issue(section: section.code, purposes: [section.code], priority: true)
                message = "優先券 \(ticket.label) を発行しました。"
            default: throw Abort(.badRequest, reason: "不明な操作です。")
            }
        } catch let error as any AbortError where [.conflict, .badRequest].contains(error.status) {
            message = error.reason
        }
        let query = message.map { "?message=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? ""
        return req.redirect(to: here + query)
    }

    /// The section and counter of the URL, if this user may work there (section staff: their own only).
    private func allowed(_ req: Request) throws -> (Section, Int) {
        guard let code = req.parameters.get("section"), let section = req.madoguchi.catalog.section(code), section.queue != nil,
              let number = req.parameters.get("number").flatMap(Int.init), number >= 1, number <= (section.queue?.counters ?? 0)
        else { throw Abort(.notFound) }
        if let user = req.signedIn?.user, user.role == .section, user.sectionCode != code {
            throw Abort(.forbidden, reason: "他の課の窓口は操作できません。")
        }
        return (section, number)
    }
}
