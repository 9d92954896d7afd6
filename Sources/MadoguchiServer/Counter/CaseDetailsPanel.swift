import Foundation
import MadoguchiCore

/// The counter's panel of what the Case's forms ask beyond the household — 本籍・筆頭者 on a 住民異動届, the
/// 振込先 of an allowance, a dog's 登録番号 — one field per label, grouped by procedure, filled from what is kept
/// (typed before, or read from a paper form).
enum CaseDetailsPanel {
    /// The form field of one procedure's label (`d|inu.henko|登録番号`).
    static func fieldName(procedure: String, label: String) -> String { "d|\(procedure)|\(label)" }

    static func render(_ procedures: [CaseProcedureRecord], details: [CaseDetail], catalog: Catalog, caseID: UUID,
                       editable: Bool, csrf: String, _ context: PageContext) -> Markup {
        let asked: [(procedure: Procedure, labels: [String])] = procedures.compactMap { stored in
            guard let procedure = catalog.procedures[stored.code] else { return nil }
            let labels = catalog.detailLabels(of: procedure)
            return labels.isEmpty ? nil : (procedure, labels)
        }
        guard !asked.isEmpty else { return Markup() }
        // What the forms will print, so that the panel never shows blank where a value is printed.
        let printed = details.map(\.printed)
        return el("section", ["class": "panel", "id": "details"]) {
            el("h2") { context.t("届書の記載事項", "What the forms ask") }
            el("p", ["class": "hint"]) {
                context.t("世帯の情報のほかに届書に印字する事項です。分かるものを入力してください（空欄は空欄で印字）。",
                          "Printed on the forms besides the household. Fill in what is known; a blank prints blank.")
            }
            el("form", ["method": "post", "action": SitePath.counterCase(caseID).path + "/details", "id": "details-form", "data-count-inputs": ""]) {
                el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                el("input", ["type": "hidden", "name": "staffInputs", "value": "0"])
                el("fieldset", ["disabled": editable ? nil : ""]) {
                    for (index, entry) in asked.enumerated() {
                        el("fieldset", ["class": "detail-group"]) {
                            el("legend") { context.t(entry.procedure.name) }
                            for (offset, label) in entry.labels.enumerated() {
                                let id = "detail-\(index)-\(offset)"
                                el("div", ["class": "field"]) {
                                    el("label", ["for": id]) { label }
                                    el("input", ["type": "text", "id": id, "name": fieldName(procedure: entry.procedure.code, label: label),
                                                 "value": CaseDocument.Detail.value(of: label, for: entry.procedure.code, in: printed),
                                                 "maxlength": String(CounterController.detailMaximumLength), "autocomplete": "off"])
                                }
                            }
                        }
                    }
                    if editable {
                        el("div", ["class": "actions"]) {
                            el("button", ["type": "submit", "id": "save-details", "class": "secondary"]) { context.t("記載事項を保存", "Save these items") }
                        }
                    }
                }
            }
        }
    }
}
