import Foundation
import MadoguchiCore

/// `/apply/{token}`: the household entered once, on a phone first.
enum ApplyFormView {
    static func render(token: String, record: CaseRecord, form: CaseForm, attachments: [AttachmentSummary], error: String?, notice: String? = nil,
                       catalog: Catalog, hidden: Markup, mailOn: Bool, draftDays: Int, _ context: PageContext) -> Markup {
        let form = form.showingLocalDefaults(catalog.localAddresses)
        let event = form.event
        let title = context.t("オンラインで準備する", "Prepare online") + "：" + context.t(event.name)
        let questions = Dictionary(uniqueKeysWithValues: catalog.memberQuestions.map { ($0.id, $0) })
        return Layout.page(title: title, context) {
            el("h1") { title }
            el("p", ["class": "lead"]) {
                context.t("ここで入力した内容は、窓口でそのまま使われます。窓口で書く必要はありません。",
                          "What you enter here is used as it is at the counter: you will not need to write anything there.")
            }
            el("p", ["class": "hint", "id": "resume-hint"]) {
                context.t("このページのアドレスを保存すると、後で続きから入力できます（{0}日間保存されます）。",
                          "Bookmark this page to continue later (drafts are kept for {0} days).", draftDays)
            }
            if !form.errors.isEmpty { FormFields.errorSummary(form.errors, context) }
            if let error { el("div", ["class": "error-summary", "role": "alert", "id": "apply-problem"]) { el("p") { error } } }
            if let notice { el("p", ["class": "notice", "role": "status", "id": "apply-notice"]) { notice } }
            // One form for everything, attachments included: attaching or removing a file sends what was typed
            // along, so nothing typed is lost, with or without JavaScript.
            el("form", ["method": "post", "action": context.link(SitePath.apply(token: token).path, []), "novalidate": "", "id": "apply-form",
                        "enctype": "multipart/form-data", "data-keep-typing": ""]) {
                hidden
                el("fieldset") {
                    el("legend") { context.t("日付", "Dates") }
                    for (name, label) in event.dates {
                        FormFields.textField(id: name.rawValue, label: context.t(label),
                                             hint: context.t("例 2026-04-01 または 令和8年4月1日", "For example 2026-04-01"),
                                             form: form, required: name == .eventDate, context)
                    }
                }
                for address in event.addresses {
                    let prefix = address.kind.rawValue, local = address.local && catalog.localAddresses != nil
                    el("fieldset", ["id": "\(prefix)-address", "data-local": local ? "" : nil]) {
                        el("legend") { context.t(address.label) }
                        for (part, ja, en) in [("postcode", "郵便番号", "Postcode"), ("prefecture", "都道府県", "Prefecture"),
                                               ("city", "市区町村", "City"), ("town", "町字", "Town"), ("banchi", "番地", "Block number"),
                                               ("katagaki", "建物名・部屋番号", "Building and room")] {
                            FormFields.textField(id: "\(prefix)-\(part)", label: context.t(ja, en), hint: nil, form: form,
                                                 required: part != "katagaki", list: local && part == "town" ? "\(prefix)-towns" : nil,
                                                 inputMode: part == "postcode" ? "numeric" : nil, context)
                        }
                        if local { el("datalist", ["id": "\(prefix)-towns"]) }
                    }
                }
                for index in 0..<form.people {
                    let m = "m\(index)-"
                    el("fieldset", ["id": "m\(index)"]) {
                        el("legend") { context.t("{0}人目", "Person {0}", index + 1) }
                        FormFields.textField(id: m + "family", label: context.t("氏（姓）", "Family name"), hint: nil, form: form, required: true, context)
                        FormFields.textField(id: m + "given", label: context.t("名", "Given name"), hint: nil, form: form, required: true, context)
                        FormFields.textField(id: m + "familyKana", label: context.t("フリガナ（氏）", "Family name in katakana"),
                                             hint: context.t("カタカナ（ひらがなで入力してもかまいません）", "Katakana (hiragana is converted)"), form: form, required: true, context)
                        FormFields.textField(id: m + "givenKana", label: context.t("フリガナ（名）", "Given name in katakana"), hint: nil, form: form, required: true, context)
                        for id in ["birthDate", "sex", "relation"] {
                            if let question = questions[id] { FormFields.field(question, id: m + id, form: form, context) }
                        }
                    }
                }
                el("fieldset") {
                    el("legend") { context.t("連絡先（任意）", "Contact (optional)") }
                    if mailOn {
                        FormFields.textField(id: "contactEmail", label: context.t("メールアドレス", "Email address"),
                                             hint: context.t("受付と審査の結果をお知らせします。", "We will tell you when it is received and decided."),
                                             form: form, required: false, context)
                    } else {
                        el("p", ["class": "hint", "id": "mail-off"]) {
                            context.t("メールでのお知らせは、現在行っていません。状況は申請状況のページで確認できます。",
                                      "Email notices are off at the moment; the status page shows how your application stands.")
                        }
                    }
                }
                el("div", ["class": "actions"]) {
                    el("button", ["type": "submit", "name": "action", "value": "check", "id": "to-check"]) { context.t("入力内容を確認する", "Check your answers") }
                    el("button", ["type": "submit", "name": "action", "value": "save", "class": "secondary", "id": "save-draft"]) { context.t("途中で保存する", "Save and continue later") }
                }
                // After the actions, so that Enter in a field checks the answers rather than attaching.
                el("section", ["id": "attachments", "class": "panel"]) {
                    el("h2") { context.t("添付書類（必要な場合）", "Attachments (when needed)") }
                    el("p", ["class": "hint"]) { context.t("例：在学証明書の写真。JPEG・PNG・PDF、1件5MBまで、10件まで。", "For example a photo of a certificate. JPEG, PNG or PDF, up to 5 MB each, 10 in all.") }
                    if !attachments.isEmpty {
                        el("ul", ["id": "attached", "class": "attachments"]) {
                            for attachment in attachments {
                                el("li") {
                                    el("span") { attachment.label }
                                    " "
                                    el("button", ["type": "submit", "name": "action", "value": "remove-attachment-\(attachment.id.uuidString)",
                                                  "class": "secondary small", "formnovalidate": ""]) {
                                        context.t("取り消す", "Remove")
                                        el("span", ["class": "visually-hidden"]) { "：" + attachment.fileName }
                                    }
                                }
                            }
                        }
                    }
                    el("label", ["for": "file"]) { context.t("ファイル", "File") }
                    el("input", ["type": "file", "id": "file", "name": "file", "accept": "image/jpeg,image/png,application/pdf"])
                    el("button", ["type": "submit", "name": "action", "value": "attach", "class": "secondary", "id": "upload", "formnovalidate": ""]) {
                        context.t("添付する", "Attach")
                    }
                }
            }
        }
    }
}

