import Fluent
import MadoguchiCore
import Vapor

/// `/admin`: municipal IT's pages — staff accounts and the audit log.
struct AdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("admin").grouped(RequireStaff(.admin))
        admin.get(use: home)
        admin.get("audit", use: audit)
        admin.get("figures", use: figures)
    }

    /// Accounts and where to go next.
    @Sendable func home(req: Request) async throws -> Response {
        let users = try await StaffUser.query(on: req.db).sort(\.$username).all()
        return AdminHomeView.render(users: users, signedIn: req.signedIn, PageContext(request: req)).response()
    }

    /// The counter's figures per life event: staff inputs per Case and minutes from opening to printing.
    @Sendable func figures(req: Request) async throws -> Response {
        let printed = try await CaseRecord.query(on: req.db).filter(\.$firstPrintedAt != nil).all()
        let rows = Dictionary(grouping: printed, by: \.eventKind).map { kind, cases in
            FiguresView.Row(event: req.madoguchi.catalog.event(kind).map { $0.name.ja } ?? kind, cases: cases.count,
                            inputs: cases.map { Double($0.staffInputs) },
                            minutes: cases.compactMap { record in
                                guard let start = record.createdAt, let end = record.firstPrintedAt else { return nil }
                                return end.timeIntervalSince(start) / 60
                            })
        }.sorted { $0.cases > $1.cases }
        return FiguresView.render(rows: rows, signedIn: req.signedIn, PageContext(request: req)).response()
    }

    /// The newest audit entries, optionally for one Case or one user. Reading the log is itself logged.
    @Sendable func audit(req: Request) async throws -> Response {
        var query = AuditEntry.query(on: req.db).sort(\.$at, .descending).limit(500)
        let caseID = req.query[String.self, at: "case"].flatMap(UUID.init(uuidString:))
        if let caseID { query = query.filter(\.$caseID == caseID) }
        let actor = req.query[String.self, at: "actor"].flatMap { $0.isEmpty ? nil : $0 }
        if let actor { query = query.filter(\.$actor == actor) }
        let entries = try await query.all()
        try await req.audit(.auditViewed, caseID: caseID, detail: actor.map { "actor \($0)" } ?? "")
        return AuditView.render(entries: entries, caseFilter: caseID, actorFilter: actor, signedIn: req.signedIn,
                                PageContext(request: req)).response()
    }
}
