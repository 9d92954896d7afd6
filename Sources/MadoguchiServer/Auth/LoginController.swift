import Fluent
import MadoguchiCore
import Vapor

/// `/login`, `/logout`, `/account/password`: staff sign-in with lock-out and session cookies.
struct LoginController: RouteCollection {
    /// The login form's own CSRF cookie (there is no session yet): the form must echo it.
    static let loginCookie = "madoguchi_login"

    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", use: form)
        routes.post("login", use: login)
        routes.post("logout", use: logout)
        let account = routes.grouped(RequirePasswordChangeAllowed())
        account.get("account", "password", use: passwordForm)
        account.post("account", "password", use: changePassword)
    }

    /// The sign-in form; after a password change (`?changed=1`) it says so.
    @Sendable func form(req: Request) async throws -> Response {
        if let signedIn = req.signedIn, !signedIn.user.mustChangePassword {
            return req.redirect(to: Self.home(for: signedIn.user))
        }
        let context = PageContext(request: req)
        let notice = req.query[String.self, at: "changed"] == "1"
            ? context.t("パスワードを変更しました。新しいパスワードでログインしてください。",
                        "Your password has been changed. Sign in with your new password.") : nil
        return render(req, error: nil, notice: notice, username: "")
    }

    /// Checks the password; on success a new session and its cookie.
    @Sendable func login(req: Request) async throws -> Response {
        struct Form: Content { var username: String?; var password: String?; var next: String?; var _csrf: String? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        guard let expected = req.cookies[Self.loginCookie]?.string, let sent = form._csrf, Tokens.constantTimeEqual(sent, expected) else {
            return render(req, error: "画面の有効期限が切れました。もう一度ログインしてください。", username: form.username ?? "", status: .forbidden)
        }
        let username = (form.username ?? "").trimmingCharacters(in: .whitespaces)
        let accounts = StaffAccounts(app: req.application)
        switch try await accounts.authenticate(username: username, password: form.password ?? "") {
        case .invalid:
            try await req.audit(.loginFailed, detail: "user \(username.prefix(32))", actor: "anonymous")
            return render(req, error: "ユーザー名またはパスワードが違います。5回続けて間違えると15分間ログインできなくなります。",
                          username: username, status: .unauthorized)
        case .locked:
            try await req.audit(.loginLocked, detail: "user \(username.prefix(32))", actor: "anonymous")
            return render(req, error: "ログインに続けて失敗したため、このアカウントは15分間ロックされています。",
                          username: username, status: .unauthorized)
        case .success(let user):
            let token = Tokens.random()
            let session = StaffSession(tokenHash: Tokens.digest(token), userID: try user.requireID(), csrfToken: Tokens.random(), at: Date())
            try await req.writeTransaction { db in try await session.create(on: db) }
            let snapshot = try StaffUserSnapshot(user)
            req.signedIn = SignedIn(user: snapshot, sessionID: session.id ?? "", csrfToken: session.csrfToken)
            try await req.audit(.loginSucceeded)
            let target = user.mustChangePassword ? "/account/password" : (Self.localPath(form.next) ?? Self.home(for: snapshot))
            let response = req.redirect(to: target, redirectType: .normal)
            response.cookies[StaffSessionMiddleware.cookieName] = Self.cookie(token, secure: req.madoguchi.secureCookies)
            response.cookies[Self.loginCookie] = .expired
            return response
        }
    }

    /// Ends the session.
    @Sendable func logout(req: Request) async throws -> Response {
        if let signedIn = req.signedIn {
            try CSRF.verify(req, expected: signedIn.csrfToken)
            let id = signedIn.sessionID
            try await req.writeTransaction { db in try await StaffSession.query(on: db).filter(\.$id == id).delete() }
            try await req.audit(.logout)
        }
        let response = req.redirect(to: "/login")
        response.cookies[StaffSessionMiddleware.cookieName] = .expired
        return response
    }

    @Sendable func passwordForm(req: Request) async throws -> Response {
        guard let signedIn = req.signedIn else { return req.redirect(to: "/login") }
        return PasswordView.render(signedIn: signedIn, error: nil, PageContext(request: req)).response()
    }

    /// Sets a new password (required after a one-time password).
    @Sendable func changePassword(req: Request) async throws -> Response {
        guard let signedIn = req.signedIn else { return req.redirect(to: "/login") }
        try CSRF.verify(req, expected: signedIn.csrfToken)
        struct Form: Content { var current: String?; var new: String?; var confirm: String? }
        let form = (try? req.content.decode(Form.self)) ?? Form()
        let context = PageContext(request: req)
        guard let user = try await StaffUser.find(signedIn.user.id, on: req.db) else { return req.redirect(to: "/login") }
        let accounts = StaffAccounts(app: req.application)
        guard try await accounts.verify(form.current ?? "", against: user.passwordHash) else {
            return PasswordView.render(signedIn: signedIn, error: "今のパスワードが違います。", context).response(status: .badRequest)
        }
        guard form.new == form.confirm else {
            return PasswordView.render(signedIn: signedIn, error: "新しいパスワードが確認用と一致しません。", context).response(status: .badRequest)
        }
        do {
            try await accounts.changePassword(of: user, to: form.new ?? "")
        } catch let error as StaffAccounts.AccountError {
            return PasswordView.render(signedIn: signedIn, error: error.description, context).response(status: .badRequest)
        }
        try await req.audit(.passwordChanged)
        let response = req.redirect(to: context.link("/login", [("changed", "1")]))
        response.cookies[StaffSessionMiddleware.cookieName] = .expired
        return response
    }

    private func render(_ req: Request, error: String?, notice: String? = nil, username: String, status: HTTPResponseStatus = .ok) -> Response {
        let token = Tokens.random()
        let next = Self.localPath(req.query[String.self, at: "next"]) ?? Self.localPath(try? req.content.get(String.self, at: "next"))
        let response = LoginView.render(csrf: token, next: next, username: username, error: error, notice: notice, PageContext(request: req))
            .response(status: status)
        response.cookies[Self.loginCookie] = HTTPCookies.Value(string: token, maxAge: 3600, path: "/login",
                                                               isSecure: req.madoguchi.secureCookies, isHTTPOnly: true, sameSite: .strict)
        return response
    }

    /// Only a path on this site, never `//elsewhere`, `https://…`, `/\\elsewhere` or anything with a control
    /// character or space in it: browsers drop tabs and newlines from a `Location` (`/\t/evil` becomes
    /// `//evil`), and a CR LF would end the header. What passes is parsed back and must be a plain path.
    static func localPath(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"), text.utf8.count <= 2048,
              !text.unicodeScalars.contains(where: { scalar in
                  scalar == "\\" || scalar == " " || scalar.properties.generalCategory == .control
                      || scalar.properties.generalCategory == .format || scalar.properties.isWhitespace
              }),
              let parsed = URLComponents(string: text), parsed.scheme == nil, parsed.host == nil,
              parsed.percentEncodedPath.hasPrefix("/"), !parsed.percentEncodedPath.hasPrefix("//") else { return nil }
        return text
    }

    /// Where each role starts.
    static func home(for user: StaffUserSnapshot) -> String {
        switch user.role {
        case .admin: "/admin"
        case .counter: "/counter"
        case .section: SitePath.section(code: user.sectionCode ?? "").path
        }
    }

    static func cookie(_ token: String, secure: Bool) -> HTTPCookies.Value {
        HTTPCookies.Value(string: token, maxAge: Int(AccountPolicy.absoluteTimeout.components.seconds), path: "/",
                          isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
}

/// The password page is for signed-in users, including those who must change a one-time password.
struct RequirePasswordChangeAllowed: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.signedIn != nil else { return request.redirect(to: "/login") }
        return try await next.respond(to: request)
    }
}
