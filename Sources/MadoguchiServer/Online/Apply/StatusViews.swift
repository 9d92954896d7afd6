import MadoguchiCore

enum StatusView {
    static func form(reference: String, error: String?, hidden: Markup, _ context: PageContext) -> Markup {
        let title = context.t("申請状況の確認", "Application status")
        return Layout.page(title: title, context) {
            el("h1") { title }
            if let error { el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"]) { el("p", ["id": "status-error"]) { error } } }
            el("form", ["method": "post", "action": context.link("/status", [])]) {
                hidden
                el("div", ["class": "field"]) {
                    el("label", ["for": "reference"]) { context.t("受付番号", "Reference") }
                    el("input", ["type": "text", "id": "reference", "name": "reference", "value": reference, "autocomplete": "off",
                                 "autocapitalize": "characters"])
                }
                el("div", ["class": "field"]) {
                    el("label", ["for": "birthDate"]) { context.t("申請者の生年月日", "Applicant's date of birth") }
                    el("span", ["class": "hint"]) { context.t("例 1986-07-14 または 昭和61年7月14日", "For example 1986-07-14") }
                    el("input", ["type": "text", "id": "birthDate", "name": "birthDate", "autocomplete": "bday"])
                }
                el("button", ["type": "submit", "id": "look-up"]) { context.t("確認する", "Look up") }
            }
        }
    }

    static func result(record: CaseRecord, procedures: [CaseProcedureRecord], birthDate: String, catalog: Catalog,
                       hidden: Markup, _ context: PageContext) -> Markup {
        let title = context.t("申請状況", "Application status")
        return Layout.page(title: title, context) {
            el("h1") { title }
            el("p") { context.t("受付番号 ", "Reference ") ; el("strong", ["id": "reference"]) { record.reference } }
            if record.withdrawnAt != nil || record.state == .cancelled {
                el("p", ["class": "notice", "id": "withdrawn"]) { context.t("この申請は取り下げられました。", "This application was withdrawn.") }
            }
            el("h2") { context.t("手続きごとの状況", "Each procedure") }
            el("ul", ["class": "procedures", "id": "status-procedures"]) {
                for procedure in procedures.inVisitingOrder(catalog) {
                    let definition = catalog.procedures[procedure.code]
                    el("li", ["class": "procedure", "data-code": procedure.code, "data-status": procedure.status.rawValue]) {
                        el("h3") { definition.map { context.t($0.name) } ?? procedure.code }
                        el("p", ["class": "state"]) { citizenState(procedure, online: definition?.online == true, context) }
                        if procedure.status == .waiting { ProcedureWhereAndWhen.markup(procedure, catalog: catalog, context) }
                    }
                }
            }
            if record.withdrawnAt == nil, (try? CaseStateMachine.state(after: .cancel, from: record.state)) != nil {
                // Two steps, without JavaScript: the disclosure first, then the button that withdraws.
                el("details", ["class": "confirm-step", "id": "withdraw-step"]) {
                    el("summary") { context.t("この申請を取り下げる", "Withdraw this application") }
                    el("p") { context.t("取り下げると元に戻せません。窓口でのお手続きが必要な場合は、改めて申請してください。",
                                        "A withdrawal cannot be undone. To apply again, start a new application.") }
                    el("form", ["method": "post", "action": context.link("/status/withdraw", [])]) {
                        hidden
                        el("input", ["type": "hidden", "name": "reference", "value": record.reference])
                        el("input", ["type": "hidden", "name": "birthDate", "value": birthDate])
                        el("input", ["type": "hidden", "name": "confirm", "value": "yes"])
                        el("button", ["type": "submit", "class": "secondary", "id": "withdraw"]) { context.t("はい、取り下げます", "Yes, withdraw it") }
                    }
                }
            }
        }
    }

    static func withdrawn(reference: String, _ context: PageContext) -> Markup {
        let title = context.t("申請を取り下げました", "Application withdrawn")
        return Layout.page(title: title, context) {
            el("h1") { title }
            el("p", ["id": "withdrawn"]) { context.t("受付番号 {0} の申請を取り下げました。", "The application {0} was withdrawn.", reference) }
        }
    }

    /// A procedure's state in the citizen's words.
    static func citizenState(_ procedure: CaseProcedureRecord, online: Bool, _ context: PageContext) -> String {
        switch procedure.status {
        case .waiting: context.t("窓口でお手続きください（受付番号かQRコードを見せてください）", "Please come to the counter (show the reference or QR code)")
        case .open: online ? context.t("担当課で確認しています", "Being reviewed") : context.t("窓口で手続き中です", "In progress at the counter")
        case .done: online ? context.t("受理されました", "Accepted") : context.t("完了しました", "Completed")
        case .returned: context.t("差し戻されました：", "Returned: ") + (procedure.returnedReason ?? "")
        }
    }
}
