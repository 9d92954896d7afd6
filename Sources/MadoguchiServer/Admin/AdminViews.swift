import Foundation
import MadoguchiCore

/// The staff pages' header line: who is signed in, and the sign-out button.
enum StaffBar {
    static func render(_ signedIn: SignedIn?, _ context: PageContext) -> Markup {
        guard let signedIn else { return Markup() }
        return el("div", ["class": "staff-bar"]) {
            el("span", ["id": "signed-in-as"]) { "\(signedIn.user.displayName)（\(AccountState.roleName(signedIn.user.role, context))）" }
            el("form", ["method": "post", "action": "/logout", "class": "inline"]) {
                el("input", ["type": "hidden", "name": CSRF.field, "value": signedIn.csrfToken])
                el("button", ["type": "submit", "class": "secondary", "id": "sign-out"]) { context.t("ログアウト", "Sign out") }
            }
        }
    }
}

enum AdminHomeView {
    static func render(users: [StaffUser], signedIn: SignedIn?, _ context: PageContext) -> Markup {
        let title = context.t("管理", "Administration")
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("h1") { title }
            el("ul") {
                el("li") { el("a", ["href": context.link("/admin/audit"), "id": "audit-link"]) { context.t("監査ログ", "Audit log") } }
                el("li") { el("a", ["href": context.link("/admin/figures"), "id": "figures-link"]) { context.t("窓口の指標", "Counter figures") } }
                el("li") { el("a", ["href": context.link("/admin/handoffs"), "id": "handoffs-link"]) { context.t("基幹系システムへの連携", "Hand-offs to core systems") } }
                el("li") { el("a", ["href": "/paper#paper-figures", "id": "paper-link"]) { context.t("紙の申請書（AI-OCR）と読み取りの成績", "Paper forms (AI-OCR) and their figures") } }
                el("li") { el("a", ["href": "/queue/desk", "id": "desk-link"]) { context.t("窓口の呼び出し", "Counter calling") } }
                el("li") { el("a", ["href": "/kiosk", "id": "kiosk-link"]) { context.t("受付機（キオスク）", "Reception kiosk") } }
                el("li") { el("a", ["href": "/display", "id": "display-link"]) { context.t("呼び出し表示板", "Call board") } }
            }
            el("h2") { context.t("職員アカウント", "Staff accounts") }
            el("p") { el("a", ["class": "button", "href": context.link("/admin/accounts/new"), "id": "new-account-link"]) { context.t("アカウントを追加", "Add an account") } }
            el("table", ["class": "data", "id": "users"]) {
                el("thead") { el("tr") { el("th") { context.t("ユーザー名", "User") }; el("th") { context.t("表示名", "Display name") }; el("th") { context.t("役割", "Role") }; el("th") { context.t("課", "Section") }; el("th") { context.t("状態", "State") } } }
                el("tbody") {
                    for user in users {
                        el("tr") {
                            el("td") { el("a", ["href": context.link(user.id.map { SitePath.adminAccount($0).path } ?? "")]) { user.username } }
                            el("td") { user.displayName }
                            el("td") { AccountState.roleName(user.role, context) }
                            el("td") { user.sectionCode ?? "—" }
                            el("td") { AccountState.text(of: user, context) }
                        }
                    }
                }
            }
        }
    }
}

/// `/admin/figures`: how much staff type and click per Case, and how long from opening a Case to its printed forms.
enum FiguresView {
    struct Row {
        let event: String
        let cases: Int
        let inputs: [Double]
        let minutes: [Double]
    }

    static func render(rows: [Row], signedIn: SignedIn?, _ context: PageContext) -> Markup {
        let title = context.t("窓口の指標", "Counter figures")
        func number(_ value: Double?, digits: Int = 0) -> String {
            guard let value else { return "—" }
            return String(format: "%.\(digits)f", value)
        }
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("p") { el("a", ["href": "/admin"]) { context.t("← 管理", "← Administration") } }
            el("h1") { title }
            el("p", ["class": "hint"]) {
                context.t("印刷まで進んだ案件について、職員の入力回数（キー入力とクリック）と、案件を開いてから帳票を印刷するまでの時間です。",
                          "For Cases that reached printing: staff inputs (keystrokes and clicks) and the time from opening the Case to printing its forms.")
            }
            el("table", ["class": "data", "id": "figures"]) {
                el("thead") {
                    el("tr") {
                        el("th") { context.t("できごと", "Event") }
                        el("th") { context.t("案件数", "Cases") }
                        el("th") { context.t("入力回数 中央値", "Inputs, median") }
                        el("th") { context.t("入力回数 90%", "Inputs, 90th pct") }
                        el("th") { context.t("印刷まで 中央値（分）", "Minutes to print, median") }
                        el("th") { context.t("印刷まで 90%（分）", "Minutes to print, 90th pct") }
                    }
                }
                el("tbody") {
                    for row in rows {
                        el("tr", ["data-event": row.event]) {
                            el("td") { row.event }
                            el("td") { String(row.cases) }
                            el("td", ["class": "inputs-median"]) { number(Percentiles.median(row.inputs)) }
                            el("td") { number(Percentiles.value(0.9, of: row.inputs)) }
                            el("td") { number(Percentiles.median(row.minutes), digits: 1) }
                            el("td") { number(Percentiles.value(0.9, of: row.minutes), digits: 1) }
                        }
                    }
                }
            }
        }
    }
}
