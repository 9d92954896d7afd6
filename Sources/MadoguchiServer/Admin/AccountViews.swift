import Foundation
import MadoguchiCore

/// How an account stands, in words.
enum AccountState {
    static func isLocked(_ user: StaffUser, now: Date = Date()) -> Bool { (user.lockedUntil.map { $0 > now }) ?? false }

    static func text(of user: StaffUser, _ context: PageContext) -> String {
        if user.disabled { return context.t("無効", "disabled") }
        if isLocked(user) { return context.t("ロック中", "locked") }
        if user.mustChangePassword { return context.t("初回パスワード変更待ち", "must change password") }
        return context.t("有効", "active")
    }

    static func roleName(_ role: StaffRole, _ context: PageContext) -> String {
        switch role {
        case .admin: context.t(role.nameJa, "Administrator")
        case .counter: context.t(role.nameJa, "Counter staff")
        case .section: context.t(role.nameJa, "Section staff")
        }
    }
}

/// The role and section fields of the account forms.
enum RoleFields {
    static func render(_ form: AccountForm, sections: [Section], _ context: PageContext) -> Markup {
        field("role", form) {
            el("label", ["for": "role"]) { context.t("役割", "Role") }
            errorText("role", form)
            el("select", ["id": "role", "name": "role", "aria-invalid": form.error(for: "role") == nil ? nil : "true"]) {
                el("option", ["value": ""]) { context.t("選択してください", "Choose") }
                for role in StaffRole.allCases {
                    el("option", ["value": role.rawValue, "selected": form.value("role") == role.rawValue ? "" : nil]) {
                        AccountState.roleName(role, context)
                    }
                }
            }
        }
        + field("section", form) {
            el("label", ["for": "section"]) { context.t("担当課（担当課の職員のみ）", "Section (section staff only)") }
            errorText("section", form)
            el("select", ["id": "section", "name": "section", "aria-invalid": form.error(for: "section") == nil ? nil : "true"]) {
                el("option", ["value": ""]) { "—" }
                for section in sections {
                    el("option", ["value": section.code, "selected": form.value("section") == section.code ? "" : nil]) {
                        context.t(section.name)
                    }
                }
            }
        }
    }

    private static func field(_ id: String, _ form: AccountForm, @MarkupBuilder _ content: () -> Markup) -> Markup {
        el("div", ["class": form.error(for: id) == nil ? "field" : "field invalid"]) { content() }
    }

    private static func errorText(_ id: String, _ form: AccountForm) -> Markup {
        guard let message = form.error(for: id) else { return Markup() }
        return el("span", ["class": "field-error"]) { message }
    }
}

/// `/admin/accounts/new`: a new staff account. The server chooses the first password.
enum NewAccountView {
    static func render(form: AccountForm, sections: [Section], signedIn: SignedIn?, _ context: PageContext) -> Markup {
        let title = context.t("アカウントの追加", "Add an account")
        return Layout.page(title: (form.errors.isEmpty ? "" : context.t("エラー: ", "Error: ")) + title, context) {
            StaffBar.render(signedIn, context)
            el("p") { el("a", ["href": context.link("/admin")]) { context.t("← 管理", "← Administration") } }
            el("h1") { title }
            if !form.errors.isEmpty { FormFields.errorSummary(form.errors, context) }
            el("p", ["class": "hint"]) {
                context.t("最初のパスワードはサーバーが決め、次の画面に一度だけ表示します。本人は初回ログインで自分のパスワードに変更します。",
                          "The server chooses the first password and shows it once on the next page. The user chooses their own at first sign-in.")
            }
            el("form", ["method": "post", "action": context.link("/admin/accounts"), "id": "new-account"]) {
                el("input", ["type": "hidden", "name": CSRF.field, "value": signedIn?.csrfToken ?? ""])
                FormFields.textField(id: "username", label: context.t("ユーザー名", "User name"),
                                     hint: context.t("3〜32文字の半角英数字と「.」「_」「-」", "3–32 letters, digits, '.', '_' or '-'"),
                                     form: form, required: true, context)
                FormFields.textField(id: "displayName", label: context.t("表示名", "Display name"),
                                     hint: context.t("画面に表示する名前。空欄ならユーザー名", "The name shown on screens; the user name if empty"),
                                     form: form, required: false, context)
                RoleFields.render(form, sections: sections, context)
                el("button", ["type": "submit", "id": "add-account"]) { context.t("追加する", "Add the account") }
            }
        }
    }
}

/// The one page that shows a one-time password: after adding an account or resetting its password.
enum OneTimePasswordView {
    static func render(user: StaffUser, password: String, added: Bool, signedIn: SignedIn?, _ context: PageContext) -> Markup {
        let title = added ? context.t("アカウントを追加しました", "Account added")
            : context.t("パスワードを再発行しました", "Password reset")
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("h1") { title }
            el("dl", ["class": "summary-list"]) {
                el("dt") { context.t("ユーザー名", "User name") }; el("dd", ["id": "new-username"]) { user.username }
                el("dt") { context.t("表示名", "Display name") }; el("dd") { user.displayName }
                el("dt") { context.t("役割", "Role") }; el("dd") { AccountState.roleName(user.role, context) + (user.sectionCode.map { "（\($0)）" } ?? "") }
            }
            el("h2") { context.t("一時パスワード", "One-time password") }
            el("p", ["class": "one-time-password", "id": "one-time-password"]) { password }
            el("div", ["class": "notice", "role": "status"]) {
                el("p") {
                    context.t("この一時パスワードは、この画面で一度だけ表示します。本人に直接伝えてください。本人は初回ログインで自分のパスワードに変更します。",
                              "This one-time password is shown on this page only, once. Give it to the user in person. They choose their own at first sign-in.")
                }
            }
            el("p") {
                el("a", ["href": context.link(user.id.map { SitePath.adminAccount($0).path } ?? ""), "id": "account-link"]) {
                    context.t("このアカウントへ", "To this account")
                }
            }
            el("p") { el("a", ["href": context.link("/admin")]) { context.t("← 管理", "← Administration") } }
        }
    }
}

