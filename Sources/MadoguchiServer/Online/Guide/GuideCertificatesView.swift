import MadoguchiCore

/// `/guide/certificates`: "I need a certificate" — which certificates the city issues, what each costs, who may
/// ask for it and what to bring, from the catalog (`certificates.yaml`).
enum GuideCertificatesView {
    static func render(catalog: Catalog, byPost: Bool, _ context: PageContext) -> Markup {
        let title = context.t("証明書が必要な方", "If you need a certificate")
        return Layout.page(title: title, context) {
            el("p") { el("a", ["href": context.link("/guide")]) { context.t("← 手続きガイド", "← Procedure guide") } }
            el("h1") { title }
            el("p", ["class": "lead"]) {
                context.t("証明書は窓口で交付します。整理券は受付の「証明書」のボタンで取れます。",
                          "Certificates are issued at the counter. Take a ticket with the \"Certificates\" button at the reception.")
            }
            if byPost, !catalog.certificates.byPost.isEmpty {
                el("p") {
                    el("a", ["href": context.link("/certificates/online"), "id": "order-online", "class": "button"]) {
                        context.t("来なくても大丈夫：郵送で請求する（オンライン）", "No need to come: request it by post (online)")
                    }
                }
            }
            el("ul", ["class": "procedures", "id": "certificates"]) {
                for kind in catalog.certificates.kinds {
                    el("li", ["class": "procedure", "data-kind": kind.code]) {
                        el("h2") { context.t(kind.name) }
                        if byPost, kind.byPost {
                            el("p", ["class": "hint"]) { context.t("郵送でも請求できます。", "Can also be requested by post.") }
                        }
                        el("p") {
                            context.t("手数料：1通{0}円", "Fee: {0} yen a copy", kind.fee)
                            if let section = catalog.section(kind.section) { " (" + context.t(section.name) + ")" }
                        }
                        el("p") {
                            el("strong") { context.t("請求できる方：", "Who may ask: ") }
                            CertificateRequester.allCases.filter(kind.requesters.contains).map { context.t($0.name) }
                                .joined(separator: context.t("、", ", "))
                        }
                        el("p", ["class": "label"]) { context.t("持ち物", "What to bring") }
                        el("ul") {
                            el("li") { context.t("窓口に来る方の本人確認書類（マイナンバーカード、運転免許証など）",
                                                 "Photo ID of whoever comes (My Number card, driving licence …)") }
                            if kind.requesters.contains(.agent), !kind.requires.contains(.sealCard) {
                                el("li") { context.t("代理人が来るときは委任状", "A letter of attorney if an agent comes") }
                            }
                            if kind.requires.contains(.sealCard) { el("li") { context.t("印鑑登録証（カード）", "The seal registration card") } }
                            if kind.requires.contains(.honsekiInCity) {
                                el("li") { context.t("本籍が{0}にある方のものだけです", "Only for a family register kept in {0}", context.t(catalog.municipality)) }
                            }
                        }
                    }
                }
            }
        }
    }
}
