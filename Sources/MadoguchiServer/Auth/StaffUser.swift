import Fluent
import Foundation
import MadoguchiCore

/// A member of staff who signs in: counter, section or admin.
final class StaffUser: Model, @unchecked Sendable {
    static let schema = "staff_users"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    @Enum(key: "role") var role: StaffRole
    /// The section (課) code a `section` user works for.
    @OptionalField(key: "section_code") var sectionCode: String?
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "failed_logins") var failedLogins: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?
    /// Set for a one-time password: the user must choose their own before anything else.
    @Field(key: "must_change_password") var mustChangePassword: Bool
    @Field(key: "disabled") var disabled: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(username: String, displayName: String, role: StaffRole, sectionCode: String?, passwordHash: String, mustChangePassword: Bool) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.sectionCode = sectionCode
        self.passwordHash = passwordHash
        self.failedLogins = 0
        self.mustChangePassword = mustChangePassword
        self.disabled = false
    }
}

/// A signed-in browser. The cookie holds a random token; the database keeps only its SHA-256,
/// so a copy of the database does not let anyone take over a session.
final class StaffSession: Model, @unchecked Sendable {
    static let schema = "staff_sessions"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Parent(key: "user_id") var user: StaffUser
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date

    init() {}

    init(tokenHash: String, userID: UUID, csrfToken: String, at date: Date) {
        self.id = tokenHash
        self.$user.id = userID
        self.csrfToken = csrfToken
        self.createdAt = date
        self.lastSeenAt = date
    }
}

struct CreateStaff: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let role = try await database.enum("staff_role").case("admin").case("counter").case("section").create()
        try await database.schema(StaffUser.schema)
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("role", role, .required)
            .field("section_code", .string)
            .field("password_hash", .string, .required)
            .field("failed_logins", .int, .required)
            .field("locked_until", .datetime)
            .field("must_change_password", .bool, .required)
            .field("disabled", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "username")
            .create()
        try await database.schema(StaffSession.schema)
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references(StaffUser.schema, .id, onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StaffSession.schema).delete()
        try await database.schema(StaffUser.schema).delete()
        try await database.enum("staff_role").delete()
    }
}
