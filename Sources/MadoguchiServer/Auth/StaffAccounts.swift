import Fluent
import MadoguchiCore
import Vapor

/// Creating staff accounts, signing in with lock-out, changing passwords. Passwords are hashed with
/// bcrypt on its own low-priority threads (`PasswordThreads`), never on an event loop.
struct StaffAccounts {
    enum LoginOutcome: Sendable {
        case success(StaffUser)
        /// Wrong name or password — the same answer for both, so names cannot be probed.
        case invalid
        case locked(until: Date)
    }

    struct AccountError: Error, CustomStringConvertible {
        let description: String
    }

    let app: Application

    init(app: Application) {
        self.app = app
    }

    func hash(_ password: String) async throws -> String {
        let hasher = app.password
        return try await app.madoguchi.passwordThreads.run { try hasher.hash(password) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        let hasher = app.password
        return try await app.madoguchi.passwordThreads.run { try hasher.verify(password, created: hash) }
    }

    /// A new account; the name, role, section and password are checked first.
    func create(username: String, displayName: String? = nil, role: StaffRole, sectionCode: String?,
                password: String, mustChangePassword: Bool = false) async throws -> StaffUser {
        guard AccountPolicy.isValidUsername(username) else {
            throw AccountError(description: "A user name is 3–32 letters, digits, '.', '_' or '-'.")
        }
        if role == .section {
            guard let code = sectionCode, app.madoguchi.catalog.section(code) != nil else {
                throw AccountError(description: "A section user needs --section with one of: "
                    + app.madoguchi.catalog.sections.map(\.code).joined(separator: ", "))
            }
        } else if sectionCode != nil {
            throw AccountError(description: "Only section users belong to a section.")
        }
        if let problem = AccountPolicy.problem(withPassword: password, username: username) {
            throw AccountError(description: problem)
        }
        let user = StaffUser(username: username, displayName: displayName ?? username, role: role,
                             sectionCode: role == .section ? sectionCode : nil,
                             passwordHash: try await hash(password), mustChangePassword: mustChangePassword)
        try await app.writeTransaction { db in
            guard try await StaffUser.query(on: db).filter(\.$username == username).count() == 0 else {
                throw AccountError(description: "The user name '\(username)' is taken.")
            }
            try await user.create(on: db)
        }
        return user
    }

    /// Checks a sign-in; five failures in a row lock the account for fifteen minutes.
    ///
    /// The password is checked outside any transaction (bcrypt is slow); the outcome is then counted in one
    /// write: the failure count is incremented in the row itself (`failed_logins + 1`), so parallel wrong
    /// passwords each count, and a lock set meanwhile by another attempt refuses even the right password.
    func authenticate(username: String, password: String, now: Date = Date()) async throws -> LoginOutcome {
        guard let user = try await StaffUser.query(on: app.db).filter(\.$username == username).first(), !user.disabled else {
            // Spend the same time as a real check, so a missing name does not answer faster.
            _ = try? await verify(password, against: Self.timingHash)
            return .invalid
        }
        if let until = user.lockedUntil, until > now { return .locked(until: until) }
        let id = try user.requireID()
        let right = try await verify(password, against: user.passwordHash)
        let lockout = Double(AccountPolicy.lockout.components.seconds)
        let outcome = try await app.writeTransaction { db -> LoginOutcome in
            // Taking the row first (an UPDATE) serializes parallel attempts on PostgreSQL as the queue does on SQLite.
            guard let failures = try await RowCounter.add(right ? 0 : 1, to: "failed_logins", of: StaffUser.schema, id: id, on: db),
                  let current = try await StaffUser.find(id, on: db) else { return .invalid }
            if let until = current.lockedUntil, until > now { return .locked(until: until) }
            if right {
                guard failures != 0 || current.lockedUntil != nil else { return .success(current) }
                current.failedLogins = 0
                current.lockedUntil = nil
                try await current.save(on: db)
                return .success(current)
            }
            guard failures >= AccountPolicy.failuresBeforeLockout else { return .invalid }
            current.failedLogins = 0
            current.lockedUntil = now.addingTimeInterval(lockout)
            try await current.save(on: db)
            return .locked(until: now.addingTimeInterval(lockout))
        }
        return outcome
    }

    func changePassword(of user: StaffUser, to password: String) async throws {
        if let problem = AccountPolicy.problem(withPassword: password, username: user.username) {
            throw AccountError(description: problem)
        }
        let hash = try await hash(password)
        let id = try user.requireID()
        try await app.writeTransaction { db in
            try await StaffUser.query(on: db).filter(\.$id == id)
                .set(\.$passwordHash, to: hash).set(\.$mustChangePassword, to: false).update()
            // Other browsers signed in with the old password are signed out.
            try await StaffSession.query(on: db).filter(\.$user.$id == id).delete()
        }
        user.passwordHash = hash
        user.mustChangePassword = false
    }

    /// On the very first start: an `admin` account with a one-time password, returned to be printed once.
    func createFirstAdminIfNone() async throws -> String? {
        guard try await StaffUser.query(on: app.db).count() == 0 else { return nil }
        let password = Tokens.oneTimePassword()
        _ = try await create(username: "admin", displayName: "管理者", role: .admin, sectionCode: nil,
                             password: password, mustChangePassword: true)
        return password
    }

    /// A bcrypt hash of a random text, to verify against when the user does not exist.
    private static let timingHash = "$2b$12$C6UzMDM.H6dfI/f/IKxGhu8kQzHkRJ8/k7A4UU5mP2VPYLvVXVSTq"
}
