import Fluent
import MadoguchiCore
import Vapor

/// What the `madoguchi user` commands do, kept in the server module so it is tested like the rest.
public enum StaffAdministration {
    /// Adds an account and says so; a refused account throws with the reason.
    public static func add(_ app: Application, username: String, role: StaffRole, sectionCode: String?,
                           displayName: String?, password: String) async throws -> String {
        do {
            let user = try await StaffAccounts(app: app).create(username: username, displayName: displayName, role: role,
                                                                 sectionCode: sectionCode, password: password)
            let entry = AuditEntry(at: Date(), actor: "system", action: AuditAction.userCreated.rawValue, caseID: nil,
                                   detail: "\(user.username) as \(role.rawValue)", address: nil)
            try await app.writeTransaction { db in try await entry.create(on: db) }
            return "Added \(user.username) (\(role.rawValue)\(sectionCode.map { ", \($0)" } ?? ""))."
        } catch let error as StaffAccounts.AccountError {
            throw StartupError(error.description)
        }
    }

    /// One line per account: name, role, section, state.
    public static func list(_ app: Application) async throws -> [String] {
        try await StaffUser.query(on: app.db).sort(\.$username).all().map { user in
            let state = user.disabled ? "disabled" : user.mustChangePassword ? "must change password"
                : (user.lockedUntil.map { $0 > Date() } ?? false) ? "locked" : "active"
            return [user.username, user.role.rawValue, user.sectionCode ?? "-", state].joined(separator: "\t")
        }
    }
}
