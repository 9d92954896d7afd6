import Foundation
import MadoguchiCore

/// `/paper/pages/{id}`: one page checked, keyboard first. Each zone shows its cut-out beside the value read; a
/// doubtful or unreadable (判別不能) zone is marked and comes first for Enter; an accepted one is there to glance at.
/// A page whose form is not known shows the page and asks which form it is.
enum PaperPageView {
    /// Double keying (ベリファイ) of a form's `doubleKey` zones.
    enum Stage: Equatable {
        /// No double keying, or its first round.
        case single
        /// Keyed once by this user: another keys it the second time.
        case waitingForSecond
        /// The second round: the chosen zones keyed blind, without the machine's or the first keyer's value.
        case blind
        /// The second keying differs from the first: the second keyer looks again and confirms.
        case resolving
    }

    static func render(page: PaperPage, form: PaperForm?, results: [PaperZoneResult], values: [String: String], errors: [FormFieldError],
                       matches: [PaperResidentMatch] = [], stage: Stage = .single, twins: [PaperPage] = [], catalog: Catalog, signedIn: SignedIn?,
                       _ context: PageContext) -> Markup {
        let csrf = signedIn?.csrfToken ?? ""
        let id = page.id?.uuidString ?? ""
        let title = (form.map { context.t($0.name) } ?? context.t("用紙不明のページ", "Page of an unknown form")) + " p.\(page.number)"
        let byZone = Dictionary(results.map { ($0.zone, $0) }, uniquingKeysWith: { first, _ in first })
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("p") { el("a", ["href": "/paper"]) { context.t("← 紙の申請書の一覧", "← Paper forms") } }
            el("h1") { title }
            if let job = page.printJob {
                el("p", ["class": "hint", "id": "paper-job"]) { context.t("用紙の印刷番号 \(job)（QRコードより）", "Print job \(job) (from the QR code)") }
            }
            if !twins.isEmpty {
                el("div", ["class": "warning", "role": "alert", "id": "same-printing"]) {
                    el("p") {
                        context.t("同じ印刷番号の用紙がすでに案件になっています。同じ申請書を二重に取り込んでいないか確かめてください：",
                                  "A sheet of the same printing is already a Case. Check that this is not the same application twice: ")
                    }
                    el("ul") {
                        for twin in twins {
                            el("li") {
                                if let caseID = twin.caseID { el("a", ["href": SitePath.counterCase(caseID).path]) { context.t("案件", "Case") } }
                                " " + (twin.checkedAt.map { AuditView.timeFormat.string(from: $0) } ?? "")
                            }
                        }
                    }
                }
            }
            if !errors.isEmpty { FormFields.errorSummary(errors.map { FormFieldError(fieldID: $0.fieldID.isEmpty ? "" : "z-" + $0.fieldID, message: $0.message) }, context) }
            if form != nil, page.state == .verify, stage == .waitingForSecond {
                el("p", ["class": "notice", "id": "waiting-second"]) {
                    context.t("1回目の入力は済んでいます。2回目（ベリファイ）はほかの職員が入力します。", "You keyed it once: another member of staff keys it the second time.")
                }
            } else if let form, page.state == .verify {
                let keyedTwice = stage == .blind || stage == .resolving ? Set(form.zones.filter(\.doubleKey).map(\.id)) : []
                let doubtful = results.filter { !$0.isAccepted && !keyedTwice.contains($0.zone) }.count + keyedTwice.count
                if stage == .blind || stage == .resolving {
                    el("p", ["class": "notice", "id": "second-keying"]) {
                        context.t("2回目の入力（ベリファイ）です。「2回目の入力」の欄は、切り出しの記入を見て入力してください。1回目の値とあとで照合します。",
                                  "Second keying: key the fields marked “second keying” from their cut-outs; they are compared with the first keying.")
                    }
                }
                el("p", ["class": "hint", "id": "paper-summary"]) {
                    results.isEmpty
                        ? context.t("このページは機械で読んでいません。用紙を見ながらすべて入力してください。", "This page was not read by the machine: key every field from the page.")
                        : context.t("要確認 \(doubtful)欄（黄色）。Enter で確定して次の要確認欄へ、Tab で次の欄へ。判別不能の欄は空欄から入力します。",
                                    "\(doubtful) fields to check (yellow). Enter accepts and goes to the next one to check; Tab moves on.")
                }
                if results.isEmpty || results.allSatisfy({ $0.image == nil }) {
                    el("img", ["src": "/paper/pages/\(id)/image", "class": "paper-page", "alt": context.t("スキャンしたページ", "The scanned page")])
                }
                el("form", ["method": "post", "action": "/paper/pages/\(id)", "class": "paper-check", "id": "paper-check"]) {
                    el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                    if !matches.isEmpty {
                        el("div", ["class": "resident-matches", "id": "resident-matches"]) {
                            el("p") { context.t("読み仮名と生年月日が住民記録と一致する人がいます。本人であれば、氏名を住民記録のとおりに入れます：",
                                                "Reading and birth date match the resident records: if it is the person, take the name as registered:") }
                            for match in matches {
                                let fills = (try? JSONSerialization.data(withJSONObject: match.fills, options: [.sortedKeys])).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
                                el("button", ["type": "button", "class": "secondary resident-match", "data-fill": fills,
                                              "data-person": match.person]) { context.t("住民記録の氏名を使う：", "Use the registered name: ") + match.label }
                            }
                        }
                    }
                    for zone in form.zones {
                        let blind = zone.doubleKey && (stage == .blind || stage == .resolving)
                        zoneField(zone, result: byZone[zone.id], value: values[zone.id] ?? "", pageID: id,
                                  error: errors.first { $0.fieldID == zone.id }?.message, blind: blind, context)
                    }
                    if stage == .resolving {
                        el("p") {
                            el("label") {
                                el("input", ["type": "checkbox", "name": "resolve", "value": "1", "id": "resolve"])
                                context.t("違いを確かめた（この入力を採用する）", "Differences checked (keep these values)")
                            }
                        }
                    }
                    el("button", ["type": "submit", "name": "action", "value": "accept", "id": "paper-accept"]) {
                        context.t("案件にして担当課へ", "Make the Case and hand it to the section")
                    }
                }
                el("p") { el("a", ["href": "/paper/pages/\(id)/image", "target": "_blank"]) { context.t("ページ全体を見る", "See the whole page") } }
            } else if page.state == .manual {
                el("p", ["class": "warning", "id": "manual-reason"]) { page.reason ?? "" }
                el("img", ["src": "/paper/pages/\(id)/image", "class": "paper-page", "alt": context.t("スキャンしたページ", "The scanned page")])
                el("form", ["method": "post", "action": "/paper/pages/\(id)", "class": "filters"]) {
                    el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                    el("label", ["for": "paper-form"]) { context.t("この用紙は", "This form is") }
                    el("select", ["id": "paper-form", "name": "form"]) {
                        for candidate in catalog.paperForms.values.sorted(by: { $0.id < $1.id }) {
                            el("option", ["value": candidate.id]) { context.t(candidate.name) }
                        }
                    }
                    el("button", ["type": "submit", "name": "action", "value": "assign", "id": "paper-assign"]) { context.t("この用紙として入力する", "Key it as this form") }
                }
            } else {
                el("p", ["id": "paper-state"]) { page.state == .done ? context.t("処理済みです。", "Done.") : context.t("不受理：", "Set aside: ") + (page.reason ?? "") }
            }
            if page.state == .verify || page.state == .manual {
                el("form", ["method": "post", "action": "/paper/pages/\(id)", "class": "filters paper-reject"]) {
                    el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                    el("label", ["for": "reject-reason"]) { context.t("受け付けない理由（白紙・重複・他市の用紙など）", "Reason to set it aside (blank, duplicate, another city's form…)") }
                    el("input", ["type": "text", "id": "reject-reason", "name": "reason", "maxlength": "200"])
                    el("button", ["type": "submit", "name": "action", "value": "reject", "class": "secondary", "id": "paper-reject"]) { context.t("不受理にする", "Set aside") }
                }
            }
        }
    }

    private static func zoneField(_ zone: PaperZone, result: PaperZoneResult?, value: String, pageID: String, error: String?,
                                  blind: Bool = false, _ context: PageContext) -> Markup {
        let status = blind ? "second" : result?.status ?? "unread"
        let needsCheck = blind || (result.map { !$0.isAccepted } ?? true)
        let fieldID = "z-" + zone.id
        let statusWords: [String: (String, String)] = [
            "accepted": ("自動確定", "accepted"), "blank": ("空欄", "blank"), "doubtful": ("要確認", "check"),
            "unreadable": ("判別不能", "unreadable"), "unread": ("未読取", "not read"), "second": ("2回目の入力", "second keying"),
        ]
        let isKanji = if case .text = zone.kind { true } else { false }
        return el("div", ["class": "paper-zone status-\(status)" + (error != nil ? " has-error" : ""), "data-zone": zone.id,
                          "data-status": status, "data-check": needsCheck ? "1" : nil]) {
            if let image = result?.image, !image.isEmpty {
                el("img", ["src": "/paper/pages/\(pageID)/zones/\(zone.id).png", "alt": context.t(zone.label) + context.t("の記入", " as written"),
                           "class": "cutout"])
            }
            el("div", ["class": "paper-value"]) {
                el("label", ["for": fieldID]) {
                    context.t(zone.label)
                    el("span", ["class": "badge"]) { statusWords[status].map { context.t($0.0, $0.1) } ?? status }
                }
                if !blind, let result, !result.cells.isEmpty, result.cells.contains(where: { $0.confidence < 0.8 && !$0.character.isEmpty }) {
                    el("span", ["class": "cells", "aria-hidden": "true"]) {
                        for cell in result.cells where !cell.character.isEmpty {
                            if cell.confidence < 0.8 { el("mark") { cell.character } } else { cell.character }
                        }
                    }
                }
                if let error { el("p", ["class": "error", "id": fieldID + "-error"]) { error } }
                input(zone, id: fieldID, value: value, status: status, describedBy: error != nil ? fieldID + "-error" : nil, context)
                if isKanji {
                    el("p", ["class": "hint"]) { context.t("漢字は機械の読みを確定しません。記入どおりに入力してください。", "Kanji is never accepted unread: key it as written.") }
                }
            }
        }
    }

    private static func input(_ zone: PaperZone, id: String, value: String, status: String, describedBy: String?, _ context: PageContext) -> Markup {
        switch zone.kind {
        case .checkbox:
            return el("input", ["type": "checkbox", "id": id, "name": id, "value": "on", "checked": value == "on" ? "" : nil])
        case .choice(let options, _):
            return el("span", ["class": "choices", "role": "radiogroup", "aria-label": context.t(zone.label)]) {
                for (index, option) in options.enumerated() {
                    el("label") {
                        el("input", ["type": "radio", "name": id, "value": option.value, "id": index == 0 ? id : nil,
                                     "checked": value == option.value ? "" : nil])
                        context.t(option.label)
                    }
                }
                el("label") {
                    el("input", ["type": "radio", "name": id, "value": "", "checked": value.isEmpty ? "" : nil])
                    context.t("記入なし", "none")
                }
            }
        default:
            let numeric = if case .digits = zone.kind { true } else { false }
            let hint: String? = if case .date = zone.kind { context.t("例 S61.7.14、令和6年5月1日", "e.g. S61.7.14") } else { nil }
            return el("input", ["type": "text", "id": id, "name": id, "value": value, "autocomplete": "off",
                                "inputmode": numeric ? "numeric" : nil,
                                "placeholder": status == "unreadable" ? context.t("判別不能", "unreadable") : hint,
                                "aria-describedby": describedBy, "aria-invalid": describedBy != nil ? "true" : nil])
        }
    }
}
