import Foundation
import MadoguchiCore

/// A section's work list: for each procedure, the Case data the section needs — the people it concerns
/// (not the whole household), the address, the deadline — and the done / return buttons.
enum SectionWorkListView {
    static func render(section: Section, items: [CaseProcedureRecord], attachments: [UUID: [AttachmentSummary]] = [:],
                       details: [UUID: [CaseDetail]] = [:], catalog: Catalog,
                       signedIn: SignedIn?, _ context: PageContext) -> Markup {
        let title = "\(context.t(section.name))　" + context.t("業務一覧", "work list")
        let open = items.filter { $0.status != .done }
        let done = items.filter { $0.status == .done }
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("h1") { title }
            el("p") { el("a", ["href": "/paper", "id": "to-paper"]) { context.t("紙の申請書（AI-OCR）の確認", "Check paper forms (AI-OCR)") } }
            el("h2") { context.t("処理待ち \(open.count)件", "\(open.count) waiting") }
            el("ul", ["class": "procedures", "id": "work-list"]) {
                for item in open {
                    entry(item, attachments: item.caseRecord.id.flatMap { attachments[$0] } ?? [],
                          details: (item.caseRecord.id.flatMap { details[$0] } ?? []).filter { $0.procedureCode == nil || $0.procedureCode == item.code },
                          catalog: catalog,
                          csrf: signedIn?.csrfToken ?? "", sectionCode: section.code, context)
                }
            }
            if !done.isEmpty {
                el("h2") { context.t("処理済み", "Done") }
                el("ul", ["class": "procedures", "id": "done-list"]) {
                    for item in done.suffix(50) { entry(item, attachments: [], catalog: catalog, csrf: "", sectionCode: section.code, context) }
                }
            }
        }
    }

    private static func entry(_ item: CaseProcedureRecord, attachments: [AttachmentSummary], details: [CaseDetail] = [], catalog: Catalog, csrf: String,
                              sectionCode: String, _ context: PageContext) -> Markup {
        let record = item.caseRecord
        let concerned = record.members.filter { item.members.contains($0.position) }.sorted { $0.position < $1.position }
        let name = catalog.procedures[item.code].map { context.t($0.name) } ?? item.code
        return el("li", ["class": "procedure", "data-code": item.code, "data-case": record.reference, "data-status": item.status.rawValue]) {
            el("h3") { "\(name)　" ; el("span", ["class": "reference"]) { record.reference } }
            el("p", ["class": "deadline"]) {
                item.deadline.flatMap(CivilDate.init(iso:)).map { "期限 " + context.date($0) } ?? "期限なし"
                "　" + item.status.nameJa + (item.returnedReason.map { "（\($0)）" } ?? "")
            }
            el("table", ["class": "data"]) {
                el("tbody") {
                    for member in concerned {
                        el("tr") {
                            el("td") { "\(member.familyName)　\(member.givenName)" }
                            el("td") { "\(member.familyKana)　\(member.givenKana)" }
                            el("td") { member.birthDate.flatMap(CivilDate.init(iso:)).map { Wareki.format($0) } ?? "" }
                        }
                    }
                }
            }
            el("p") { (record.newAddress ?? record.oldAddress)?.oneLine ?? "" }
            if !details.isEmpty {
                el("dl", ["class": "details"]) {
                    for detail in details {
                        el("dt") { detail.label }
                        el("dd") { detail.value }
                    }
                }
            }
            if !attachments.isEmpty {
                el("p", ["class": "hint"]) { context.t("申請者の添付書類：", "Attached by the applicant:") }
                CaseAttachments.list(attachments, link: { SitePath.sectionAttachment(code: sectionCode, attachment: $0.id).path }, context)
            }
            if item.status == .open {
                el("form", ["method": "post", "action": item.id.map { SitePath.sectionProcedure(code: sectionCode, procedure: $0).path } ?? "", "class": "section-actions"]) {
                    el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                    el("button", ["type": "submit", "name": "action", "value": "done", "class": "done"]) { context.t("処理済みにする", "Mark done") }
                    el("label", ["for": "reason-\(item.id?.uuidString ?? "")"]) { context.t("差戻しの理由", "Reason to return") }
                    el("input", ["type": "text", "name": "reason", "id": "reason-\(item.id?.uuidString ?? "")", "maxlength": "500"])
                    el("button", ["type": "submit", "name": "action", "value": "return", "class": "secondary"]) { context.t("窓口へ差し戻す", "Return to the counter") }
                }
            }
        }
    }
}
