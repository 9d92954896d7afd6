import Foundation
import MadoguchiCore

/// `/counter`: start a Case for a life event, open one by reference, or pick an open one.
enum CounterHomeView {
    static func render(cases: [CaseRecord], catalog: Catalog, signedIn: SignedIn?, error: String?, _ context: PageContext) -> Markup {
        let title = context.t("窓口", "Counter")
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("h1") { title }
            el("p") {
                el("a", ["href": "/queue/desk", "id": "to-desk"]) { context.t("整理券の呼び出し", "Call tickets") }
                "　"
                el("a", ["href": "/paper", "id": "to-paper"]) { context.t("紙の申請書（AI-OCR）", "Paper forms (AI-OCR)") }
                "　"
                el("a", ["href": "/counter/certificates", "id": "to-certificates"]) { context.t("証明書の交付", "Certificates") }
            }
            if let error { el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"]) { el("p") { error } } }
            el("h2") { context.t("新しい案件", "New Case") }
            el("form", ["method": "post", "action": "/counter/cases", "class": "event-buttons"]) {
                el("input", ["type": "hidden", "name": CSRF.field, "value": signedIn?.csrfToken ?? ""])
                for event in catalog.events {
                    el("button", ["type": "submit", "name": "event", "value": event.id, "id": "new-\(event.id)"]) { context.t(event.name) }
                }
            }
            el("h2") { context.t("参照番号で開く", "Open by reference") }
            el("form", ["method": "get", "action": "/counter/open", "class": "filters"]) {
                el("label", ["for": "ref"]) { context.t("参照番号またはQRコード", "Reference or QR code") }
                el("input", ["type": "text", "id": "ref", "name": "ref", "autocomplete": "off", "autofocus": ""])
                el("button", ["type": "submit", "id": "open-ref"]) { context.t("開く", "Open") }
            }
            el("h2") { context.t("処理中の案件", "Open Cases") }
            el("table", ["class": "data", "id": "open-cases"]) {
                el("thead") {
                    el("tr") {
                        el("th") { context.t("参照番号", "Reference") }
                        el("th") { context.t("できごと", "Event") }
                        el("th") { context.t("状態", "State") }
                        el("th") { context.t("作成", "Created") }
                    }
                }
                el("tbody") {
                    for record in cases {
                        el("tr") {
                            el("td") { el("a", ["href": record.id.map { SitePath.counterCase($0).path } ?? ""]) { record.reference } }
                            el("td") { catalog.event(record.eventKind).map { context.t($0.name) } ?? record.eventKind }
                            el("td") { record.state.nameJa }
                            el("td") { record.createdAt.map { AuditView.timeFormat.string(from: $0) } ?? "" }
                        }
                    }
                }
            }
        }
    }
}
