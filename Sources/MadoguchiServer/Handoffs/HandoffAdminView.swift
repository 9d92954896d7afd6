import Foundation
import MadoguchiCore

/// The hand-off pages of `/admin`.
enum HandoffAdminView {
    struct Problem: Sendable {
        let id: String
        let target: String
        let procedure: String
        let state: String
        let attempts: Int
        let error: String
        let created: Date
    }

    struct Detail: Sendable {
        let id: String
        let seq: Int64
        let target: String
        let procedure: String
        let state: String
        let attempts: Int
        let error: String?
        let file: String?
        let result: String?
        let payload: String
        let created: Date
        let delivered: Date?
        let acknowledged: Date?
        let caseID: UUID?
    }

    /// How a target is reached: a push endpoint's URL and whether it is off, the pull tokens in force.
    struct Connection: Sendable {
        var url: String?
        /// Set when the endpoint is off (410 Gone, or by staff).
        var disabledReason: String?
        var tokens = 0
    }

    struct Token: Sendable {
        let id: String
        let target: String
        let label: String
        let created: Date
        let revoked: Date?
    }

    static let states: [(String, String, String)] = [
        ("waiting", "待機", "Waiting"), ("fetched", "取得済み", "Fetched"), ("delivered", "配信済み", "Delivered"),
        ("acknowledged", "受領済み", "Acknowledged"), ("dead", "停止", "Dead"), ("cancelled", "取消", "Cancelled"),
    ]

    static func stateName(_ state: String, _ context: PageContext) -> String {
        states.first { $0.0 == state }.map { context.t($0.1, $0.2) } ?? state
    }

    static func deliveryName(_ delivery: HandoffTarget.Delivery, _ context: PageContext) -> String {
        switch delivery {
        case .pull: context.t("API（取得）", "API (pull)")
        case .csvFile: context.t("CSVファイル", "CSV file")
        case .push: context.t("API（送信・署名付き）", "API (signed push)")
        }
    }

    static func connection(_ target: HandoffTarget, _ connection: Connection?, csrf: String, _ context: PageContext) -> Markup {
        let tokens = connection?.tokens ?? 0
        switch target.delivery {
        case .csvFile:
            return Markup(text: context.t("ファイル", "Files") + (tokens > 0 ? context.t("・受領用トークン \(tokens)", " · \(tokens) API token(s)") : ""))
        case .pull:
            return Markup(text: tokens == 0 ? context.t("トークン未発行（madoguchi handoff token）", "No API token yet (madoguchi handoff token)")
                                      : context.t("トークン \(tokens)", "\(tokens) API token(s)"))
        case .push:
            guard let connection, let url = connection.url else {
                return Markup(text: context.t("未設定（madoguchi handoff endpoint）", "Not set (madoguchi handoff endpoint)"))
            }
            guard let reason = connection.disabledReason else { return Markup(text: context.t("送信中 ", "Sending to ") + url) }
            return el("span", ["class": "stopped"]) { context.t("停止中：", "Off: ") + reason }
                + el("form", ["method": "post", "action": SitePath.adminHandoffs.path + "/endpoints/\(target.id)/enable", "class": "inline"]) {
                    el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                    el("button", ["type": "submit", "class": "small", "id": "enable-\(target.id)"]) { context.t("送信を再開", "Turn on") }
                }
        }
    }

    static func time(_ date: Date?) -> String {
        guard let date else { return "—" }
        let (day, minutes) = JapanTime.dayAndMinute(date.timeIntervalSince1970)
        return day.iso + String(format: " %02d:%02d", minutes / 60, minutes % 60)
    }

