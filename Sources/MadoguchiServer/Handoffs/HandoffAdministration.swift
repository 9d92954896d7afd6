import Foundation
import MadoguchiCore
import SQLKit
import Vapor

/// What `madoguchi handoff token` does: an API token for one core system, shown once and stored only hashed.
public enum HandoffAdministration {
    public static func createToken(_ app: Application, target: String, label: String) async throws -> String {
        guard app.madoguchi.catalog.handoffTarget(target) != nil else {
            let known = app.madoguchi.catalog.handoffTargets.map(\.id).joined(separator: ", ")
            throw StartupError("No hand-off target '\(target)' in the catalog's handoffs.yaml (targets: \(known.isEmpty ? "none" : known)).")
        }
        let token = Tokens.random()
        let id = UUID().uuidString.lowercased()
        let entry = AuditEntry(at: Date(), actor: "system", action: AuditAction.handoffTokenCreated.rawValue, caseID: nil,
                               detail: "\(target) \(label)", address: nil)
        try await app.writeTransaction { db in
            guard let sql = db as? any SQLDatabase else { throw Abort(.internalServerError) }
            try await sql.insert(into: Handoffs.tokenTable).columns("id", "target", "token_hash", "label", "created_at")
                .values(SQLBind(id), SQLBind(target), SQLBind(Tokens.digest(token)), SQLBind(label), SQLBind(Date().timeIntervalSince1970)).run()
            try await entry.create(on: db)
        }
        return token
    }
}
