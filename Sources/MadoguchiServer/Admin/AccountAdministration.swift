import Fluent
import MadoguchiCore
import Vapor

/// What an admin does to staff accounts in the browser: add one with a one-time password, unlock, reset the
/// password, disable and enable, change the role. Each change commits together with its audit entry; what
/// decides it (is the name free, does the account exist) is read in the same transaction.
struct AccountAdministration {
    enum Refusal: Error, Equatable {
        case notFound
        /// An admin may not disable, demote or reset themselves here (their own password is changed at
        /// `/account/password`): one active admin always remains, the one acting.
        case ownAccount
    }

    let req: Request

    private var actorID: UUID? { req.signedIn?.user.id }
    private var accounts: StaffAccounts { StaffAccounts(app: req.application) }

    /// A new account that must choose its own password at first sign-in; returns it with the one-time
    /// password to show once, or nil when the name is taken.
    func add(_ account: NewAccount) async throws -> (user: StaffUser, password: String)? {
        let password = Self.oneTimePassword(for: account.username)
        let user = StaffUser(username: account.username, displayName: account.displayName, role: account.role,
                             sectionCode: account.sectionCode, passwordHash: try await accounts.hash(password),
                             mustChangePassword: true)
        let req = req
        let added = try await req.writeTransaction { db -> Bool in
            guard try await StaffUser.query(on: db).filter(\.$username == account.username).count() == 0 else { return false }
            try await user.create(on: db)
            try await req.audit(.userCreated, detail: "\(account.username) as \(Self.describe(account.role, account.sectionCode))", on: db)
            return true
        }
        return added ? (user, password) : nil
    }

    /// Lifts a lock-out: the failure count starts again.
    func unlock(_ id: UUID) async throws {
        try await change(id, .userUnlocked) { user in
            user.lockedUntil = nil
            user.failedLogins = 0
            return "user \(user.username)"
        }
    }

    /// A new one-time password (returned to show once); the old one stops working, the user's sessions end
    /// and a lock-out is lifted.
    func resetPassword(_ id: UUID) async throws -> (user: StaffUser, password: String) {
        guard id != actorID else { throw Refusal.ownAccount }
        guard let current = try await StaffUser.find(id, on: req.db) else { throw Refusal.notFound }
        let password = Self.oneTimePassword(for: current.username)
        let hash = try await accounts.hash(password)
        let user = try await change(id, .passwordReset) { user in
            user.passwordHash = hash
            user.mustChangePassword = true
            user.lockedUntil = nil
            user.failedLogins = 0
            return "user \(user.username)"
        } then: { db in
            try await StaffSession.query(on: db).filter(\.$user.$id == id).delete()
        }
        return (user, password)
    }

    /// A disabled account cannot sign in and its sessions end; enabling lets it sign in again.
    func setDisabled(_ id: UUID, _ disabled: Bool) async throws {
        if disabled, id == actorID { throw Refusal.ownAccount }
        try await change(id, disabled ? .userDisabled : .userEnabled) { user in
            user.disabled = disabled
            return "user \(user.username)"
        } then: { db in
            if disabled { try await StaffSession.query(on: db).filter(\.$user.$id == id).delete() }
        }
    }

    /// Another role (and section, for a section user). Takes effect on the user's next request.
    func changeRole(_ id: UUID, to role: StaffRole, sectionCode: String?) async throws {
        guard id != actorID else { throw Refusal.ownAccount }
        try await change(id, .userRoleChanged) { user in
            let before = Self.describe(user.role, user.sectionCode)
            user.role = role
            user.sectionCode = role == .section ? sectionCode : nil
            return "user \(user.username): \(before) → \(Self.describe(role, user.sectionCode))"
        }
    }

    /// Reads the account, changes it, saves it and writes the audit entry, all in one write transaction.
    @discardableResult
    private func change(_ id: UUID, _ action: AuditAction, _ edit: @escaping @Sendable (StaffUser) -> String,
                        then more: @escaping @Sendable (any Database) async throws -> Void = { _ in }) async throws -> StaffUser {
        let req = req
        return try await req.writeTransaction { db in
            guard let user = try await StaffUser.find(id, on: db) else { throw Refusal.notFound }
            let detail = edit(user)
            try await user.save(on: db)
            try await more(db)
            try await req.audit(action, detail: detail, on: db)
            return user
        }
    }

    /// A generated password that the policy accepts for this user (it never contains the name).
    static func oneTimePassword(for username: String) -> String {
        while true {
            let password = Tokens.oneTimePassword()
            if AccountPolicy.problem(withPassword: password, username: username) == nil { return password }
        }
    }

    static func describe(_ role: StaffRole, _ sectionCode: String?) -> String {
        role.rawValue + (sectionCode.map { " \($0)" } ?? "")
    }
}
