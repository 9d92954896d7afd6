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
            el("p") { el("a", ["href": context.link("/guide/\(event.id)")]) { context.t("← 人数を選び直す", "← Change the number of people") } }
            el("h1") { title }
            if !form.errors.isEmpty { errorSummary(form.errors, context) }
            el("form", ["method": "post", "action": context.link("/guide/\(event.id)"), "novalidate": ""]) {
                el("input", ["type": "hidden", "name": "people", "value": String(form.people)])
                el("fieldset") {
                    el("legend") { context.t("日付", "Dates") }
                    for (name, label) in event.dates {
                        textField(id: name.rawValue, label: context.t(label),
                                  hint: context.t("例 2026-04-01 または 令和8年4月1日", "For example 2026-04-01"),
                                  form: form, required: name == .eventDate, context)
                    }
                }
                if !event.householdQuestions.isEmpty {
                    el("fieldset") {
                        el("legend") { context.t("世帯のこと", "Your household") }
                        for id in event.householdQuestions {
                            if let question = questions[id] { field(question, id: id, form: form, context) }
                        }
                    }
                }
                for index in 0..<form.people {
                    el("fieldset", ["id": "m\(index)"]) {
                        el("legend") { context.t("\(index + 1)人目", "Person \(index + 1)") }
                        if let message = form.error(for: "m\(index)") { el("span", ["class": "field-error"]) { message } }
                        for id in memberQuestionIDs(event) {
                            if let question = questions[id] {
                                if case .multipleChoice = question.kind {
                                    benefits(question, index: index, form: form, context)
                                } else {
                                    field(question, id: "m\(index)-\(id)", form: form, context)
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

    static func errorSummary(_ errors: [GuideForm.FieldError], _ context: PageContext) -> Markup {
        el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"]) {
            el("h2") { context.t("入力内容を確認してください", "There is a problem") }
            el("ul") {
                for error in errors {
                    el("li") { el("a", ["href": "#\(error.fieldID)"]) { error.message } }
                }
            }
        }
    }

    static func field(_ question: Question, id: String, form: GuideForm, _ context: PageContext) -> Markup {
        let label = context.t(question.label)
        let hint = question.hint.map { context.t($0) }
        switch question.kind {
        case .choice(let options):
            let required = question.id == "relation" || question.id == "sex"
            return wrapper(id: id, form: form) {
                el("label", ["for": id]) { label }
                if let hint { el("span", ["class": "hint"]) { hint } }
                errorText(id, form)
                el("select", ["id": id, "name": id]) {
                    if required || question.id == "pensionCategory" {
                        el("option", ["value": ""]) { context.t("選択してください", "Choose") }
                    }
                    for option in options {
                        el("option", ["value": option.value, "selected": form.value(id) == option.value ? "" : nil]) { context.t(option.label) }
                    }
                }
            }
        case .yesNo:
            return wrapper(id: id, form: form) {
                errorText(id, form)
                el("label", ["class": "check", "for": id]) {
                    el("input", ["type": "checkbox", "id": id, "name": id, "value": "on", "checked": form.isOn(id) ? "" : nil])
                    label
                }
            }
        case .count:
            return wrapper(id: id, form: form) {
                el("label", ["for": id]) { label }
                errorText(id, form)
                el("input", ["type": "number", "id": id, "name": id, "min": "0", "max": "99", "inputmode": "numeric",
                             "value": form.values[id] ?? "0"])
            }
        case .date, .country:
            return textField(id: id, label: label, hint: hint, form: form, required: question.kind == .date, context)
        case .multipleChoice:
            return Markup()
        }
    }

    static func benefits(_ question: Question, index: Int, form: GuideForm, _ context: PageContext) -> Markup {
        guard case .multipleChoice(let options) = question.kind else { return Markup() }
        let id = "m\(index)-\(question.id)"
        return wrapper(id: id, form: form) {
            el("span", ["class": "label", "id": id]) { context.t(question.label) }
            errorText(id, form)
            for option in options {
                let box = GuideForm.benefitField(index, option.value)
                el("label", ["class": "check", "for": box]) {
                    el("input", ["type": "checkbox", "id": box, "name": box, "value": "on", "checked": form.isOn(box) ? "" : nil])
                    context.t(option.label)
                }
            }
        }
    }

    static func textField(id: String, label: String, hint: String?, form: GuideForm, required: Bool, _ context: PageContext) -> Markup {
        wrapper(id: id, form: form) {
            el("label", ["for": id]) { label + (required ? "" : context.t("（任意）", " (optional)")) }
            if let hint { el("span", ["class": "hint", "id": "\(id)-hint"]) { hint } }
            errorText(id, form)
            el("input", ["type": "text", "id": id, "name": id, "value": form.value(id), "autocomplete": "off",
                         "aria-describedby": hint == nil ? nil : "\(id)-hint",
                         "aria-invalid": form.error(for: id) == nil ? nil : "true"])
        }
    }

    private static func wrapper(id: String, form: GuideForm, @MarkupBuilder _ content: () -> Markup) -> Markup {
        el("div", ["class": form.error(for: id) == nil ? "field" : "field invalid"]) { content() }
    }

    private static func errorText(_ id: String, _ form: GuideForm) -> Markup {
        guard let message = form.error(for: id) else { return Markup() }
        return el("span", ["class": "field-error"]) { message }
    }
}
