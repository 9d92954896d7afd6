import MadoguchiCore

/// What a form shows: the values as typed and the errors to point at. The guide's household form and the
/// counter's Case form both render through `FormFields`.
protocol FormValues {
    var values: [String: String] { get }
    func error(for id: String) -> String?
    /// A field whose value was just filled from elsewhere (a card read), to be marked for staff to check.
    func isChanged(_ id: String) -> Bool
}

extension FormValues {
    func value(_ id: String) -> String { values[id] ?? "" }
    func isOn(_ id: String) -> Bool { values[id] == "on" }
    func isChanged(_ id: String) -> Bool { false }
}

/// An error shown next to a field and in the summary at the top.
struct FormFieldError: Sendable {
    let fieldID: String
    let message: String
}

/// Labels, inputs and error texts for catalog questions, in one accessible way.
enum FormFields {
    static func errorSummary(_ errors: [FormFieldError], _ context: PageContext) -> Markup {
        el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"]) {
            el("h2") { context.t("入力内容を確認してください", "There is a problem") }
            el("ul") {
                for error in errors {
                    el("li") { el("a", ["href": "#\(error.fieldID)"]) { error.message } }
                }
            }
        }
    }

    static func field(_ question: Question, id: String, form: some FormValues, _ context: PageContext) -> Markup {
        // Whom the question can concern travels with it: the page's script hides it for anyone else.
        guard let scope = question.scope else { return unscopedField(question, id: id, form: form, context) }
        let attributes = scope.attributes
        return el("div", ["class": "scoped", "data-ages": attributes["data-ages"], "data-sex": attributes["data-sex"],
                          "data-relations": attributes["data-relations"]]) { unscopedField(question, id: id, form: form, context) }
    }

    private static func unscopedField(_ question: Question, id: String, form: some FormValues, _ context: PageContext) -> Markup {
        let label = context.t(question.label)
        let hint = question.hint.map { context.t($0) }
        switch question.kind {
        case .choice(let options):
            let required = question.id == "relation" || question.id == "sex"
            return wrapper(id: id, form: form) {
                el("label", ["for": id]) { label }
                if let hint { el("span", ["class": "hint"]) { hint } }
                errorText(id, form)
                // A family question names the answer a saved Case gives a person nobody asked yet (the store keeps
                // an unanswered insurance as none, 加入していない・わからない): the first person's answer replaces it.
                el("select", ["id": id, "name": id, "data-family": question.family ? (MemberFacts.unanswered[question.id] ?? "") : nil]) {
                    // Nothing is chosen for anyone until they choose: a first option shown as if chosen once put
                    // whole families on 勤務先の健康保険 and silently off 国民健康保険.
                    if required || question.id == "pensionCategory" || form.value(id).isEmpty {
                        el("option", ["value": ""]) { context.t("選択してください", "Choose") }
                    }
                    for option in options {
                        el("option", ["value": option.value, "selected": form.value(id) == option.value ? "" : nil,
                                      "data-others": question.family ? option.forOthers : nil]) { context.t(option.label) }
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

    /// Checkboxes of a multiple choice; `boxID` names each option's box.
    static func benefits(_ question: Question, id: String, boxID: (String) -> String, form: some FormValues, _ context: PageContext) -> Markup {
        guard case .multipleChoice(let options) = question.kind else { return Markup() }
        return wrapper(id: id, form: form) {
            el("span", ["class": "label", "id": id]) { context.t(question.label) }
            errorText(id, form)
            for option in options {
                let box = boxID(option.value)
                el("label", ["class": "check", "for": box]) {
                    el("input", ["type": "checkbox", "id": box, "name": box, "value": "on", "checked": form.isOn(box) ? "" : nil])
                    context.t(option.label)
                }
            }
        }
    }

    static func textField(id: String, label: String, hint: String?, form: some FormValues, required: Bool,
                          list: String? = nil, inputMode: String? = nil, _ context: PageContext) -> Markup {
        wrapper(id: id, form: form) {
            el("label", ["for": id]) { label + (required ? "" : context.t("（任意）", " (optional)")) }
            if let hint { el("span", ["class": "hint", "id": "\(id)-hint"]) { hint } }
            errorText(id, form)
            el("input", ["type": "text", "id": id, "name": id, "value": form.value(id), "autocomplete": "off",
                         "list": list, "inputmode": inputMode,
                         "aria-describedby": hint == nil ? nil : "\(id)-hint",
                         "aria-invalid": form.error(for: id) == nil ? nil : "true"])
        }
    }

    private static func wrapper(id: String, form: some FormValues, @MarkupBuilder _ content: () -> Markup) -> Markup {
        el("div", ["class": (form.error(for: id) == nil ? "field" : "field invalid") + (form.isChanged(id) ? " changed" : "")]) { content() }
    }

    private static func errorText(_ id: String, _ form: some FormValues) -> Markup {
        guard let message = form.error(for: id) else { return Markup() }
        return el("span", ["class": "field-error"]) { message }
    }
}
