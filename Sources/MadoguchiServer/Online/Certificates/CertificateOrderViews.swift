import Foundation
import MadoguchiCore

/// The citizen's pages of an online certificate request: the form, and the request's own page.
enum CertificateOrderViews {
    static func form(values: [String: String], errors: [FormFieldError], catalog: Catalog, hidden: Markup, _ context: PageContext) -> Markup {
        let title = context.t("証明書の郵送請求", "Request a certificate by post")
        let error = { (id: String) in errors.first { $0.fieldID == id }?.message }
        func field(_ id: String, _ label: String, hint: String?, type: String = "text", autocomplete: String = "off") -> Markup {
            el("div", ["class": error(id) == nil ? "field" : "field invalid"]) {
                el("label", ["for": id]) { label }
                if let hint { el("span", ["class": "hint", "id": "\(id)-hint"]) { hint } }
                if let message = error(id) { el("span", ["class": "field-error"]) { message } }
                if type == "textarea" {
                    // A whole address on up to two lines: `street-address` is for a multi-line field.
                    el("textarea", ["id": id, "name": id, "rows": "2", "autocomplete": autocomplete,
                                    "aria-describedby": hint == nil ? nil : "\(id)-hint", "aria-invalid": error(id) == nil ? nil : "true"]) { values[id] ?? "" }
                } else {
                    el("input", ["type": type, "id": id, "name": id, "value": values[id] ?? "", "autocomplete": autocomplete,
                                 "aria-describedby": hint == nil ? nil : "\(id)-hint", "aria-invalid": error(id) == nil ? nil : "true"])
                }
            }
        }
        let household = values["requester"] == CertificateRequester.household.rawValue
        return Layout.page(title: title, context) {
            el("p") { el("a", ["href": context.link("/guide/certificates")]) { context.t("← 証明書が必要な方", "← If you need a certificate") } }
            el("h1") { title }
            el("p", ["class": "lead"]) {
                context.t("住民登録をしている住所に郵送します。手数料と郵送料はこの画面から支払います。市の職員が本人確認書類を確かめてから送ります。",
                          "The certificate is posted to the address you are registered at. You pay the fee and the postage here. City staff check your photo ID before posting.")
            }
            if !errors.isEmpty { FormFields.errorSummary(errors, context) }
            el("form", ["method": "post", "action": context.link("/certificates/online"), "enctype": "multipart/form-data", "id": "order-form"]) {
                hidden
                el("fieldset", ["class": error("certificates") == nil ? "field" : "field invalid", "id": "certificates"]) {
                    el("legend") { context.t("どの証明書を何通", "Which certificates, how many copies") }
                    if let message = error("certificates") { el("span", ["class": "field-error"]) { message } }
                    for kind in catalog.certificates.byPost {
                        el("div", ["class": "certificate", "data-kind": kind.code]) {
                            el("label", ["for": "copies-\(kind.code)"]) {
                                context.t(kind.name) + context.t("（1通{0}円）", " ({0} yen a copy)", kind.fee)
                            }
                            el("input", ["type": "number", "id": "copies-\(kind.code)", "name": "copies-\(kind.code)", "min": "0",
                                         "max": String(CertificateRequest.maximumCopies), "inputmode": "numeric", "value": values["copies-\(kind.code)"] ?? "0"])
                            for option in CertificateOption.allCases where kind.options.contains(option) {
                                let box = "option-\(kind.code)-\(option.rawValue)"
                                el("label", ["class": "check"]) {
                                    el("input", ["type": "checkbox", "id": box, "name": box, "value": "on", "checked": values[box] == "on" ? "" : nil])
                                    context.t("{0}を載せる", "Show: {0}", context.t(option.name))
                                }
                            }
                        }
                    }
                    el("p", ["class": "hint"]) { context.t("郵送料：{0}円", "Postage: {0} yen", catalog.certificates.postage) }
                }
                el("fieldset", ["class": "field"]) {
                    el("legend") { context.t("だれが請求しますか", "Who is asking?") }
                    for requester in [CertificateRequester.person, .household] {
                        el("label", ["class": "check"]) {
                            el("input", ["type": "radio", "name": "requester", "id": "requester-\(requester.rawValue)", "value": requester.rawValue,
                                         "checked": (requester == .household) == household ? "" : nil])
                            context.t(requester.name)
                        }
                    }
                }
                field("subjectName", context.t("証明書が必要な方の氏名（同一世帯の方が請求するとき）", "Name of the person the certificate is for (when asking for someone of your household)"), hint: nil)
                field("name", context.t("請求する方の氏名", "Your name"), hint: nil, autocomplete: "name")
                field("birthDate", context.t("請求する方の生年月日", "Your date of birth"), hint: context.t("例 1986-07-14 または 昭和61年7月14日", "For example 1986-07-14"), autocomplete: "bday")
                field("address", context.t("住民登録をしている住所", "The address you are registered at"), hint: context.t("ここに郵送します。", "The certificate is posted here."), type: "textarea", autocomplete: "street-address")
                field("email", context.t("メールアドレス", "Email address"), hint: context.t("受付と発送をお知らせします。", "We tell you when it is received and posted."), type: "email", autocomplete: "email")
                field("purpose", context.t("使いみち・提出先（個人番号を載せるときは必ず）", "What it is for, where you submit it (required with the My Number)"), hint: nil)
                el("div", ["class": error("identity") == nil ? "field" : "field invalid"]) {
                    el("label", ["for": "identity"]) { context.t("本人確認書類", "Photo ID") }
                    el("span", ["class": "hint", "id": "identity-hint"]) {
                        context.t("運転免許証やマイナンバーカードの表面など。JPEG・PNG・PDF、5MBまで。", "A driving licence or the front of a My Number card. JPEG, PNG or PDF, up to 5 MB.")
                    }
                    if let message = error("identity") { el("span", ["class": "field-error"]) { message } }
                    el("input", ["type": "file", "id": "identity", "name": "identity", "accept": "image/jpeg,image/png,application/pdf",
                                 "aria-describedby": "identity-hint"])
                }
                el("button", ["type": "submit", "id": "to-payment"]) { context.t("支払いへ進む", "Go on to payment") }
            }
        }
    }