/// Check your answers before submitting.
enum ApplyCheckView {
    static func render(token: String, record: CaseRecord, members: [CaseMemberRecord], procedures: [CaseProcedureRecord], missing: [CaseGap],
                       attachments: [AttachmentSummary], catalog: Catalog, hidden: Markup, _ context: PageContext) -> Markup {
        let title = context.t("入力内容の確認", "Check your answers")
        return Layout.page(title: title, context) {
            el("h1") { title }
            el("dl", ["class": "summary-list", "id": "answers"]) {
                if let date = record.eventDate.flatMap(CivilDate.init(iso:)) {
                    el("dt") { context.t("日付", "Date") }
                    el("dd") { context.date(date) }
                }
                // The event's own names for its addresses (a move-out's "old" address is the current one).
                for entry in catalog.event(record.eventKind).map({ CaseForm.addressLabels(for: $0, context.language) }) ?? [] {
                    if let address = entry.prefix == EventAddress.Kind.old.rawValue ? record.oldAddress : record.newAddress {
                        el("dt") { entry.label }
                        el("dd") { address.oneLine }
                    }
                }
                for member in members {
                    el("dt") { context.t("{0}人目", "Person {0}", member.position) }
                    el("dd") {
                        "\(member.familyName)　\(member.givenName)（\(member.familyKana)　\(member.givenKana)）"
                        el("br")
                        member.birthDate.flatMap(CivilDate.init(iso:)).map { context.date($0) } ?? ""
                    }
                }
                if let email = record.contactEmail {
                    el("dt") { context.t("メールアドレス", "Email") }
                    el("dd") { email }
                }
                el("dt") { context.t("添付書類", "Attachments") }
                el("dd", ["id": "check-attachments"]) {
                    if attachments.isEmpty { context.t("なし", "None") }
                    for attachment in attachments { el("span", ["class": "attachment"]) { attachment.label }; el("br") }
                }
            }
            el("p") {
                el("a", ["href": context.link(SitePath.apply(token: token).path, []), "id": "change-answers"]) { context.t("入力内容を変更する", "Change your answers") }
                "　"
                el("a", ["href": context.link(SitePath.apply(token: token).path, []) + "#attachments", "id": "change-attachments"]) { context.t("添付書類を変更する", "Change the attachments") }
            }
            el("h2") { context.t("申請する手続き", "Procedures") }
            el("ul", ["id": "apply-procedures"]) {
                for procedure in procedures.inVisitingOrder(catalog) {
                    el("li", ["data-code": procedure.code]) {
                        catalog.procedures[procedure.code].map { context.t($0.name) } ?? procedure.code
                        if catalog.procedures[procedure.code]?.online == true {
                            el("span", ["class": "badge"]) { context.t("オンラインで完了", "Done online") }
                        } else {
                            ProcedureWhereAndWhen.markup(procedure, catalog: catalog, context)
                        }
                    }
                }
            }
            if missing.isEmpty {
                el("form", ["method": "post", "action": context.link(SitePath.applySubmit(token: token).path, [])]) {
                    hidden
                    el("button", ["type": "submit", "id": "submit-application"]) { context.t("この内容で申請する", "Submit") }
                }
            } else {
                el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"]) {
                    el("p") { context.t("まだ入力されていない項目があります：", "Still missing: ") + CaseGap.list(missing, context.language) }
                }
            }
        }
    }
}

