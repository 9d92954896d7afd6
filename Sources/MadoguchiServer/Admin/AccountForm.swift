import MadoguchiCore
import Vapor

/// An account as an admin asked for it, checked.
struct NewAccount: Sendable {
    let username: String
    let displayName: String
    let role: StaffRole
    let sectionCode: String?
}

/// The admin's account forms as typed (`username`, `displayName`, `role`, `section`) and what is wrong with
/// them, in the page's language, so a refused form comes back with everything still in it.
struct AccountForm: FormValues {
    static let longestDisplayName = 64

    let values: [String: String]
    var errors: [FormFieldError] = []

    init(values: [String: String] = [:]) { self.values = values }

    init(request: Request) {
        struct Posted: Content { var username: String?; var displayName: String?; var role: String?; var section: String? }
        let posted = (try? request.content.decode(Posted.self)) ?? Posted()
        values = ["username": posted.username ?? "", "displayName": posted.displayName ?? "",
                  "role": posted.role ?? "", "section": posted.section ?? ""]
    }

    func error(for id: String) -> String? { errors.first { $0.fieldID == id }?.message }

    mutating func add(_ fieldID: String, _ message: String) { errors.append(FormFieldError(fieldID: fieldID, message: message)) }

    /// The new account the form describes, or nil with `errors` said.
    mutating func newAccount(catalog: Catalog, _ context: PageContext) -> NewAccount? {
        let username = value("username").trimmingCharacters(in: .whitespaces)
        if username.isEmpty {
            add("username", context.t("ユーザー名を入力してください。", "Enter a user name."))
        } else if !AccountPolicy.isValidUsername(username) {
            add("username", context.t("ユーザー名は3〜32文字の半角英数字と「.」「_」「-」で入力してください。",
                                      "A user name is 3–32 letters, digits, '.', '_' or '-'."))
        }
        let displayName = value("displayName").trimmingCharacters(in: .whitespaces)
        if displayName.count > Self.longestDisplayName {
            add("displayName", context.t("表示名は\(Self.longestDisplayName)文字以内にしてください。",
                                         "A display name is at most \(Self.longestDisplayName) characters."))
        }
        let role = roleAndSection(catalog: catalog, context)
        guard errors.isEmpty, let role else { return nil }
        return NewAccount(username: username, displayName: displayName.isEmpty ? username : displayName,
                          role: role.role, sectionCode: role.sectionCode)
    }

    /// The role and, for a section user, the section; nil with `errors` said.
    mutating func roleAndSection(catalog: Catalog, _ context: PageContext) -> (role: StaffRole, sectionCode: String?)? {
        guard let role = StaffRole(rawValue: value("role")) else {
            add("role", context.t("役割を選んでください。", "Choose a role."))
            return nil
        }
        guard role == .section else { return (role, nil) }
        guard catalog.section(value("section")) != nil else {
            add("section", context.t("担当課の職員には、担当課を選んでください。", "Choose the section of a section user."))
            return nil
        }
        return (role, value("section"))
    }

    static func takenMessage(_ context: PageContext) -> String {
        context.t("このユーザー名はすでに使われています。別の名前にしてください。", "This user name is already taken. Choose another.")
    }
}
