import Fluent
import MadoguchiCore
import Vapor

/// Creating staff accounts, signing in with lock-out, changing passwords. Passwords are hashed with
/// bcrypt on the thread pool, never on an event loop.
struct StaffAccounts {
    enum LoginOutcome {
        case success(StaffUser)
        /// Wrong name or password — the same answer for both, so names cannot be probed.
        case invalid
        case locked(until: Date)
    }

    struct AccountError: Error, CustomStringConvertible {
        let description: String
    }

    let app: Application
    let db: any Database

    init(app: Application, db: (any Database)? = nil) {
        self.app = app
        self.db = db ?? app.db
    }

    func hash(_ password: String) async throws -> String {
        let hasher = app.password
        return try await app.threadPool.runIfActive { try hasher.hash(password) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        let hasher = app.password
        return try await app.threadPool.runIfActive { try hasher.verify(password, created: hash) }
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
        guard try await StaffUser.query(on: db).filter(\.$username == username).count() == 0 else {
            throw AccountError(description: "The user name '\(username)' is taken.")
        }
        let user = StaffUser(username: username, displayName: displayName ?? username, role: role,
                             sectionCode: role == .section ? sectionCode : nil,
                             passwordHash: try await hash(password), mustChangePassword: mustChangePassword)
        try await user.create(on: db)
        return user
    }

    /// Checks a sign-in; five failures in a row lock the account for fifteen minutes.
    func authenticate(username: String, password: String, now: Date = Date()) async throws -> LoginOutcome {
        guard let user = try await StaffUser.query(on: db).filter(\.$username == username).first(), !user.disabled else {
            // Spend the same time as a real check, so a missing name does not answer faster.
            _ = try? await verify(password, against: Self.timingHash)
            return .invalid
        }
        if let until = user.lockedUntil, until > now { return .locked(until: until) }
        if try await verify(password, against: user.passwordHash) {
            user.failedLogins = 0
            user.lockedUntil = nil
            try await user.save(on: db)
            return .success(user)
        }
        user.failedLogins += 1
        if user.failedLogins >= AccountPolicy.failuresBeforeLockout {
            user.failedLogins = 0
            user.lockedUntil = now.addingTimeInterval(Double(AccountPolicy.lockout.components.seconds))
        }
        try await user.save(on: db)
        if let until = user.lockedUntil, until > now { return .locked(until: until) }
        return .invalid
    }

    func changePassword(of user: StaffUser, to password: String) async throws {
        if let problem = AccountPolicy.problem(withPassword: password, username: user.username) {
            throw AccountError(description: problem)
        }
        user.passwordHash = try await hash(password)
        user.mustChangePassword = false
        try await user.save(on: db)
        // Other browsers signed in with the old password are signed out.
        try await StaffSession.query(on: db).filter(\.$user.$id == user.requireID()).delete()
    }

    /// On the very first start: an `admin` account with a one-time password, returned to be printed once.
    func createFirstAdminIfNone() async throws -> String? {
        guard try await StaffUser.query(on: db).count() == 0 else { return nil }
        let password = Tokens.oneTimePassword()
        _ = try await create(username: "admin", displayName: "管理者", role: .admin, sectionCode: nil,
                             password: password, mustChangePassword: true)
        return password
    }

    /// A bcrypt hash of a random text, to verify against when the user does not exist.
    private static let timingHash = "$2b$12$C6UzMDM.H6dfI/f/IKxGhu8kQzHkRJ8/k7A4UU5mP2VPYLvVXVSTq"
}