    static func overview(targets: [HandoffTarget], counts: [String: [String: Int]], connections: [String: Connection], tokens: [Token],
                         problems: [Problem], message: String?,
                         signedIn: SignedIn?, _ context: PageContext) -> Markup {
        let title = context.t("基幹系システムへの連携", "Hand-offs to core systems")
        let csrf = signedIn?.csrfToken ?? ""
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("p") { el("a", ["href": "/admin"]) { context.t("← 管理", "← Administration") } }
            el("h1") { title }
            if let message { el("p", ["class": "notice", "role": "status"]) { message } }
            el("table", ["class": "data", "id": "handoff-targets"]) {
                el("thead") {
                    el("tr") {
                        el("th") { context.t("連携先", "Core system") }
                        el("th") { context.t("方式", "Delivery") }
                        el("th") { context.t("接続", "Connection") }
                        for state in states { el("th") { context.t(state.1, state.2) } }
                    }
                }
                el("tbody") {
                    for target in targets {
                        el("tr", ["data-target": target.id]) {
                            el("td") { context.t(target.name) }
                            el("td") { deliveryName(target.delivery, context) }
                            el("td", ["class": "connection"]) { connection(target, connections[target.id], csrf: csrf, context) }
                            for state in states { el("td", ["class": "count-\(state.0)"]) { String(counts[target.id]?[state.0] ?? 0) } }
                        }
                    }
                }
            }
            el("p") {
                el("a", ["href": context.link(SitePath.adminHandoffs.path + "/reconciliation.csv"), "id": "reconciliation"]) {
                    context.t("本日の突合表（CSV）", "Today's reconciliation (CSV)")
                }
            }
            tokensSection(targets: targets, tokens: tokens, csrf: csrf, context)
            el("h2") { context.t("対応が必要な連携", "Hand-offs that need attention") }
            if problems.isEmpty {
                el("p") { context.t("ありません。", "None.") }
            } else {
                el("table", ["class": "data", "id": "handoff-problems"]) {
                    el("thead") {
                        el("tr") {
                            el("th") { context.t("作成", "Created") }; el("th") { context.t("連携先", "Core system") }
                            el("th") { context.t("手続き", "Procedure") }; el("th") { context.t("状態", "State") }
                            el("th") { context.t("試行", "Attempts") }; el("th") { context.t("理由", "Reason") }; el("th") { "" }
                        }
                    }
                    el("tbody") {
                        for problem in problems {
                            el("tr", ["id": "handoff-\(problem.id)"]) {
                                el("td") { el("a", ["href": context.link(SitePath.adminHandoff(problem.id).path)]) { time(problem.created) } }
                                el("td") { problem.target }
                                el("td") { problem.procedure }
                                el("td") { stateName(problem.state, context) }
                                el("td") { String(problem.attempts) }
                                el("td") { problem.error }
                                el("td") { actions(problem.id, csrf: csrf, context) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The core systems' API tokens: made here (shown once), listed (never the token), revoked at once.
    static func tokensSection(targets: [HandoffTarget], tokens: [Token], csrf: String, _ context: PageContext) -> Markup {
        el("section", ["id": "handoff-tokens"]) {
            el("h2") { context.t("連携用APIトークン", "API tokens of the core systems") }
            el("form", ["method": "post", "action": SitePath.adminHandoffs.path + "/tokens", "class": "filters"]) {
                el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                el("label", ["for": "token-target"]) { context.t("連携先", "Core system") }
                el("select", ["id": "token-target", "name": "target"]) {
                    for target in targets { el("option", ["value": target.id]) { context.t(target.name) } }
                }
                el("label", ["for": "token-label"]) { context.t("用途", "What it is for") }
                el("input", ["type": "text", "id": "token-label", "name": "label", "maxlength": "60", "required": "required"])
                el("button", ["type": "submit", "id": "create-token"]) { context.t("発行", "Create") }
            }
            if !tokens.isEmpty {
                el("table", ["class": "data", "id": "token-list"]) {
                    el("thead") {
                        el("tr") {
                            el("th") { context.t("連携先", "Core system") }; el("th") { context.t("用途", "For") }
                            el("th") { context.t("発行", "Created") }; el("th") { context.t("失効", "Revoked") }; el("th") { "" }
                        }
                    }
                    el("tbody") {
                        for token in tokens {
                            el("tr", ["data-token": token.id]) {
                                el("td") { token.target }
                                el("td") { token.label }
                                el("td") { time(token.created) }
                                el("td") { time(token.revoked) }
                                el("td") {
                                    if token.revoked == nil {
                                        el("form", ["method": "post", "action": SitePath.adminHandoffs.path + "/tokens/\(token.id)/revoke", "class": "inline"]) {
                                            el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                                            el("button", ["type": "submit", "class": "small secondary", "id": "revoke-\(token.id)"]) {
                                                context.t("失効", "Revoke")
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The new token, once: it is stored only hashed, so this page is the only place it is ever shown.
    static func tokenCreated(target: HandoffTarget, label: String, token: String, signedIn: SignedIn?, _ context: PageContext) -> Markup {
        let title = context.t("APIトークンを発行しました", "API token created")
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("h1") { title }
            el("p") { context.t(target.name) + "（\(target.id)）・" + label }
            el("p", ["class": "notice"]) {
                context.t("このトークンは今だけ表示されます。基幹系システムの設定に写し、この画面を閉じてください。",
                          "This token is shown only now. Copy it into the core system's settings and close this page.")
            }
            el("pre", ["id": "new-token"]) { token }
            el("p") { el("a", ["href": context.link(SitePath.adminHandoffs.path)]) { context.t("← 連携の一覧", "← Hand-offs") } }
        }
    }

    static func actions(_ id: String, csrf: String, _ context: PageContext) -> Markup {
        el("form", ["method": "post", "action": SitePath.adminHandoff(id).path, "class": "inline"]) {
            el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
            el("button", ["type": "submit", "name": "action", "value": "retry", "class": "small"]) { context.t("再試行", "Retry") }
            el("button", ["type": "submit", "name": "action", "value": "cancel", "class": "small secondary"]) { context.t("取消", "Cancel") }
        }
    }

    static func detail(_ detail: Detail, signedIn: SignedIn?, _ context: PageContext) -> Markup {
        let title = context.t("連携 ", "Hand-off ") + detail.id
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("p") { el("a", ["href": context.link(SitePath.adminHandoffs.path)]) { context.t("← 連携の一覧", "← Hand-offs") } }
            el("h1") { title }
            el("dl", ["class": "facts"]) {
                el("dt") { context.t("連携先・順番", "Core system, order") }; el("dd") { "\(detail.target) · seq \(detail.seq)" }
                el("dt") { context.t("手続き", "Procedure") }; el("dd") { detail.procedure }
                el("dt") { context.t("状態", "State") }; el("dd", ["id": "handoff-state"]) { stateName(detail.state, context) }
                el("dt") { context.t("試行", "Attempts") }; el("dd") { String(detail.attempts) }
                el("dt") { context.t("作成・配信・受領", "Created, delivered, acknowledged") }
                el("dd") { "\(time(detail.created)) · \(time(detail.delivered)) · \(time(detail.acknowledged))" }
                if let file = detail.file { el("dt") { context.t("ファイル", "File") }; el("dd") { file } }
                if let result = detail.result { el("dt") { context.t("基幹系の回答", "Core system's answer") }; el("dd") { result } }
                if let error = detail.error { el("dt") { context.t("最後の失敗", "Last failure") }; el("dd") { error } }
                if let caseID = detail.caseID {
                    el("dt") { context.t("案件", "Case") }
                    el("dd") { el("a", ["href": context.link(SitePath.counterCase(caseID).path)]) { context.t("案件を開く", "Open the Case") } }
                }
            }
            if ["waiting", "fetched", "dead"].contains(detail.state) { actions(detail.id, csrf: signedIn?.csrfToken ?? "", context) }
            el("h2") { context.t("送る内容（第\(HandoffPayload.currentVersion)版）", "Payload (version \(HandoffPayload.currentVersion))") }
            el("pre", ["id": "handoff-payload"]) { detail.payload }
        }
    }
}
