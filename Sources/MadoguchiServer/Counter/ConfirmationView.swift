import MadoguchiCore

/// Large type for the citizen: what was entered, the procedures, and the signature pad.
enum ConfirmationView {
    static func render(record: CaseRecord, members: [CaseMemberRecord], procedures: [CaseProcedureRecord], missing: [CaseGap],
                       catalog: Catalog, signedIn: SignedIn?, _ context: PageContext) -> Markup {
        let event = catalog.event(record.eventKind)
        let title = context.t("内容の確認", "Please check")
        let id = record.id
        return Layout.page(title: title, context) {
            el("div", ["class": "confirm-view"]) {
                el("h1") { title }
                el("p", ["class": "lead"]) { context.t("窓口で入力した内容です。まちがいがないか、ご確認ください。", "This is what we entered for you. Please check it.") }
                el("dl", ["class": "confirm-list"]) {
                    el("dt") { context.t("届出の内容", "Notification") }
                    el("dd") { event.map { context.t($0.name) } ?? record.eventKind }
                    if let date = record.eventDate.flatMap(CivilDate.init(iso:)) {
                        el("dt") { context.t("日付", "Date") }
                        el("dd") { context.date(date) }
                    }
                    for entry in event.map({ CaseForm.addressLabels(for: $0, context.language) }) ?? [] {
                        if let address = entry.prefix == "old" ? record.oldAddress : record.newAddress {
                            el("dt") { entry.label }
                            el("dd") { (address.formattedPostcode.map { $0 + "　" } ?? "") + address.oneLine }
                        }
                    }
                }
                el("h2") { context.t("届出の対象となる方", "People") }
                el("ol", ["class": "confirm-people", "id": "confirm-people"]) {
                    for member in members {
                        el("li") {
                            el("p", ["class": "name"]) { "\(member.familyName)　\(member.givenName)" }
                            el("p", ["class": "kana"]) { "\(member.familyKana)　\(member.givenKana)" }
                            el("p") {
                                member.birthDate.flatMap(CivilDate.init(iso:)).map { member.nationality == "JP" ? Wareki.format($0) + "生" : "\($0.year)年\($0.month)月\($0.day)日生" } ?? ""
                                "　" + (member.sex == "female" ? "女" : member.sex == "male" ? "男" : "")
                                "　" + (context.language == .en
                                    ? Relation(rawValue: member.relation)?.englishName(sex: Sex(rawValue: member.sex)) ?? ""
                                    : CaseDocument.relationJa(member.relation, sex: member.sex))
                            }
                            if let last4 = member.myNumberLast4 {
                                el("p", ["class": "my-number"]) { context.t("個人番号：", "My Number: ") + "**** **** " + last4 }
                            }
                        }
                    }
                }
                el("h2") { context.t("このあと行う手続き", "Procedures") + "（\(procedures.count)）" }
                el("ul") {
                    for procedure in procedures {
                        el("li") { catalog.procedures[procedure.code].map { context.t($0.name) } ?? procedure.code }
                    }
                }
                if !missing.isEmpty {
                    el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"]) {
                        el("p") { context.t("まだ入力されていない項目があります：", "Still missing: ") + CaseGap.list(missing, context.language) }
                    }
                } else if record.state == .draft || record.state == .confirmed {
                    el("form", ["method": "post", "action": id.map { SitePath.counterCaseSignature($0).path } ?? "", "id": "signature-form"]) {
                        el("input", ["type": "hidden", "name": CSRF.field, "value": signedIn?.csrfToken ?? ""])
                        el("input", ["type": "hidden", "name": "strokes", "id": "strokes", "value": ""])
                        el("p", ["class": "label"]) { context.t("内容にまちがいがなければ、下の枠に署名してください。", "If everything is right, please sign in the box below.") }
                        el("canvas", ["id": "signature-pad", "width": "900", "height": "260", "aria-label": context.t("署名欄", "Signature box")])
                        el("noscript") { el("p") { context.t("この画面での署名にはJavaScriptが必要です。紙の帳票に署名することもできます。", "Signing here needs JavaScript; you can also sign the printed forms.") } }
                        el("div", ["class": "actions"]) {
                            el("button", ["type": "button", "class": "secondary", "id": "clear-signature"]) { context.t("書き直す", "Clear") }
                            el("button", ["type": "submit", "id": "submit-signature"]) { context.t("署名して確定する", "Sign and confirm") }
                        }
                    }
                } else {
                    el("p", ["class": "notice"]) { context.t("署名済みです。ありがとうございました。", "Signed. Thank you.") }
                }
            }
        }
    }
}
