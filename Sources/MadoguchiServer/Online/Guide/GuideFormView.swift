import MadoguchiCore

/// The household form of one life event: dates, household, then one block per person.
/// Every question comes from the catalog; the same form re-renders with the citizen's answers and
/// an error summary at the top that links to each wrong field.
enum GuideFormView {
    static func render(form: GuideForm, catalog: Catalog, _ context: PageContext) -> Markup {
        let event = form.event
        let title = context.t(event.name)
        let questions = Dictionary(uniqueKeysWithValues: (catalog.memberQuestions + catalog.householdQuestions).map { ($0.id, $0) })
        return Layout.page(title: title, context) {
            el("p") { el("a", ["href": context.link(SitePath.guide(event: event.id).path)]) { context.t("← 人数を選び直す", "← Change the number of people") } }
            el("h1") { title }
            if !form.errors.isEmpty { FormFields.errorSummary(form.errors, context) }
            el("form", ["method": "post", "action": context.link(SitePath.guide(event: event.id).path), "novalidate": ""]) {
                el("input", ["type": "hidden", "name": "people", "value": String(form.people)])
                el("fieldset") {
                    el("legend") { context.t("日付", "Dates") }
                    for (name, label) in event.dates {
                        FormFields.textField(id: name.rawValue, label: context.t(label),
                                  hint: context.t("例 2026-04-01 または 令和8年4月1日", "For example 2026-04-01"),
                                  form: form, required: name == .eventDate, context)
                    }
                }
                if !event.householdQuestions.isEmpty {
                    el("fieldset") {
                        el("legend") { context.t("世帯のこと", "Your household") }
                        for id in event.householdQuestions {
                            if let question = questions[id] { FormFields.field(question, id: id, form: form, context) }
                        }
                    }
                }
                for index in 0..<form.people {
                    el("fieldset", ["id": "m\(index)"]) {
                        el("legend") { context.t("{0}人目", "Person {0}", index + 1) }
                        if let message = form.error(for: "m\(index)") { el("span", ["class": "field-error"]) { message } }
                        for id in memberQuestionIDs(event) {
                            if let question = questions[id] {
                                if case .multipleChoice = question.kind {
                                    FormFields.benefits(question, id: "m\(index)-\(id)", boxID: { GuideForm.benefitField(index, $0) }, form: form, context)
                                } else {
                                    FormFields.field(question, id: "m\(index)-\(id)", form: form, context)
                                }
                            }
                        }
                    }
                }
                el("button", ["type": "submit", "id": "show-procedures"]) { context.t("必要な手続きを見る", "Show my procedures") }
            }
        }
    }

    /// The four basic questions first, then the event's own, each once.
    static func memberQuestionIDs(_ event: EventDefinition) -> [String] {
        var seen = Set<String>()
        return (["relation", "sex", "birthDate"] + event.memberQuestions).filter { seen.insert($0).inserted }
    }
}
