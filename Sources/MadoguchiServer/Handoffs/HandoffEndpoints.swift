import Fluent
import Foundation
import MadoguchiCore
import SQLKit
import Vapor

/// Where each push target receives hand-offs, and with which secret they are signed. Set per installation with
/// `madoguchi handoff endpoint` (the secret is printed once, for the core system to check signatures with);
/// setting it again rotates the secret, and messages carry both signatures for a day so the core system can
/// switch without losing one.
enum HandoffEndpoints {
    static let table = "handoff_endpoints"
    /// How long the previous secret still signs after a rotation.
    static let rotationOverlap: TimeInterval = 86_400

    struct Endpoint: Sendable {
        let target: String
        let url: String?
        let signature: WebhookSignature
        let disabledAt: Date?
        let disabledReason: String?
    }

    enum Problem: Error, CustomStringConvertible {
        case unknownTarget(String, known: [String])
        case notPush(String)
        case badURL(String)
        case noURL(String)
        case notConfigured(String)

        var description: String {
            switch self {
            case .unknownTarget(let id, let known):
                "No push target '\(id)' in the catalog's handoffs.yaml (push targets: \(known.isEmpty ? "none" : known.joined(separator: ", ")))."
            case .notPush(let id): "Target '\(id)' is not delivered by push; only push targets have an endpoint."
            case .badURL(let url): "'\(url)' is not an http or https URL."
            case .noURL(let id): "Target '\(id)' has no url in handoffs.yaml: give one with --url."
            case .notConfigured(let id): "Target '\(id)' has no endpoint yet: `madoguchi handoff endpoint --target \(id)`."
            }
        }
    }

    static func pushTarget(_ id: String, catalog: Catalog) throws -> HandoffTarget {
        guard let target = catalog.handoffTarget(id) else {
            throw Problem.unknownTarget(id, known: catalog.handoffTargets.filter { $0.delivery == .push }.map(\.id))
        }
        guard target.delivery == .push else { throw Problem.notPush(id) }
        return target
    }

    /// The endpoint of a push target, or nil while none is set (its hand-offs wait).
    static func load(_ target: HandoffTarget, on sql: any SQLDatabase, vault: PersonalDataVault, now: Date) async throws -> Endpoint? {
        guard let row = try await sql.select().columns("url", "secret", "previous_secret", "previous_until", "disabled_at", "disabled_reason")
            .from(table).where("target", .equal, SQLBind(target.id)).first() else { return nil }
        var secrets = [try vault.open(try row.decode(column: "secret", as: String.self), purpose: purpose(target.id))]
        if let previous = try row.decode(column: "previous_secret", as: String?.self),
           let until = try row.decode(column: "previous_until", as: Double?.self), until > now.timeIntervalSince1970 {
            secrets.append(try vault.open(previous, purpose: purpose(target.id)))
        }
        return Endpoint(target: target.id, url: try row.decode(column: "url", as: String?.self) ?? target.url,
                        signature: try WebhookSignature(secrets: secrets),
                        disabledAt: try row.decode(column: "disabled_at", as: Double?.self).map { Date(timeIntervalSince1970: $0) },
                        disabledReason: try row.decode(column: "disabled_reason", as: String?.self))
    }

    static func purpose(_ target: String) -> String { "handoff-secret:" + target }

    /// Sets the URL (when given) and a new secret, keeping the previous one signing for `rotationOverlap`, and
    /// turns the endpoint on. Returns the new secret, which is stored only sealed.
    static func configure(_ app: Application, target id: String, url: String?, actor: String, secret given: String? = nil) async throws -> String {
        let target = try pushTarget(id, catalog: app.madoguchi.catalog)
        if let url, !HandoffTarget.isPushURL(url) { throw Problem.badURL(url) }
        guard url != nil || target.url != nil else { throw Problem.noURL(id) }
        let secret = given ?? WebhookSignature.newSecret()
        _ = try WebhookSignature(secrets: [secret])
        let sealed = try app.madoguchi.vault.seal(secret, purpose: purpose(id))
        let now = Date().timeIntervalSince1970
        try await app.writeTransaction { db in
            let sql = try db.sql()
            let old = try await sql.select().columns("secret", "url").from(table).where("target", .equal, SQLBind(id)).first()
            if let old {
                try await sql.update(table).set("secret", to: SQLBind(sealed))
                    .set("previous_secret", to: SQLBind(try old.decode(column: "secret", as: String.self)))
                    .set("previous_until", to: SQLBind(now + rotationOverlap))
                    .set("url", to: SQLBind(url ?? (try old.decode(column: "url", as: String?.self))))
                    .set("disabled_at", to: SQLLiteral.null).set("disabled_reason", to: SQLLiteral.null)
                    .set("updated_at", to: SQLBind(now)).where("target", .equal, SQLBind(id)).run()
            } else {
                try await sql.insert(into: table).columns("target", "url", "secret", "updated_at")
                    .values(SQLBind(id), SQLBind(url), SQLBind(sealed), SQLBind(now)).run()
            }
            try await AuditEntry(at: Date(), actor: actor, action: AuditAction.handoffEndpointConfigured.rawValue, caseID: nil,
                                 detail: "\(id) \(url ?? target.url ?? "")" + (old == nil ? "" : " (secret rotated)"), address: nil).create(on: db)
        }
        return secret
    }

    /// Turns the endpoint off (the core system answered 410 Gone, or staff did): its hand-offs wait until it is on.
    static func disable(_ target: String, reason: String, actor: String, on db: any Database, now: Date) async throws {
        let updated = try await db.sql().raw("""
            UPDATE \(ident: table) SET disabled_at = \(bind: now.timeIntervalSince1970), disabled_reason = \(bind: reason),
            updated_at = \(bind: now.timeIntervalSince1970) WHERE target = \(bind: target) AND disabled_at IS NULL RETURNING target
            """).first()
        guard updated != nil else { return }
        try await AuditEntry(at: now, actor: actor, action: AuditAction.handoffEndpointDisabled.rawValue, caseID: nil,
                             detail: "\(target): \(reason)", address: nil).create(on: db)
    }

    /// Turns a disabled endpoint on again; what waited goes at the next delivery.
    static func enable(_ target: String, actor: String, on db: any Database) async throws -> Bool {
        let updated = try await db.sql().raw("""
            UPDATE \(ident: table) SET disabled_at = NULL, disabled_reason = NULL, updated_at = \(bind: Date().timeIntervalSince1970)
            WHERE target = \(bind: target) AND disabled_at IS NOT NULL RETURNING target
            """).first()
        guard updated != nil else { return false }
        try await AuditEntry(at: Date(), actor: actor, action: AuditAction.handoffEndpointEnabled.rawValue, caseID: nil,
                             detail: target, address: nil).create(on: db)
        return true
    }
}