/// After submitting: the reference, its QR code, and what happens next.
enum ApplyDoneView {
    static func render(record: CaseRecord, procedures: [CaseProcedureRecord], catalog: Catalog, referenceURL: String, mailOn: Bool,
                       attachments: [AttachmentSummary] = [], _ context: PageContext) -> Markup {
        let title = context.t("申請を受け付けました", "Your application was received")
        let ordered = procedures.inVisitingOrder(catalog)
        let online = ordered.filter { catalog.procedures[$0.code]?.online == true }
        let counter = ordered.filter { catalog.procedures[$0.code]?.online != true }
        return Layout.page(title: title, context) {
            el("h1") { title }
            el("p", ["class": "lead"]) { context.t("受付番号", "Reference") }
            el("p", ["class": "big-reference", "id": "reference"]) { record.reference }
            el("div", ["class": "qr", "id": "qr"]) { QRImage.markup(for: referenceURL, title: context.t("受付番号のQRコード", "QR code of the reference")) }
            el("p", ["class": "no-print", "id": "keep-qr"]) {
                el("a", ["href": context.link(SitePath.caseReferenceQR(record.reference).path), "download": "madoguchi-\(record.reference).png",
                         "class": "button secondary", "id": "save-qr"]) { context.t("QRコードを画像で保存", "Save the QR code as an image") }
                " "
                el("button", ["type": "button", "data-print": "", "hidden": "", "id": "print-qr"]) { context.t("このページを印刷", "Print this page") }
            }
            if !counter.isEmpty {
                el("h2") { context.t("窓口での手続き", "At the counter") }
                el("p") {
                    context.t("窓口かキオスクでこのQRコード（または受付番号）を見せるだけで、入力した内容で手続きが始まります。書く必要はありません。",
                              "Show this QR code (or the reference) at the counter or the kiosk: the procedures start with what you entered. You will not need to write anything.")
                }
                el("ul", ["id": "counter-procedures"]) {
                    for procedure in counter {
                        if let definition = catalog.procedures[procedure.code] {
                            el("li", ["data-code": procedure.code]) {
                                context.t(definition.name)
                                ProcedureWhereAndWhen.markup(procedure, catalog: catalog, context)
                                if !definition.bring.isEmpty {
                                    el("ul") { for item in definition.bring { el("li") { context.t("持ち物：", "Bring: ") + context.t(item) } } }
                                }
                            }
                        }
                    }
                }
            }
            if !online.isEmpty {
                el("h2") { context.t("オンラインで進む手続き", "Done online") }
                el("ul", ["id": "online-procedures"]) {
                    for procedure in online { el("li", ["data-code": procedure.code]) { catalog.procedures[procedure.code].map { context.t($0.name) } ?? procedure.code } }
                }
            }
            if !attachments.isEmpty {
                el("h2") { context.t("添付した書類", "Files you attached") }
                el("ul", ["id": "done-attachments"]) { for attachment in attachments { el("li") { attachment.label } } }
            }
            el("p") {
                context.t("状況の確認や取り下げは ", "Check the status or withdraw at ")
                el("a", ["href": context.link("/status", [("ref", record.reference)])]) { context.t("申請状況のページ", "the status page") }
                context.t("で、受付番号と申請者の生年月日を入力してください。", " with the reference and the applicant's date of birth.")
            }
            if record.contactEmail != nil, mailOn {
                el("p", ["class": "hint", "id": "mail-on"]) { context.t("受付のお知らせをメールでお送りします。", "We will also send you an email.") }
            }
        }
    }
}
