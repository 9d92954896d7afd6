import MadoguchiCore

/// The staff sign-in page.
enum LoginView {
    static func render(csrf: String, next: String?, username: String, error: String?, notice: String? = nil, _ context: PageContext) -> Markup {
        let title = context.t("職員ログイン", "Staff sign-in")
        return Layout.page(title: title, context) {
            el("h1") { title }
            if let notice {
                el("div", ["class": "notice", "role": "status"]) { el("p", ["id": "login-notice"]) { notice } }
            }
            if let error {
                el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"]) { el("p", ["id": "login-error"]) { error } }
            }
            el("form", ["method": "post", "action": "/login"]) {
                el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                if let next { el("input", ["type": "hidden", "name": "next", "value": next]) }
                el("div", ["class": "field"]) {
                    el("label", ["for": "username"]) { context.t("ユーザー名", "User name") }
                    el("input", ["type": "text", "id": "username", "name": "username", "value": username,
                                 "autocomplete": "username", "autocapitalize": "none", "required": ""])
                }
                el("div", ["class": "field"]) {
                    el("label", ["for": "password"]) { context.t("パスワード", "Password") }
                    el("input", ["type": "password", "id": "password", "name": "password", "autocomplete": "current-password", "required": ""])
                }
                el("button", ["type": "submit", "id": "sign-in"]) { context.t("ログイン", "Sign in") }
            }
        }
    }
}

/// Choosing a new password.
enum PasswordView {
    static func render(signedIn: SignedIn, error: String?, _ context: PageContext) -> Markup {
        let title = context.t("パスワードの変更", "Change your password")
        return Layout.page(title: title, context) {
            el("h1") { title }
            if signedIn.user.mustChangePassword {
                el("p", ["class": "lead"]) {
                    context.t("一時パスワードでログインしました。続ける前に、自分のパスワードを決めてください。",
                              "You signed in with a one-time password. Choose your own before you go on.")
                }
            }
            if let error {
                el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"]) { el("p") { error } }
            }
            el("form", ["method": "post", "action": "/account/password"]) {
                el("input", ["type": "hidden", "name": CSRF.field, "value": signedIn.csrfToken])
                for (id, ja, en, complete) in [("current", "今のパスワード", "Current password", "current-password"),
                                               ("new", "新しいパスワード（\(AccountPolicy.minimumPasswordLength)文字以上）", "New password (at least \(AccountPolicy.minimumPasswordLength) characters)", "new-password"),
                                               ("confirm", "新しいパスワード（確認）", "New password again", "new-password")] {
                    el("div", ["class": "field"]) {
                        el("label", ["for": id]) { context.t(ja, en) }
                        el("input", ["type": "password", "id": id, "name": id, "autocomplete": complete, "required": ""])
                    }
                }
                el("button", ["type": "submit", "id": "change-password"]) { context.t("変更する", "Change password") }
            }
        }
    }
}
