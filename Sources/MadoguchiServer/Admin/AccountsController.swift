import Fluent
import MadoguchiCore
import Vapor

/// `/admin/accounts`: staff accounts in the browser — add, unlock, reset the password, disable and enable,
/// change the role. Registered inside the admin group (admins only; every POST carries the CSRF token).
struct AccountsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let accounts = routes.grouped("accounts")
        accounts.get { req in req.redirect(to: PageContext(request: req).link("/admin")) }
        accounts.get("new", use: newForm)
        accounts.post(use: add)
        accounts.get(":account", use: show)
        accounts.post(":account", "unlock", use: unlock)
        accounts.post(":account", "reset-password", use: resetPassword)
        accounts.post(":account", "disable", use: disable)
        accounts.post(":account", "enable", use: enable)
        accounts.post(":account", "role", use: changeRole)
    }

    /// The empty form.
    @Sendable func newForm(req: Request) async throws -> Response {
        NewAccountView.render(form: AccountForm(), sections: req.madoguchi.catalog.sections, signedIn: req.signedIn,
                              PageContext(request: req)).response()
    }

    /// Adds the account and shows its one-time password once; a refused form comes back as typed.
    @Sendable func add(req: Request) async throws -> Response {
        let context = PageContext(request: req)
        var form = AccountForm(request: req)
        if let account = form.newAccount(catalog: req.madoguchi.catalog, context) {
            if let (user, password) = try await AccountAdministration(req: req).add(account) {
                return OneTimePasswordView.render(user: user, password: password, added: true, signedIn: req.signedIn, context).response()
            }
            form.add("username", AccountForm.takenMessage(context))
        }
        return NewAccountView.render(form: form, sections: req.madoguchi.catalog.sections, signedIn: req.signedIn, context)
            .response(status: .badRequest)
    }

    /// One account, with a notice of what was just done to it.
    @Sendable func show(req: Request) async throws -> Response {
        let user = try await account(req)
        let context = PageContext(request: req)
        return render(req, user, notice: req.query[String.self, at: "done"].flatMap { Self.notice($0, context) })
    }

    /// Lifts a lock-out.
    @Sendable func unlock(req: Request) async throws -> Response {
        try await act(req, done: "unlocked") { try await $0.unlock($1) }
    }

    /// A new one-time password, shown once.
    @Sendable func resetPassword(req: Request) async throws -> Response {
        let id = try await account(req).requireID()
        do {
            let (user, password) = try await AccountAdministration(req: req).resetPassword(id)
            return OneTimePasswordView.render(user: user, password: password, added: false, signedIn: req.signedIn,
                                              PageContext(request: req)).response()
        } catch AccountAdministration.Refusal.ownAccount {
            return try await refusedOwn(req, id)
        } catch AccountAdministration.Refusal.notFound {
            throw Abort(.notFound, reason: "アカウントが見つかりません。")
        }
    }

    @Sendable func disable(req: Request) async throws -> Response {
        try await act(req, done: "disabled") { try await $0.setDisabled($1, true) }
    }

    @Sendable func enable(req: Request) async throws -> Response {
        try await act(req, done: "enabled") { try await $0.setDisabled($1, false) }
    }

    /// Another role; a section user needs a section.
    @Sendable func changeRole(req: Request) async throws -> Response {
        let user = try await account(req)
        let context = PageContext(request: req)
        var form = AccountForm(request: req)
        guard let choice = form.roleAndSection(catalog: req.madoguchi.catalog, context) else {
            return render(req, user, form: form, status: .badRequest)
        }
        return try await act(req, done: "role") { try await $0.changeRole($1, to: choice.role, sectionCode: choice.sectionCode) }
    }

    /// Does one change, then shows the account with a notice (or why it was refused).
    private func act(_ req: Request, done: String,
                     _ change: (AccountAdministration, UUID) async throws -> Void) async throws -> Response {
        let id = try await account(req).requireID()
        do {
            try await change(AccountAdministration(req: req), id)
        } catch AccountAdministration.Refusal.ownAccount {
            return try await refusedOwn(req, id)
        } catch AccountAdministration.Refusal.notFound {
            throw Abort(.notFound, reason: "アカウントが見つかりません。")
        }
        return req.redirect(to: PageContext(request: req).link(SitePath.adminAccount(id).path, [("done", done)]))
    }

    private func refusedOwn(_ req: Request, _ id: UUID) async throws -> Response {
        let user = try await account(req)
        let context = PageContext(request: req)
        return render(req, user, error: context.t("自分のアカウントは、無効にすることも、役割を変えることも、ここでパスワードを再発行することもできません。",
                                                  "You cannot disable your own account, change its role or reset its password here."),
                      status: .forbidden)
    }

    private func render(_ req: Request, _ user: StaffUser, form: AccountForm? = nil, notice: String? = nil, error: String? = nil,
                        status: HTTPResponseStatus = .ok) -> Response {
        let form = form ?? AccountForm(values: ["role": user.role.rawValue, "section": user.sectionCode ?? ""])
        return AccountView.render(user: user, form: form, notice: notice, error: error, sections: req.madoguchi.catalog.sections,
                                  signedIn: req.signedIn, PageContext(request: req)).response(status: status)
    }

    /// The account named in the path, or 404.
    private func account(_ req: Request) async throws -> StaffUser {
        guard let id = req.parameters.get("account").flatMap(UUID.init(uuidString:)),
              let user = try await StaffUser.find(id, on: req.db) else {
            throw Abort(.notFound, reason: "アカウントが見つかりません。")
        }
        return user
    }

    private static func notice(_ done: String, _ context: PageContext) -> String? {
        switch done {
        case "unlocked": context.t("ロックを解除しました。", "The account is unlocked.")
        case "disabled": context.t("アカウントを無効にしました。", "The account is disabled.")
        case "enabled": context.t("アカウントを有効にしました。", "The account is enabled.")
        case "role": context.t("役割を変更しました。", "The role is changed.")
        default: nil
        }
    }
}