    static func order(_ order: CertificateOrder, declined: Bool, providerDown: Bool, catalog: Catalog, hidden: Markup, mailOn: Bool, _ context: PageContext) -> Markup {
        let title = context.t("証明書の郵送請求", "Request a certificate by post")
        return Layout.page(title: title, context) {
            el("h1") { title }
            el("p") { context.t("受付番号 ", "Reference ") ; el("strong", ["id": "order-reference"]) { order.reference } }
            el("p", ["class": "lead", "id": "order-state", "data-state": order.state.rawValue]) { context.t(order.state.name) }
            if order.state == .awaitingPayment {
                if providerDown {
                    el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1", "id": "provider-down"]) {
                        el("p") { context.t("決済サービスにつながりませんでした。請求は保存されています。もう一度お支払いください。",
                                            "The payment service could not be reached. Your request is saved: please pay again.") }
                    }
                } else if declined {
                    el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1", "id": "not-paid"]) {
                        el("p") { context.t("お支払いが済んでいません。もう一度お支払いください。", "The payment is not complete. Please pay again.") }
                    }
                }
            }
            el("ul", ["class": "procedures", "id": "order-items"]) {
                for item in order.items.items {
                    el("li", ["data-kind": item.kind]) {
                        (catalog.certificates.kind(item.kind).map { context.t($0.name) } ?? item.kind) + context.t("　{0}通", " × {0}", item.copies)
                    }
                }
            }
            el("p", ["id": "order-total"]) {
                context.t("合計 {0}円（手数料 {1}円、郵送料 {2}円）", "Total {0} yen (fees {1} yen, postage {2} yen)", order.total, order.fees, order.postage)
            }
            switch order.state {
            case .awaitingPayment:
                el("form", ["method": "post", "action": context.link("/certificates/online/\(order.id?.uuidString ?? "")/pay")]) {
                    hidden
                    el("button", ["type": "submit", "id": "pay-again"]) { context.t("支払う", "Pay") }
                }
            case .paid:
                el("p") { context.t("市の職員が本人確認書類を確かめてから郵送します。", "City staff check your photo ID, then post the certificate.") }
            case .issued:
                el("p") { context.t("住民登録をしている住所に郵送しました。", "It was posted to the address you are registered at.") }
            case .refused:
                el("p", ["id": "refusal"]) { context.t("理由：", "Reason: ") + (order.refusal ?? "") }
                el("p") { context.t("支払った金額は返金しました。", "What you paid was refunded.") }
            case .cancelled:
                Markup()
            }
            el("p", ["class": "hint"]) {
                context.t("このページのアドレスを保存すると、後で状況を確認できます。", "Keep this page's address to check the state later.")
                if mailOn { " " + context.t("メールでもお知らせします。", "We also tell you by email.") }
            }
        }
    }
}
