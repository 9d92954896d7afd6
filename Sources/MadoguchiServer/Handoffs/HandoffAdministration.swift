import Foundation
import MadoguchiCore
import SQLKit
import Vapor

/// What `madoguchi handoff token` does: an API token for one core system, shown once and stored only hashed.
public enum HandoffAdministration {
    public static func createToken(_ app: Application, target: String, label: String, actor: String = "system") async throws -> String {
        guard app.madoguchi.catalog.handoffTarget(target) != nil else {
            let known = app.madoguchi.catalog.handoffTargets.map(\.id).joined(separator: ", ")
            throw StartupError("No hand-off target '\(target)' in the catalog's handoffs.yaml (targets: \(known.isEmpty ? "none" : known)).")
        }
        let token = Tokens.random()
        let id = UUID().uuidString.lowercased()
        let entry = AuditEntry(at: Date(), actor: actor, action: AuditAction.handoffTokenCreated.rawValue, caseID: nil,
                               detail: "\(target) \(label)", address: nil)
        try await app.writeTransaction { db in
            let sql = try db.sql()
            try await sql.insert(into: Handoffs.tokenTable).columns("id", "target", "token_hash", "label", "created_at")
                .values(SQLBind(id), SQLBind(target), SQLBind(Tokens.digest(token)), SQLBind(label), SQLBind(Date().timeIntervalSince1970)).run()
            try await entry.create(on: db)
        }
        return token
    }
}

extension HandoffAdministration {
    /// The API tokens, one line each: id, target, label, created, revoked (never the token, which is not stored).
    public static func listTokens(_ app: Application) async throws -> [String] {
        let sql = try app.db.sql()
        let rows = try await sql.select().columns("id", "target", "label", "created_at", "revoked_at").from(Handoffs.tokenTable)
            .orderBy("created_at").all()
        guard !rows.isEmpty else { return ["No hand-off API tokens."] }
        return try rows.map { row in
            let created = Date(timeIntervalSince1970: try row.decode(column: "created_at", as: Double.self))
            let revoked = try row.decode(column: "revoked_at", as: Double?.self).map { Date(timeIntervalSince1970: $0) }
            return "\(try row.decode(column: "id", as: String.self))  \(try row.decode(column: "target", as: String.self))  "
                + "\(try row.decode(column: "label", as: String.self))  created \(ISO8601DateFormatter().string(from: created))"
                + (revoked.map { "  REVOKED \(ISO8601DateFormatter().string(from: $0))" } ?? "")
        }
    }

    /// Revokes a token by its id (as `listTokens` shows it): calls with it are refused from now on.
    public static func revokeToken(_ app: Application, id: String, actor: String = "system") async throws -> String {
        let entry = AuditEntry(at: Date(), actor: actor, action: AuditAction.handoffTokenRevoked.rawValue, caseID: nil, detail: id, address: nil)
        let revoked: Bool = try await app.writeTransaction { db in
            let sql = try db.sql()
            let row = try await sql.raw("""
                UPDATE \(ident: Handoffs.tokenTable) SET revoked_at = \(bind: Date().timeIntervalSince1970)
                WHERE id = \(bind: id.lowercased()) AND revoked_at IS NULL RETURNING id
                """).first()
            guard row != nil else { return false }
            try await entry.create(on: db)
            return true
        }
        guard revoked else { throw StartupError("No active hand-off API token has the id \(id) (`madoguchi handoff tokens` lists them).") }
        return "Revoked \(id)."
    }
}

extension HandoffAdministration {
    /// `madoguchi handoff endpoint`: sets a push target's URL and a new signing secret (printed once; the
    /// previous one keeps signing for a day), and turns the endpoint on.
    public static func configureEndpoint(_ app: Application, target: String, url: String?) async throws -> String {
        do {
            return try await HandoffEndpoints.configure(app, target: target, url: url, actor: "system")
        } catch let problem as HandoffEndpoints.Problem {
            throw StartupError(problem.description)
        }
    }

    /// `madoguchi handoff enable`: turns on an endpoint that was turned off (410 Gone, or by staff).
    public static func enableEndpoint(_ app: Application, target: String) async throws -> String {
        do { _ = try HandoffEndpoints.pushTarget(target, catalog: app.madoguchi.catalog) } catch let problem as HandoffEndpoints.Problem {
            throw StartupError(problem.description)
        }
        let enabled = try await app.writeTransaction { db in try await HandoffEndpoints.enable(target, actor: "system", on: db) }
        return enabled ? "The endpoint of \(target) is on again; what waited goes at the next delivery." : "The endpoint of \(target) was not off."
    }
}
