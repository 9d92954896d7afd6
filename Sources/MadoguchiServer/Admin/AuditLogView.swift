import Foundation
import MadoguchiCore

/// `/admin/audit`: who read or changed what, newest first, a page at a time, each action in words.
enum AuditView {
    static let timeFormat: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Tokyo")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter
    }()

    static func render(page: AuditLogPage, query: AuditLogQuery, caseError: String?, signedIn: SignedIn?, _ context: PageContext) -> Markup {
        let title = context.t("監査ログ", "Audit log")
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("p") { el("a", ["href": context.link("/admin")]) { context.t("← 管理", "← Administration") } }
            el("h1") { title }
            if let caseError { FormFields.errorSummary([FormFieldError(fieldID: "case", message: caseError)], context) }
            filters(query, caseError: caseError, context)
            if page.entries.isEmpty {
                el("p", ["id": "no-entries"]) { context.t("該当する記録はありません。", "No entries.") }
            } else {
                table(page, query, context)
            }
            pager(page, query, context)
        }
    }

    private static func filters(_ query: AuditLogQuery, caseError: String?, _ context: PageContext) -> Markup {
        el("form", ["method": "get", "action": "/admin/audit", "class": "filters"]) {
            if context.language != .ja { el("input", ["type": "hidden", "name": "lang", "value": context.language.rawValue]) }
            el("div", ["class": "field"]) {
                el("label", ["for": "actor"]) { context.t("職員", "Staff") }
                el("input", ["type": "text", "id": "actor", "name": "actor", "value": query.actor])
            }
            el("div", ["class": "field"]) {
                el("label", ["for": "action"]) { context.t("操作", "Action") }
                el("select", ["id": "action", "name": "action"]) {
                    el("option", ["value": ""]) { context.t("すべて", "All") }
                    for action in AuditAction.allCases {
                        el("option", ["value": action.rawValue, "selected": query.action == action.rawValue ? "" : nil]) {
                            context.t(AuditAction.words(for: action.rawValue))
                        }
                    }
                }
            }
            el("div", ["class": caseError == nil ? "field" : "field invalid"]) {
                el("label", ["for": "case"]) { context.t("案件（受付番号またはIDの先頭）", "Case (reference or start of its id)") }
                if let caseError { el("span", ["class": "field-error"]) { caseError } }
                el("input", ["type": "text", "id": "case", "name": "case", "value": query.caseText, "placeholder": "K7QM-3TXA",
                             "aria-invalid": caseError == nil ? nil : "true"])
            }
            el("button", ["type": "submit"]) { context.t("絞り込む", "Filter") }
        }
    }

    private static func table(_ page: AuditLogPage, _ query: AuditLogQuery, _ context: PageContext) -> Markup {
        el("table", ["class": "data", "id": "audit"]) {
            el("thead") {
                el("tr") {
                    el("th") { context.t("日時（日本時間）", "Time (JST)") }
                    el("th") { context.t("職員", "Staff") }
                    el("th") { context.t("操作", "Action") }
                    el("th") { context.t("案件", "Case") }
                    el("th") { context.t("内容", "Detail") }
                    el("th") { context.t("接続元", "From") }
                }
            }
            el("tbody") {
                for entry in page.entries {
                    el("tr", ["data-action": entry.action]) {
                        el("td") { timeFormat.string(from: entry.at) }
                        el("td") { entry.actor }
                        el("td") { context.t(AuditAction.words(for: entry.action)) }
                        el("td") { caseCell(entry.caseID, page, query, context) }
                        el("td") { entry.detail }
                        el("td") { entry.address ?? "" }
                    }
                }
            }
        }
    }

    /// The Case's reference (or, for a Case deleted since, the start of its id), as a link that filters by it.
    private static func caseCell(_ caseID: UUID?, _ page: AuditLogPage, _ query: AuditLogQuery, _ context: PageContext) -> Markup {
        guard let caseID else { return Markup() }
        let shown = page.references[caseID] ?? String(caseID.uuidString.prefix(8))
        var filter = query
        filter.caseText = shown
        return el("a", ["href": link(filter.filterItems, context), "class": "reference"]) { shown }
    }

    private static func pager(_ page: AuditLogPage, _ query: AuditLogQuery, _ context: PageContext) -> Markup {
        guard page.newer != nil || page.older != nil else { return Markup() }
        return el("nav", ["class": "pager", "aria-label": context.t("ページ", "Pages")]) {
            if let newer = page.newer {
                el("a", ["href": link(query.filterItems + [("after", newer.uuidString)], context), "id": "newer", "rel": "prev"]) {
                    context.t("← 新しい記録", "← Newer")
                }
                el("a", ["href": link(query.filterItems, context), "id": "newest"]) { context.t("最新", "Newest") }
            }
            if let older = page.older {
                el("a", ["href": link(query.filterItems + [("before", older.uuidString)], context), "id": "older", "rel": "next"]) {
                    context.t("古い記録 →", "Older →")
                }
            }
        }
    }

    /// The log with these query items (and the reader's language); typed text is encoded whole, `&` and `#` too.
    private static func link(_ items: [(String, String)], _ context: PageContext) -> String {
        let all = items + (context.language == .ja ? [] : [("lang", context.language.rawValue)])
        guard !all.isEmpty else { return "/admin/audit" }
        let plain = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return "/admin/audit?" + all.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: plain) ?? "")" }.joined(separator: "&")
    }
}
