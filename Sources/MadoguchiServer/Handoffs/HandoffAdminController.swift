import Foundation
import MadoguchiCore
import SQLKit
import Vapor

/// `/admin/handoffs`: per core system, what waits, what was delivered or acknowledged and what is dead; a
/// hand-off's payload and attempts; retry and cancel (audited); the day's reconciliation as CSV.
struct HandoffAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("admin", "handoffs").grouped(RequireStaff(.admin))
        admin.get(use: overview)
        admin.get("reconciliation.csv", use: reconciliation)
        admin.post("endpoints", ":target", "enable", use: enableEndpoint)
        admin.post("tokens", use: createToken)
        admin.post("tokens", ":token", "revoke", use: revokeToken)
        admin.get(":id", use: show)
        admin.post(":id", use: act)
    }

    @Sendable func overview(req: Request) async throws -> Response {
        let sql = try req.db.sql()
        var counts: [String: [String: Int]] = [:]
        for row in try await sql.select().column("target").column("state").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(Handoffs.table).groupBy("target").groupBy("state").all() {
            counts[try row.decode(column: "target", as: String.self), default: [:]][try row.decode(column: "state", as: String.self)] =
                try row.decode(column: "n", as: Int.self)
        }
        // What needs staff: dead ones, and those waiting after a failed attempt (newest first, bounded).
        let problems = try await sql.select().columns("id", "target", "procedure_code", "state", "attempts", "last_error", "created_at")
            .from(Handoffs.table)
            .where { $0.where("state", .equal, SQLBind(Handoffs.State.dead.rawValue)).orWhere(SQLColumn("last_error"), .isNot, SQLLiteral.null) }
            .where("state", .notEqual, SQLBind(Handoffs.State.cancelled.rawValue))
            .where("state", .notEqual, SQLBind(Handoffs.State.delivered.rawValue))
            .where("state", .notEqual, SQLBind(Handoffs.State.acknowledged.rawValue))
            .orderBy("seq", .descending).limit(100).all()
            .map { row in
                HandoffAdminView.Problem(id: try row.decode(column: "id", as: String.self), target: try row.decode(column: "target", as: String.self),
                                         procedure: try row.decode(column: "procedure_code", as: String.self),
                                         state: try row.decode(column: "state", as: String.self), attempts: try row.decode(column: "attempts", as: Int.self),
                                         error: try row.decode(column: "last_error", as: String?.self) ?? "",
                                         created: Date(timeIntervalSince1970: try row.decode(column: "created_at", as: Double.self)))
            }
        var connections: [String: HandoffAdminView.Connection] = [:]
        for row in try await sql.select().columns("target", "url", "disabled_at", "disabled_reason").from(HandoffEndpoints.table).all() {
            let target = try row.decode(column: "target", as: String.self)
            connections[target] = .init(url: try row.decode(column: "url", as: String?.self) ?? req.madoguchi.catalog.handoffTarget(target)?.url,
                                        disabledReason: try row.decode(column: "disabled_at", as: Double?.self) == nil
                                            ? nil : try row.decode(column: "disabled_reason", as: String?.self) ?? "")
        }
        for row in try await sql.select().column("target").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(Handoffs.tokenTable)
            .where(SQLColumn("revoked_at"), .is, SQLLiteral.null).groupBy("target").all() {
            let target = try row.decode(column: "target", as: String.self)
            connections[target, default: .init(url: nil, disabledReason: nil)].tokens = try row.decode(column: "n", as: Int.self)
        }
        let tokens = try await sql.select().columns("id", "target", "label", "created_at", "revoked_at").from(Handoffs.tokenTable)
            .orderBy("created_at", .descending).limit(200).all().map { row in
                HandoffAdminView.Token(id: try row.decode(column: "id", as: String.self), target: try row.decode(column: "target", as: String.self),
                                       label: try row.decode(column: "label", as: String.self),
                                       created: Date(timeIntervalSince1970: try row.decode(column: "created_at", as: Double.self)),
                                       revoked: try row.decode(column: "revoked_at", as: Double?.self).map(Date.init(timeIntervalSince1970:)))
            }
        return HandoffAdminView.overview(targets: req.madoguchi.catalog.handoffTargets, counts: counts, connections: connections, tokens: tokens,
                                         problems: problems,
                                         message: req.query[String.self, at: "message"], signedIn: req.signedIn, PageContext(request: req)).response()
    }

    /// Turns on a push endpoint that answered 410 Gone (audited); what waited goes at the next delivery.
    @Sendable func enableEndpoint(req: Request) async throws -> Response {
        let name = req.parameters.get("target") ?? ""
        guard let target = req.madoguchi.catalog.handoffTarget(name), target.delivery == .push else {
            throw Abort(.notFound, reason: "この連携先は見つかりません。")
        }
        let actor = req.signedIn?.user.username ?? "admin"
        let enabled = try await req.writeTransaction { db in try await HandoffEndpoints.enable(target.id, actor: actor, on: db) }
        let message = enabled ? "\(target.name.ja)への送信を再開しました。" : "\(target.name.ja)への送信は停止していません。"
        return req.redirect(to: SitePath.adminHandoffs.path(query: [("message", message)]))
    }

    /// An API token for one core system, shown once on the answer page (never in a URL, never stored).
    @Sendable func createToken(req: Request) async throws -> Response {
        let name = (try? req.content.get(String.self, at: "target")) ?? ""
        let label = ((try? req.content.get(String.self, at: "label")) ?? "").trimmingCharacters(in: .whitespaces)
        guard let target = req.madoguchi.catalog.handoffTarget(name) else { throw Abort(.badRequest, reason: "連携先を選んでください。") }
        guard (1...60).contains(label.count), !label.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 32 } ?? false }) else {
            throw Abort(.badRequest, reason: "用途は1〜60文字の1行で入力してください。")
        }
        let token = try await HandoffAdministration.createToken(req.application, target: target.id, label: label,
                                                                actor: req.signedIn?.user.username ?? "admin")
        let response = try await HandoffAdminView.tokenCreated(target: target, label: label, token: token, signedIn: req.signedIn,
                                                               PageContext(request: req)).response()
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    @Sendable func revokeToken(req: Request) async throws -> Response {
        let id = req.parameters.get("token") ?? ""
        guard UUID(uuidString: id) != nil else { throw Abort(.notFound, reason: "このトークンは見つかりません。") }
        do {
            _ = try await HandoffAdministration.revokeToken(req.application, id: id, actor: req.signedIn?.user.username ?? "admin")
        } catch is StartupError {
            throw Abort(.conflict, reason: "このトークンは見つからないか、失効済みです。")
        }
        return req.redirect(to: SitePath.adminHandoffs.path(query: [("message", "トークンを失効させました。")]))
    }

    @Sendable func show(req: Request) async throws -> Response {
        let id = try Self.id(req)
        let sql = try req.db.sql()
        guard let row = try await sql.select().columns("*").from(Handoffs.table).where("id", .equal, SQLBind(id)).first() else {
            throw Abort(.notFound, reason: "この連携は見つかりません。")
        }
        let caseID = UUID(uuidString: try row.decode(column: "case_id", as: String.self))
        // The payload holds names and addresses: reading it is audited like reading the Case.
        try await req.audit(.handoffViewed, caseID: caseID, detail: id)
        func time(_ column: String) throws -> Date? { try row.decode(column: column, as: Double?.self).map(Date.init(timeIntervalSince1970:)) }
        let detail = HandoffAdminView.Detail(
            id: id, seq: try row.decode(column: "seq", as: Int64.self), target: try row.decode(column: "target", as: String.self),
            procedure: try row.decode(column: "procedure_code", as: String.self), state: try row.decode(column: "state", as: String.self),
            attempts: try row.decode(column: "attempts", as: Int.self), error: try row.decode(column: "last_error", as: String?.self),
            file: try row.decode(column: "file", as: String?.self), result: try row.decode(column: "result", as: String?.self),
            payload: Self.pretty(try row.decode(column: "payload", as: String.self)),
            created: try time("created_at") ?? Date(), delivered: try time("delivered_at") ?? time("fetched_at"), acknowledged: try time("acknowledged_at"),
            caseID: caseID)
        return HandoffAdminView.detail(detail, signedIn: req.signedIn, PageContext(request: req)).response()
    }

    /// Retry (a dead or failing hand-off is tried again from its first attempt) or cancel (it will not be delivered;
    /// the household's later hand-offs go on).
    @Sendable func act(req: Request) async throws -> Response {
        let id = try Self.id(req)
        let action = (try? req.content.get(String.self, at: "action")) ?? ""
        let sql = try req.db.sql()
        guard let row = try await sql.select().columns("state", "case_id").from(Handoffs.table).where("id", .equal, SQLBind(id)).first() else {
            throw Abort(.notFound, reason: "この連携は見つかりません。")
        }
        let caseID = UUID(uuidString: try row.decode(column: "case_id", as: String.self))
        let open = [Handoffs.State.waiting.rawValue, Handoffs.State.fetched.rawValue, Handoffs.State.dead.rawValue]
        let (state, audit, message): (Handoffs.State, AuditAction, String)
        switch action {
        case "retry": (state, audit, message) = (.waiting, .handoffRetried, "再試行します。")
        case "cancel": (state, audit, message) = (.cancelled, .handoffCancelled, "取り消しました。")
        default: throw Abort(.badRequest, reason: "不明な操作です。")
        }
        let changed: Bool = try await req.writeTransaction { db in
            let sql = try db.sql()
            // Only from a state where it has not reached the core system (read, check and write in one statement).
            let updated = try await sql.raw("""
                UPDATE \(ident: Handoffs.table) SET state = \(bind: state.rawValue), attempts = 0, next_attempt_at = NULL, lease_until = NULL
                WHERE id = \(bind: id) AND state IN (\(binds: open)) RETURNING id
                """).first()
            guard updated != nil else { return false }
            try await AuditEntry(at: Date(), actor: req.signedIn?.user.username ?? "admin", action: audit.rawValue, caseID: caseID, detail: id,
                                 address: req.clientAddress).create(on: db)
            return true
        }
        guard changed else {
            throw Abort(.conflict, reason: "この連携は「\(try row.decode(column: "state", as: String.self))」のため、この操作はできません。")
        }
        return req.redirect(to: SitePath.adminHandoffs.path(query: [("message", message)]))
    }

    /// The day's reconciliation (日次突合): every hand-off created that day with where it stands, as CSV.
    @Sendable func reconciliation(req: Request) async throws -> Response {
        let dayText = req.query[String.self, at: "date"] ?? JapanTime.dayAndMinute(Date().timeIntervalSince1970).date.iso
        guard let day = CivilDate(iso: dayText) else { throw Abort(.badRequest, reason: "date は YYYY-MM-DD で指定してください。") }
        let start = JapanTime.unixSeconds(day), end = start + 86_400
        let sql = try req.db.sql()
        let rows = try await sql.select().columns("id", "seq", "target", "case_id", "procedure_code", "state", "attempts", "created_at",
                                                  "delivered_at", "fetched_at", "acknowledged_at", "file", "result", "last_error")
            .from(Handoffs.table).where("created_at", .greaterThanOrEqual, SQLBind(start)).where("created_at", .lessThan, SQLBind(end))
            .orderBy("seq").limit(100_000).all()
        var csv = CSVRecords.line(["id", "seq", "target", "case_id", "procedure", "state", "attempts", "created_at", "delivered_at",
                                   "acknowledged_at", "file", "result", "last_error", "gap"])
        func iso(_ row: any SQLRow, _ column: String) throws -> String {
            try row.decode(column: column, as: Double?.self).map { ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: $0)) } ?? ""
        }
        for row in rows {
            let state = try row.decode(column: "state", as: String.self)
            let gap = state == Handoffs.State.acknowledged.rawValue || state == Handoffs.State.cancelled.rawValue ? ""
                : state == Handoffs.State.delivered.rawValue ? "not acknowledged" : "not delivered"
            csv += CSVRecords.line([try row.decode(column: "id", as: String.self), String(try row.decode(column: "seq", as: Int64.self)),
                                    try row.decode(column: "target", as: String.self), try row.decode(column: "case_id", as: String.self),
                                    try row.decode(column: "procedure_code", as: String.self), state,
                                    String(try row.decode(column: "attempts", as: Int.self)), try iso(row, "created_at"),
                                    try iso(row, "delivered_at").isEmpty ? try iso(row, "fetched_at") : try iso(row, "delivered_at"),
                                    try iso(row, "acknowledged_at"), try row.decode(column: "file", as: String?.self) ?? "",
                                    try row.decode(column: "result", as: String?.self) ?? "", try row.decode(column: "last_error", as: String?.self) ?? "", gap])
        }
        try await req.audit(.handoffViewed, detail: "reconciliation \(day.iso), \(rows.count) hand-offs")
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: "handoffs-\(day.iso).csv")
        return Response(status: .ok, headers: headers, body: .init(string: csv))
    }

    static func id(_ req: Request) throws -> String {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        return id.uuidString.lowercased()
    }

    static func pretty(_ json: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else { return json }
        return String(decoding: data, as: UTF8.self)
    }
}
