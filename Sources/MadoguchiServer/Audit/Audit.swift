import Fluent
import Vapor

/// The one way to write an audit entry. `AuditAction.words` says each in Japanese and English.
enum AuditAction: String, Sendable, CaseIterable {
    case loginSucceeded = "login.succeeded"
    case loginFailed = "login.failed"
    case loginLocked = "login.locked"
    case logout = "logout"
    case passwordChanged = "password.changed"
    case userCreated = "user.created"
    case userUnlocked = "user.unlocked"
    case passwordReset = "password.reset"
    case userDisabled = "user.disabled"
    case userEnabled = "user.enabled"
    case userRoleChanged = "user.role-changed"
    case auditViewed = "audit.viewed"
    case caseCreated = "case.created"
    case caseViewed = "case.viewed"
    case caseChanged = "case.changed"
    case caseTransition = "case.transition"
    case residentViewed = "resident.viewed"
    case documentPrinted = "document.printed"
    case attachmentViewed = "attachment.viewed"
    case cardAgentPaired = "card-agent.paired"
    case cardRead = "card.read"
    case residentsImported = "residents.imported"
    case handoffTokenCreated = "handoff.token-created"
    case handoffTokenRevoked = "handoff.token-revoked"
    case handoffViewed = "handoff.viewed"
    case handoffRetried = "handoff.retried"
    case handoffCancelled = "handoff.cancelled"
    case handoffEndpointConfigured = "handoff.endpoint-configured"
    case handoffEndpointDisabled = "handoff.endpoint-disabled"
    case handoffEndpointEnabled = "handoff.endpoint-enabled"
    case paperScanStored = "paper.scan-stored"
    case paperPageViewed = "paper.page-viewed"
    case paperPageVerified = "paper.page-verified"
    case paperPageRejected = "paper.page-rejected"
    case certificateIssued = "certificate.issued"
    case certificateViewed = "certificate.viewed"
    case certificateOrdered = "certificate.ordered"
    case certificateOrderPaid = "certificate.order-paid"
    case certificateOrderViewed = "certificate.order-viewed"
    case certificateOrderRefused = "certificate.order-refused"
}

extension Request {
    /// Records what this request did; the actor is the signed-in user (or `actor` when given). With `on`,
    /// the entry is written in the caller's transaction (inside `writeTransaction`, always pass it).
    func audit(_ action: AuditAction, caseID: UUID? = nil, detail: String = "", actor: String? = nil,
               on database: (any Database)? = nil) async throws {
        let entry = AuditEntry(at: Date(), actor: actor ?? signedIn?.user.username ?? "anonymous", action: action.rawValue,
                               caseID: caseID, detail: detail, address: clientAddress)
        if let database { return try await entry.create(on: database) }
        try await writeTransaction { db in try await entry.create(on: db) }
    }
}
