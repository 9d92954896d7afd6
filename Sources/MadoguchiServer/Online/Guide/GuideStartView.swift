import MadoguchiCore

/// `/guide`: "what happened?" — the citizen starts from the life event, not from the org chart.
enum GuideStartView {
    static func render(catalog: Catalog, _ context: PageContext) -> Markup {
        let title = context.t("手続きガイド", "Procedure guide")
        return Layout.page(title: title, context) {
            el("h1") { title }
            el("p", ["class": "lead"]) {
                context.t("どんなことがありましたか？ 必要な手続き、期限、持ち物をご案内します。",
                          "What happened? We will tell you which procedures you need, by when, and what to bring.")
            }
            el("ul", ["class": "choices"]) {
                for event in catalog.events {
                    el("li") {
                        el("a", ["href": context.link(SitePath.guide(event: event.id).path), "id": "event-\(event.id)"]) {
                            context.t(event.name)
                            if context.language == .ja, let easy = event.name.easy {
                                el("small") { easy }
                            }
                        }
                    }
                }
                if !catalog.certificates.kinds.isEmpty {
                    el("li") {
                        el("a", ["href": context.link("/guide/certificates"), "id": "certificates"]) {
                            context.t("住民票の写しなど、証明書が必要", "I need a certificate (residence record and others)")
                        }
                    }
                }
            }
        }
    }
}

/// `/guide/{event}` first question: how many people — it decides how long the form is.
enum GuidePeopleView {
    static func render(event: EventDefinition, _ context: PageContext) -> Markup {
        let title = context.t(event.name)
        let question = event.subject == .moving
            ? context.t("引っ越す人と、同じ世帯の人は全部で何人ですか？", "How many people move, counting everyone in the household?")
            : context.t("世帯の人数は何人ですか？（関係する方全員）", "How many people are in the household (everyone concerned)?")
        return Layout.page(title: title, context) {
            el("p") { el("a", ["href": context.link("/guide")]) { context.t("← できごとを選び直す", "← Choose another event") } }
            el("h1") { title }
            el("form", ["method": "get", "action": SitePath.guide(event: event.id).path]) {
                if context.language != .ja { el("input", ["type": "hidden", "name": "lang", "value": context.language.rawValue]) }
                el("div", ["class": "field"]) {
                    el("label", ["for": "people"]) { question }
                    el("select", ["id": "people", "name": "people"]) {
                        for n in 1...GuideForm.maxPeople {
                            el("option", ["value": String(n), "selected": n == 1 ? "" : nil]) { (n == 1 ? context.t("1人", "1 person") : context.t("{0}人", "{0} people", n)) }
                        }
                    }
                }
                el("button", ["type": "submit", "id": "next"]) { context.t("次へ", "Continue") }
            }
        }
    }
}

/// `/`: the citizens' front page.
enum HomeView {
    static func render(catalog: Catalog, _ context: PageContext) -> Markup {
        let title = context.t("{0}の手続き窓口", "{0} — procedures", context.t(catalog.municipality))
        return Layout.page(title: title, context) {
            el("h1") { title }
            el("p", ["class": "lead"]) {
                context.t("引っ越し、出生、おくやみなど、くらしの出来事に必要な手続きを、窓口に来る前に確認できます。",
                          "Moving, a birth, a death in the family: see which procedures you need before you come to city hall.")
            }
            el("p") { el("a", ["class": "button", "href": context.link("/guide"), "id": "start-guide"]) { context.t("手続きガイドを始める", "Start the procedure guide") } }
            el("ul", ["id": "home-links"]) {
                el("li") { el("a", ["href": context.link("/reserve"), "id": "home-reserve"]) { context.t("来庁予約（待たずに手続き）", "Book a visit (no queueing)") } }
                el("li") { el("a", ["href": context.link("/congestion"), "id": "home-congestion"]) { context.t("窓口の混雑状況", "How busy the counters are") } }
                el("li") { el("a", ["href": context.link("/status"), "id": "home-status"]) { context.t("オンライン申請の状況", "Status of an online application") } }
            }
        }
    }
}
