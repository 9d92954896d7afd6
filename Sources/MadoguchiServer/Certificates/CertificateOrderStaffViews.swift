import Foundation
import MadoguchiCore

/// The counter's pages for online certificate requests: the list waiting for a check, and one request.
enum CertificateOrderStaffViews {
    static func list(waiting: [CertificateOrder], decided: [CertificateOrder], catalog: Catalog, signedIn: SignedIn?, _ context: PageContext) -> Markup {
        let title = context.t("証明書の郵送請求（オンライン）", "Certificates requested online")
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("p") { el("a", ["href": "/counter/certificates"]) { context.t("← 証明書の交付", "← Issuing certificates") } }
            el("h1") { title }
            el("h2") { context.t("確認待ち（支払い済み）{0}件", "Waiting for a check (paid): {0}", waiting.count) }
            table(waiting, catalog: catalog, id: "orders-waiting", context)
            el("h2") { context.t("最近の処理", "Recently decided") }
            table(decided, catalog: catalog, id: "orders-decided", context)
        }
    }

    private static func table(_ orders: [CertificateOrder], catalog: Catalog, id: String, _ context: PageContext) -> Markup {
        el("table", ["class": "data", "id": id]) {
            el("thead") { el("tr") {
                for heading in [context.t("受付番号", "Reference"), context.t("対象", "For"), context.t("証明書", "Certificates"),
                                context.t("金額", "Amount"), context.t("状態", "State")] { el("th") { heading } }
            } }
            el("tbody") {
                for order in orders {
                    el("tr", ["data-reference": order.reference]) {
                        el("td") { el("a", ["href": "/counter/certificates/online/\(order.id?.uuidString ?? "")", "id": "order-\(order.reference)"]) { order.reference } }
                        el("td") { order.subject }
                        el("td") { items(order, catalog) }
                        el("td") { "\(order.total)円" }
                        el("td") { context.t(order.state.name) + (order.issuanceNumber.map { " \($0)" } ?? "") }
                    }
                }
            }
        }
    }

    static func order(_ order: CertificateOrder, candidates: [Resident], problems: [String], catalog: Catalog, signedIn: SignedIn?,
                      _ context: PageContext) -> Markup {
        let title = context.t("郵送請求", "Request by post") + " " + order.reference
        let id = order.id?.uuidString ?? ""
        let csrf = signedIn?.csrfToken ?? ""
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("p") { el("a", ["href": "/counter/certificates/online"]) { context.t("← 郵送請求の一覧", "← Requests by post") } }
            el("h1") { title }
            el("p", ["class": "lead", "id": "order-state", "data-state": order.state.rawValue]) {
                context.t(order.state.name)
                if let number = order.issuanceNumber { "　" + context.t("交付番号 {0}", "Issuance {0}", number) }
            }
            if !problems.isEmpty {
                el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1", "id": "order-problems"]) {
                    el("h2") { context.t("交付できません", "Cannot be issued") }
                    el("ul") { for problem in problems { el("li") { problem } } }
                }
            }
            el("section", ["class": "panel", "id": "order-request"]) {
                el("h2") { context.t("請求の内容", "The request") }
                el("dl") {
                    el("dt") { context.t("証明書", "Certificates") }
                    el("dd") { items(order, catalog) }
                    el("dt") { context.t("請求者", "Asked by") }
                    el("dd") {
                        "\(order.name)（\(order.birthDate)）" + " "
                            + (CertificateRequester(rawValue: order.requester).map { context.t($0.name) } ?? order.requester)
                    }
                    if let subject = order.subjectName {
                        el("dt") { context.t("対象の方", "For") }
                        el("dd") { subject }
                    }
                    el("dt") { context.t("住所（郵送先）", "Address (posted to)") }
                    el("dd", ["id": "order-address"]) { order.address }
                    el("dt") { context.t("使いみち", "Purpose") }
                    el("dd") { order.purpose.isEmpty ? "—" : order.purpose }
                    el("dt") { context.t("支払い", "Payment") }
                    el("dd") { "\(order.total)円（" + context.t("手数料", "fees") + " \(order.fees)円、" + context.t("郵送料", "postage") + " \(order.postage)円）" }
                    el("dt") { context.t("本人確認書類", "Photo ID") }
                    el("dd") {
                        el("a", ["href": "/counter/certificates/online/\(id)/identity", "id": "identity-document", "target": "_blank"]) {
                            order.identityFileName.isEmpty ? order.identityKind.uppercased() : order.identityFileName
                        }
                    }
                    if let refusal = order.refusal {
                        el("dt") { context.t("交付しない理由", "Refused because") }
                        el("dd", ["id": "order-refusal"]) { refusal }
                    }
                }
            }
            if order.state == .paid {
                el("form", ["method": "post", "action": "/counter/certificates/online/\(id)/issue", "id": "issue-form", "class": "panel"]) {
                    el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                    el("h2") { context.t("住民記録の対象の方", "The resident in the records") }
                    if candidates.isEmpty { el("p", ["class": "hint"]) { context.t("同じ氏名の方が見つかりません。", "No one of that name was found.") } }
                    for resident in candidates {
                        let same = resident.birthDate.iso == order.birthDate || order.subjectName != nil
                        el("label", ["class": "choice" + (same ? " match" : "")]) {
                            el("input", ["type": "radio", "name": "resident", "value": resident.code, "id": "resident-\(resident.code)"])
                            "\(resident.name.full)（\(resident.furigana ?? "")）\(resident.birthDate.iso)　\(resident.address.lines.joined(separator: "　"))"
                        }
                    }
                    el("label", ["class": "choice"]) {
                        el("input", ["type": "checkbox", "name": "identityChecked", "id": "identityChecked"])
                        context.t("本人確認書類を確かめた（氏名・生年月日・住所が住民記録と同じ）", "Photo ID checked (name, birth date and address as in the records)")
                    }
                    if order.items.items.contains(where: { catalog.certificates.kind($0.kind)?.requires.contains(.honsekiInCity) == true }) {
                        el("label", ["class": "choice"]) {
                            el("input", ["type": "checkbox", "name": "seen-honsekiInCity", "id": "seen-honsekiInCity"])
                            context.t("本籍がこの市にあることを確認した", "The family register is in this city")
                        }
                    }
                    el("button", ["type": "submit", "id": "issue-order"]) { context.t("交付して郵送する", "Issue and post") }
                }
                el("form", ["method": "post", "action": "/counter/certificates/online/\(id)/refuse", "id": "refuse-form", "class": "panel"]) {
                    el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                    el("h2") { context.t("交付しない", "Refuse") }
                    el("label", ["for": "reason"]) { context.t("理由（請求者にメールで伝わります。支払いは全額返金します）", "Reason (mailed to the requester; the payment is refunded in full)") }
                    el("input", ["type": "text", "id": "reason", "name": "reason", "maxlength": "200", "autocomplete": "off"])
                    el("button", ["type": "submit", "class": "secondary", "id": "refuse-order"]) { context.t("返金して交付しない", "Refund and refuse") }
                }
            }
        }
    }

    private static func items(_ order: CertificateOrder, _ catalog: Catalog) -> String {
        order.items.items.map { item in
            (catalog.certificates.kind(item.kind)?.name.ja ?? item.kind) + "×\(item.copies)"
                + (item.options.isEmpty ? "" : "（" + item.options.compactMap { CertificateOption(rawValue: $0)?.name.ja }.joined(separator: "・") + "）")
        }.joined(separator: "、")
    }
}