/// `/admin/accounts/{id}`: one account, and what an admin can do to it.
enum AccountView {
    static func render(user: StaffUser, form: AccountForm, notice: String?, error: String?, sections: [Section],
                       signedIn: SignedIn?, _ context: PageContext) -> Markup {
        // The account's own actions (the user comes from the database, so it has an id).
        func action(_ page: (UUID) -> SitePath) -> String { context.link(user.id.map { page($0).path } ?? "") }
        let own = user.id == signedIn?.user.id
        let title = context.t("アカウント: ", "Account: ") + user.username
        let csrf = el("input", ["type": "hidden", "name": CSRF.field, "value": signedIn?.csrfToken ?? ""])
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("p") { el("a", ["href": context.link("/admin")]) { context.t("← 管理", "← Administration") } }
            el("h1") { title }
            if let notice { el("div", ["class": "notice", "role": "status", "id": "account-notice"]) { el("p") { notice } } }
            if let error {
                el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"]) { el("p", ["id": "account-error"]) { error } }
            }
            if !form.errors.isEmpty { FormFields.errorSummary(form.errors, context) }
            el("dl", ["class": "summary-list", "id": "account"]) {
                el("dt") { context.t("表示名", "Display name") }; el("dd") { user.displayName }
                el("dt") { context.t("役割", "Role") }; el("dd") { AccountState.roleName(user.role, context) }
                el("dt") { context.t("担当課", "Section") }; el("dd") { user.sectionCode ?? "—" }
                el("dt") { context.t("状態", "State") }; el("dd", ["id": "account-state"]) { AccountState.text(of: user, context) }
                if AccountState.isLocked(user), let until = user.lockedUntil {
                    el("dt") { context.t("ロックの終わり（日本時間）", "Locked until (JST)") }; el("dd") { AuditView.timeFormat.string(from: until) }
                }
            }
            if AccountState.isLocked(user) || user.failedLogins > 0 {
                el("h2") { context.t("ロックの解除", "Unlock") }
                el("form", ["method": "post", "action": action(SitePath.adminAccountUnlock)]) {
                    csrf
                    el("button", ["type": "submit", "id": "unlock"]) { context.t("ロックを解除する", "Unlock the account") }
                }
            }
            if own {
                el("p", ["class": "hint"]) {
                    context.t("自分のアカウントは、ここでは無効にしたり、役割を変えたり、パスワードを再発行したりできません。",
                              "You cannot disable, change the role of or reset your own account here.")
                    " "
                    el("a", ["href": "/account/password"]) { context.t("自分のパスワードを変更する", "Change your own password") }
                }
            } else {
                el("h2") { context.t("パスワードの再発行", "Reset the password") }
                el("details", ["class": "confirm-step"]) {
                    el("summary") { context.t("一時パスワードを発行する", "Issue a one-time password") }
                    el("p") { context.t("今のパスワードは使えなくなり、ログイン中の画面もすべてログアウトします。",
                                        "The current password stops working and every signed-in browser of this user is signed out.") }
                    el("form", ["method": "post", "action": action(SitePath.adminAccountResetPassword)]) {
                        csrf
                        el("button", ["type": "submit", "id": "reset-password"]) { context.t("はい、再発行します", "Yes, reset it") }
                    }
                }
                el("h2") { user.disabled ? context.t("アカウントを有効にする", "Enable the account") : context.t("アカウントを無効にする", "Disable the account") }
                if user.disabled {
                    el("form", ["method": "post", "action": action(SitePath.adminAccountEnable)]) {
                        csrf
                        el("button", ["type": "submit", "id": "enable"]) { context.t("有効にする", "Enable") }
                    }
                } else {
                    el("details", ["class": "confirm-step"]) {
                        el("summary") { context.t("無効にする", "Disable") }
                        el("p") { context.t("このアカウントではログインできなくなり、ログイン中の画面もすべてログアウトします。",
                                            "This account can no longer sign in, and every signed-in browser of it is signed out.") }
                        el("form", ["method": "post", "action": action(SitePath.adminAccountDisable)]) {
                            csrf
                            el("button", ["type": "submit", "id": "disable"]) { context.t("はい、無効にします", "Yes, disable it") }
                        }
                    }
                }
                el("h2") { context.t("役割の変更", "Change the role") }
                el("form", ["method": "post", "action": action(SitePath.adminAccountRole), "id": "role-form"]) {
                    csrf
                    RoleFields.render(form, sections: sections, context)
                    el("button", ["type": "submit", "id": "change-role"]) { context.t("役割を変更する", "Change the role") }
                }
            }
        }
    }
}
