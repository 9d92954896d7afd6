/// What a member of staff does, and so what they may see (staff see only what their role needs).
public enum StaffRole: String, CaseIterable, Sendable, Codable {
    /// Municipal IT: accounts, catalog, audit log.
    case admin
    /// 窓口 staff: run the interview, print, hand off.
    case counter
    /// Section (課) staff: the work list of their own section only.
    case section

    public var nameJa: String {
        switch self {
        case .admin: "管理者"
        case .counter: "窓口職員"
        case .section: "担当課職員"
        }
    }
}

/// The account rules: password length, lock-out after repeated failures, how long a session lasts.
public enum AccountPolicy {
    public static let minimumPasswordLength = 10
    /// Failed logins in a row before the account locks.
    public static let failuresBeforeLockout = 5
    public static let lockout: Duration = .seconds(15 * 60)
    /// A session ends after this long without a request …
    public static let idleTimeout: Duration = .seconds(60 * 60)
    /// … and after this long in any case (a working day).
    public static let absoluteTimeout: Duration = .seconds(12 * 60 * 60)

    /// Why a new password is not acceptable, or nil when it is.
    public static func problem(withPassword password: String, username: String) -> String? {
        if password.count < minimumPasswordLength { return "パスワードは\(minimumPasswordLength)文字以上にしてください。" }
        if password.lowercased().contains(username.lowercased()) { return "パスワードにユーザー名を含めないでください。" }
        if Set(password).count < 4 { return "同じ文字の繰り返しは使えません。" }
        return nil
    }

    /// A user name: 3–32 letters, digits, `.`, `_` or `-`.
    public static func isValidUsername(_ name: String) -> Bool {
        (3...32).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}
