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
        try admin.register(collection: AccountsController())
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

    /// A page of the audit log, newest first, optionally for one user, one action or one Case (by its
    /// reference or the start of its id). Reading the log is itself logged.
    @Sendable func audit(req: Request) async throws -> Response {
        let context = PageContext(request: req)
        let query = AuditLogQuery(request: req)
        let match = try await query.caseMatch(on: req.db)
        let page = try await query.page(match, on: req.db)
        var caseID: UUID?
        var caseError: String?
        switch match {
        case .unreadable:
            caseError = context.t("案件は受付番号（例: K7QM-3TXA）か、一覧に表示されるIDの先頭（4文字以上）で指定してください。",
                                  "Give a Case by its reference (e.g. K7QM-3TXA) or the start of its id as the log shows it (at least 4 characters).")
        case .cases(let ids, _) where ids.count == 1: caseID = ids.first
        default: break
        }
        let filters = query.filterItems.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        try await req.audit(.auditViewed, caseID: caseID, detail: String(filters.prefix(200)))
        return AuditView.render(page: page, query: query, caseError: caseError, signedIn: req.signedIn, context)
            .response(status: caseError == nil ? .ok : .badRequest)
    }
}
