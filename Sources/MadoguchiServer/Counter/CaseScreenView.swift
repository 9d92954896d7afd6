import Foundation
import MadoguchiCore

/// What the Case screen shows.
struct CaseScreen {
    let record: CaseRecord
    let form: CaseForm
    let procedures: [CaseProcedureRecord]
    let timeline: [CaseTimelineEntry]
    /// What is still needed before the citizen can confirm.
    let missing: [CaseGap]
    let search: String?
    let found: [Resident]
    let notice: String?
    /// The queue counter that called this Case's ticket (`/queue/desk/JUMIN/1`) and the ticket, to go back to it.
    var desk: (path: SitePath, ticket: String)? = nil
    /// Files the citizen attached to an online application.
    var attachments: [AttachmentSummary] = []
    /// How many registered members each found resident's household has (the whole-household button).
    var householdSizes: [String: Int] = [:]
    /// Movements handed to the registry that match the search but are not in the copy yet.
    var pendingChanges: [ResidentChanges.Change] = []
    /// Cards the staff member's reader delivered, waiting to be put into a person (a draft only).
    var cardReads: [CardReadRecord] = []
    /// What the forms ask beyond the household, as kept (typed here or read from paper).
    var details: [CaseDetail] = []
}

/// `/counter/cases/{id}`: the whole Case on one screen, keyboard first — identity, addresses, the
/// interview, the procedures with their sections' status, the actions, the timeline.
enum CaseScreenView {
    static func render(_ screen: CaseScreen, catalog: Catalog, signedIn: SignedIn?, _ context: PageContext) async throws -> Markup {
        let record = screen.record
        let editable = record.state == .draft
        let form = editable ? screen.form.showingLocalDefaults(catalog.localAddresses) : screen.form
        let event = form.event
        let id = try record.requireID()
        let csrf = signedIn?.csrfToken ?? ""
        let title = "\(context.t(event.name)) \(record.reference)"
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("p") { el("a", ["href": "/counter"]) { context.t("← 窓口", "← Counter") } }
            if let desk = screen.desk {
                el("p", ["class": "notice", "id": "called-ticket"]) {
                    context.t("整理券 \(desk.ticket) で呼び出しました。", "Called with ticket \(desk.ticket). ")
                    el("a", ["href": desk.path.path, "id": "back-to-desk"]) { context.t("呼び出し画面へ戻る", "Back to the counter calling") }
                }
            }
            el("h1") {
                context.t(event.name)
                " "
                el("span", ["class": "reference", "id": "case-reference"]) { record.reference }
            }
            el("p", ["class": "state", "id": "case-state", "data-state": record.state.rawValue]) {
                context.t("状態：", "State: ") + record.state.nameJa
            }
            if screen.notice == "saved" { el("p", ["class": "notice", "role": "status"]) { context.t("保存しました。", "Saved.") } }
            if screen.notice == "card" {
                el("p", ["class": "notice", "role": "status", "id": "card-notice"]) {
                    context.t("カードの内容を入れました。色の付いた項目を確認してください。", "The card's items were filled in: check the marked fields.")
                }
            }
            if screen.notice == "card-my-number" {
                el("p", ["class": "notice", "role": "status"]) {
                    context.t("次に読み取るカードの個人番号も読み取ります（5分間）。", "The next card read will include its My Number (for 5 minutes).")
                }
            }
            if screen.notice == "resent" { el("p", ["class": "notice", "role": "status"]) { context.t("担当課へ再送しました。", "Sent to the section again.") } }
            if !form.errors.isEmpty { FormFields.errorSummary(form.errors, context) }

            // On a counter's wide screen: the Case form on the left, the procedures beside it (CSS).
            el("div", ["class": "case-layout"]) {
            el("div", ["class": "case-main"]) {
            actions(record, missing: screen.missing, csrf: csrf, id: id, context)

            el("form", ["method": "post", "action": SitePath.counterCase(id).path, "id": "case-form", "data-count-inputs": "", "data-keep-typing": ""]) {
                el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                el("input", ["type": "hidden", "name": "people", "value": String(form.people)])
                el("input", ["type": "hidden", "name": "staffInputs", "value": "0", "id": "staffInputs"])
                el("fieldset", ["disabled": editable ? nil : ""]) {
                    el("legend") { context.t("日付と世帯", "Dates and household") }
                    for (name, label) in event.dates {
                        FormFields.textField(id: name.rawValue, label: context.t(label), hint: nil, form: form,
                                             required: name == .eventDate, context)
                    }
                    let questions = Dictionary(uniqueKeysWithValues: catalog.householdQuestions.map { ($0.id, $0) })
                    for question in event.householdQuestions.compactMap({ questions[$0] }) {
                        FormFields.field(question, id: question.id, form: form, context)
                    }
                }
                for address in event.addresses {
                    addressBlock(address, form: form, towns: catalog.localAddresses != nil, disabled: !editable, context)
                }
                for index in 0..<form.people {
                    memberBlock(index, form: form, catalog: catalog, disabled: !editable, context)
                }
                if editable {
                    el("div", ["class": "actions"]) {
                        el("button", ["type": "submit", "name": "action", "value": "save", "id": "save", "accesskey": "s"]) {
                            context.t("保存して手続きを判定（Alt+S）", "Save and find procedures (Alt+S)")
                        }
                        el("button", ["type": "submit", "name": "action", "value": "add-member", "class": "secondary", "id": "add-member", "accesskey": "n"]) {
                            context.t("人を追加（Alt+N）", "Add a person (Alt+N)")
                        }
                    }
                }
            }

            if editable { residentPanel(screen, id: id, csrf: csrf, context) }
            }
            el("aside", ["class": "case-side"]) {
            if editable {
                CardReadsPanel.render(screen.cardReads, caseID: id, people: form.people,
                                      myNumberUse: screen.procedures.contains { catalog.procedures[$0.code]?.handlesMyNumber == true },
                                      csrf: csrf, context)
            }
            proceduresPanel(screen.procedures, event: event, catalog: catalog, caseID: id, csrf: csrf, context)
            CaseDetailsPanel.render(screen.procedures, details: screen.details, catalog: catalog, caseID: id, editable: editable,
                                    csrf: csrf, context)
            if !screen.attachments.isEmpty {
                el("section", ["class": "panel", "id": "attachments"]) {
                    el("h2") { context.t("申請者の添付書類", "Attached by the applicant") + "（\(screen.attachments.count)）" }
                    CaseAttachments.list(screen.attachments, link: { SitePath.counterCaseAttachment($0.caseID, attachment: $0.id).path }, context)
                }
            }
            el("h2") { context.t("経過", "Timeline") }
            el("p", ["class": "hint", "id": "staff-inputs", "data-count": String(record.staffInputs)]) {
                context.t("この案件の職員の入力：\(record.staffInputs)回（キー入力とクリック）", "Staff inputs on this Case: \(record.staffInputs) (keys and clicks)")
            }
            el("ol", ["class": "timeline", "id": "timeline"]) {
                for entry in screen.timeline {
                    el("li") { "\(AuditView.timeFormat.string(from: entry.at)) \(entry.actor)：\(entry.what)" }
                }
            }
            }
            }
        }
    }

    private static func actions(_ record: CaseRecord, missing: [CaseGap], csrf: String, id: UUID, _ context: PageContext) -> Markup {
        let allowed = CaseStateMachine.allowedEvents(from: record.state)
        let labels: [(CaseEvent, String)] = [
            (.confirm, "本人確認へ（入力内容の確認）"), (.edit, "修正する（入力中に戻す）"),
            (.signOnPaper, "紙に署名した"), (.handOff, "各課へ引き継ぐ"), (.cancel, "取り消す"),
        ]
        return el("div", ["class": "case-actions", "id": "case-actions"]) {
            if record.state == .draft, !missing.isEmpty {
                el("p", ["class": "hint", "id": "missing"]) { context.t("確認の前に必要な項目：", "Still needed: ") + CaseGap.list(missing, context.language) }
            }
            if !record.eventKind.isEmpty {
                el("a", ["class": "button secondary", "href": SitePath.counterCaseForms(id).path, "id": "print-forms", "target": "_blank"]) {
                    context.t("帳票を印刷（PDF）", "Print the forms (PDF)")
                }
            }
            if record.state == .confirmed || record.state == .signed {
                el("a", ["class": "button secondary", "href": SitePath.counterCaseConfirm(id).path, "id": "open-confirm"]) { context.t("確認・署名画面", "Confirmation and signature") }
            }
            for (event, label) in labels where allowed.contains(event) {
                el("form", ["method": "post", "action": SitePath.counterCaseTransition(id).path, "class": "inline"]) {
                    el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                    el("input", ["type": "hidden", "name": "staffInputs", "value": "0"])
                    el("button", ["type": "submit", "name": "event", "value": event.rawValue, "id": "do-\(event.rawValue)",
                                  "class": event == .cancel || event == .edit ? "secondary" : nil,
                                  "disabled": event == .confirm && !missing.isEmpty ? "" : nil]) { label }
                }
            }
        }
    }

    /// An address's fields. One in the municipality is filled from its postcode (site.js, from `/api/v1/towns`;
    /// on saving, `CaseForm.completeLocalAddresses`), and its 番地 may be typed `5-3`.
    private static func addressBlock(_ address: EventAddress, form: CaseForm, towns: Bool, disabled: Bool, _ context: PageContext) -> Markup {
        let prefix = address.kind.rawValue
        let local = address.local && towns
        let parts: [(String, String)] = [("postcode", "郵便番号"), ("prefecture", "都道府県"), ("city", "市区町村"),
                                         ("town", "町字"), ("banchi", local ? "番地（5-3 と入力できます）" : "番地"), ("katagaki", "方書（建物名・部屋番号）")]
        return el("fieldset", ["class": "address", "id": "\(prefix)-address", "disabled": disabled ? "" : nil,
                               "data-local": local ? "" : nil]) {
            el("legend") { context.t(address.label) }
            el("div", ["class": "grid"]) {
                for (part, name) in parts {
                    FormFields.textField(id: "\(prefix)-\(part)", label: name, hint: nil, form: form, required: part != "katagaki",
                                         list: local && part == "town" ? "\(prefix)-towns" : nil,
                                         inputMode: part == "postcode" ? "numeric" : nil, context)
                }
            }
            if local { el("datalist", ["id": "\(prefix)-towns"]) }
        }
    }

    private static func memberBlock(_ index: Int, form: CaseForm, catalog: Catalog, disabled: Bool, _ context: PageContext) -> Markup {
        let m = "m\(index)-"
        let questions = Dictionary(uniqueKeysWithValues: catalog.memberQuestions.map { ($0.id, $0) })
        return el("fieldset", ["class": "member", "id": "m\(index)", "disabled": disabled ? "" : nil]) {
            el("legend") { "\(index + 1)人目" }
            el("input", ["type": "hidden", "name": m + "id", "value": form.value(m + "id")])
            el("input", ["type": "hidden", "name": m + "residentCode", "value": form.value(m + "residentCode")])
            if !form.value(m + "residentCode").isEmpty {
                // A resident of the city may need a certificate too: the request opens filled from the records.
                el("p", ["class": "hint"]) {
                    el("a", ["href": "/counter/certificates?resident=\(SitePath.queryPart(form.value(m + "residentCode")))", "id": m + "certificates"]) {
                        context.t("この方の証明書を交付する", "Issue a certificate for this person")
                    }
                }
            }
            el("div", ["class": "grid"]) {
                FormFields.textField(id: m + "family", label: "氏", hint: nil, form: form, required: true, context)
                FormFields.textField(id: m + "given", label: "名", hint: nil, form: form, required: true, context)
                FormFields.textField(id: m + "familyKana", label: "フリガナ（氏）", hint: nil, form: form, required: true, context)
                FormFields.textField(id: m + "givenKana", label: "フリガナ（名）", hint: nil, form: form, required: true, context)
                for id in ["birthDate", "sex", "relation"] {
                    if let question = questions[id] { FormFields.field(question, id: m + id, form: form, context) }
                }
                FormFields.textField(id: m + "nationality", label: "国籍（2文字コード）", hint: nil, form: form, required: false, context)
                FormFields.textField(id: m + "residenceStatus", label: "在留資格（外国籍の方）", hint: nil, form: form, required: false, context)
                FormFields.textField(id: m + "residenceExpiry", label: "在留期間満了日", hint: nil, form: form, required: false, context)
                FormFields.textField(id: m + "residenceCardNumber", label: "在留カード番号", hint: "AB12345678CD", form: form, required: false, context)
                FormFields.textField(id: m + "myNumber", label: "個人番号（12桁）",
                                     hint: form.values[m + "myNumberMasked"].map { form.values[m + "myNumberSealed"] == nil ? "登録済み：\($0)" : "入力済み（未保存）：\($0)" },
                                     form: form, required: false, context)
                if let sealed = form.values[m + "myNumberSealed"] {
                    el("input", ["type": "hidden", "name": m + "myNumberSealed", "value": sealed])
                }
            }
            if !disabled { readingSuggestions(index, form: form, readings: catalog.nameReadings, context) }
            for id in GuideFormView.memberQuestionIDs(form.event) where !["relation", "sex", "birthDate", "nationality"].contains(id) {
                if let question = questions[id] {
                    if case .multipleChoice = question.kind {
                        FormFields.benefits(question, id: m + id, boxID: { m + "receives-" + $0 }, form: form, context)
                    } else {
                        FormFields.field(question, id: m + id, form: form, context)
                    }
                }
            }
            if !disabled {
                el("button", ["type": "submit", "name": "action", "value": "remove-member-\(index)", "class": "secondary small"]) {
                    "\(index + 1)人目を削除"
                }
            }
        }
    }

    /// The readings a person's name is usually given, while a reading is still empty: one click fills both
    /// フリガナ fields (site.js). Staff ask the person; the reading is theirs, not the dictionary's.
    private static func readingSuggestions(_ index: Int, form: CaseForm, readings: NameReadings, _ context: PageContext) -> Markup {
        let m = "m\(index)-"
        guard form.value(m + "familyKana").isEmpty || form.value(m + "givenKana").isEmpty else { return Markup() }
        let suggestions = readings.suggestions(family: form.value(m + "family"), given: form.value(m + "given"))
        guard !suggestions.isEmpty else { return Markup() }
        return el("p", ["class": "readings", "id": m + "readings"]) {
            el("span", ["class": "hint"]) { context.t("フリガナの候補（ご本人に確認）：", "Readings to offer (ask the person): ") }
            for (number, suggestion) in suggestions.enumerated() {
                el("button", ["type": "button", "class": "small secondary", "id": "\(m)reading-\(number)", "data-person": "m\(index)",
                              "data-family-kana": suggestion.family, "data-given-kana": suggestion.given]) {
                    suggestion.family + "\u{3000}" + suggestion.given
                }
            }
        }
    }

    private static func residentPanel(_ screen: CaseScreen, id: UUID, csrf: String, _ context: PageContext) -> Markup {
        el("section", ["class": "panel", "id": "residents"]) {
            el("h2") { context.t("住民記録から追加", "Add from the resident records") }
            el("form", ["method": "get", "action": SitePath.counterCase(id).path, "class": "filters"]) {
                el("label", ["for": "q"]) { context.t("氏名・フリガナ・生年月日・住民票コード", "Name, kana, birth date or resident code") }
                el("input", ["type": "text", "id": "q", "name": "q", "value": screen.search ?? "", "autocomplete": "off"])
                el("button", ["type": "submit", "id": "search-residents"]) { context.t("検索", "Search") }
            }
            if let search = screen.search, !search.isEmpty, screen.found.isEmpty, screen.pendingChanges.isEmpty {
                el("p") { context.t("該当する住民はいません。", "No resident matches.") }
            }
            if !screen.pendingChanges.isEmpty {
                // Handed to the registry, not yet in the copy: shown so that staff know, never added from here.
                el("h3") { context.t("住民記録への反映待ちの異動", "Movements not yet in the register copy") }
                el("table", ["class": "data", "id": "pending-changes"]) {
                    el("tbody") {
                        for change in screen.pendingChanges {
                            el("tr", ["data-state": change.state.rawValue]) {
                                el("td") { change.familyName + "　" + change.givenName }
                                el("td") { change.familyKana + "　" + change.givenKana }
                                el("td") { change.birthDate.flatMap(CivilDate.init(iso:)).map(Wareki.format) ?? "" }
                                el("td") { change.movement + (change.eventDate.map { "（\($0)）" } ?? "") }
                                el("td") { change.address }
                                el("td") {
                                    change.state == .confirmed
                                        ? context.t("住基で確定", "Confirmed by the registry") + (change.residentCode.map { " \($0)" } ?? "")
                                        : context.t("住基の確認待ち", "Awaiting the registry")
                                }
                                el("td") { el("a", ["href": SitePath.counterCase(change.caseID).path]) { change.caseReference } }
                            }
                        }
                    }
                }
            }
            if !screen.found.isEmpty {
                el("table", ["class": "data", "id": "resident-results"]) {
                    el("tbody") {
                        for resident in screen.found {
                            el("tr") {
                                el("td") { resident.name.full }
                                el("td") { resident.furigana ?? "" }
                                el("td") { Wareki.format(resident.birthDate) }
                                el("td") { resident.address.lines.first ?? "" }
                                el("td") {
                                    el("form", ["method": "post", "action": SitePath.counterCaseResidents(id).path, "class": "inline"]) {
                                        el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                                        el("input", ["type": "hidden", "name": "code", "value": resident.code])
                                        el("input", ["type": "hidden", "name": "staffInputs", "value": "0"])
                                        el("button", ["type": "submit", "class": "small", "id": "add-\(resident.code)"]) { context.t("追加", "Add") }
                                    }
                                    let size = screen.householdSizes[resident.household] ?? 1
                                    if size > 1 {
                                        // The whole household in one press: a family moving is added at once.
                                        el("form", ["method": "post", "action": SitePath.counterCaseResidents(id).path, "class": "inline"]) {
                                            el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                                            el("input", ["type": "hidden", "name": "household", "value": resident.household])
                                            el("input", ["type": "hidden", "name": "staffInputs", "value": "0"])
                                            el("button", ["type": "submit", "class": "small secondary", "id": "add-household-\(resident.code)"]) {
                                                context.t("世帯全員（\(size)人）", "Whole household (\(size))")
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static func proceduresPanel(_ procedures: [CaseProcedureRecord], event: EventDefinition, catalog: Catalog,
                                        caseID: UUID, csrf: String, _ context: PageContext) -> Markup {
        let sorted = procedures.inVisitingOrder(catalog)
        return el("section", ["class": "panel", "id": "procedures"]) {
            el("h2") { context.t("必要な手続き", "Procedures") + "（\(procedures.count)）" }
            if procedures.isEmpty {
                el("p", ["class": "hint"]) { context.t("日付と全員の続柄・性別・生年月日を保存すると、手続きを判定します。",
                                                       "Save the date and everyone's relation, sex and birth date to find the procedures.") }
            }
            el("table", ["class": "data"]) {
                el("tbody") {
                    for procedure in sorted {
                        let definition = catalog.procedures[procedure.code]
                        el("tr", ["data-code": procedure.code, "data-status": procedure.status.rawValue]) {
                            el("td") { catalog.section(procedure.section).map { context.t($0.name) } ?? procedure.section }
                            el("td") {
                                definition.map { context.t($0.name) } ?? procedure.code
                                if let reason = event.triggers.first(where: { $0.code == procedure.code })?.reason {
                                    el("br")
                                    el("small", ["class": "reason"]) { context.t(reason) }
                                }
                            }
                            el("td") { procedure.members.map { "\($0)人目" }.joined(separator: "・") }
                            el("td") { procedure.deadline.flatMap(CivilDate.init(iso:)).map { "期限 " + Wareki.format($0) } ?? "期限なし" }
                            el("td") {
                                procedure.status.nameJa + (procedure.returnedReason.map { "（\($0)）" } ?? "")
                                if procedure.status == .returned, let procedureUUID = procedure.id {
                                    let procedureID = procedureUUID.uuidString
                                    // Dealt with the reason (a document received, a call made): back to the section.
                                    el("form", ["method": "post", "action": SitePath.counterCaseProcedureResend(caseID, procedure: procedureUUID).path,
                                                "class": "resend"]) {
                                        el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                                        el("label", ["for": "note-\(procedureID)"]) { context.t("対応した内容", "What was done") }
                                        el("input", ["type": "text", "name": "note", "id": "note-\(procedureID)", "maxlength": "500", "required": ""])
                                        el("button", ["type": "submit", "class": "small", "id": "resend-\(procedure.code)"]) { context.t("担当課へ再送", "Send again") }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
