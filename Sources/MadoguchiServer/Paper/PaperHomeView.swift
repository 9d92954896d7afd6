import Foundation
import MadoguchiCore

/// `/paper`: upload scans, the pages waiting for a person (to check, to sort by hand), the files still being read
/// or not readable, the latest done, and the figures of what was checked.
enum PaperHomeView {
    static func render(pages: [PaperPage], done: [PaperPage], scans: [PaperScan], figures: (PaperFigures, pages: Int, seconds: Double),
                       catalog: Catalog, engineMissing: String?, notice: String?, error: String?, signedIn: SignedIn?,
                       _ context: PageContext) -> Markup {
        let title = context.t("紙の申請書（AI-OCR）", "Paper forms (AI-OCR)")
        let csrf = signedIn?.csrfToken ?? ""
        let toCheck = pages.filter { $0.state == .verify }, manual = pages.filter { $0.state == .manual }
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("h1") { title }
            if let notice { el("p", ["class": "notice", "role": "status", "id": "paper-notice"]) { notice } }
            if let error { el("div", ["class": "error-summary", "role": "alert", "id": "paper-error"]) { el("p") { error } } }
            if let engineMissing { el("p", ["class": "warning", "id": "engine-missing"]) { engineMissing } }
            el("h2") { context.t("スキャンを取り込む", "Add scans") }
            el("form", ["method": "post", "action": "/paper/scans", "enctype": "multipart/form-data", "class": "paper-upload"]) {
                el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                el("label", ["for": "paper-files"]) { context.t("PDF・PNG・JPEG・TIFF（複数ページ可、200〜600dpi）", "PDF, PNG, JPEG or TIFF (several pages, 200–600 dpi)") }
                el("input", ["type": "file", "id": "paper-files", "name": "files[]", "multiple": "",
                             "accept": "application/pdf,image/png,image/jpeg,image/tiff"])
                el("button", ["type": "submit", "id": "paper-upload"]) { context.t("取り込む", "Upload") }
            }
            el("p", ["class": "hint"]) {
                context.t("白紙の用紙：", "Blank forms: ")
                for form in catalog.paperForms.values.sorted(by: { $0.id < $1.id }) {
                    el("a", ["href": "/paper/forms/\(form.id).pdf"]) { context.t(form.name) }
                    " "
                }
            }
            el("h2") { context.t("確認待ち \(toCheck.count)件", "\(toCheck.count) to check") }
            list(toCheck, catalog: catalog, id: "to-check", context)
            el("h2") { context.t("用紙の判別ができないページ \(manual.count)件", "\(manual.count) pages whose form is not known") }
            list(manual, catalog: catalog, id: "manual", context)
            if !scans.isEmpty {
                el("h2") { context.t("読み取り中・読めなかったファイル", "Files being read or not readable") }
                el("ul", ["id": "scans"]) {
                    for scan in scans {
                        el("li", ["data-state": scan.state.rawValue]) {
                            "\(scan.fileName)　"
                            if scan.state == .waiting { context.t("読み取り中…", "being read…") }
                            else {
                                el("span", ["class": "error"]) { scan.reason ?? "" }
                                el("form", ["method": "post", "action": "/paper/scans/\(scan.id?.uuidString ?? "")/retry", "class": "inline"]) {
                                    el("input", ["type": "hidden", "name": CSRF.field, "value": csrf])
                                    el("button", ["type": "submit", "class": "secondary"]) { context.t("もう一度読む", "Read again") }
                                }
                            }
                        }
                    }
                }
            }
            el("h2") { context.t("最近の処理", "Recently done") }
            el("ul", ["id": "done"]) {
                for page in done {
                    el("li", ["data-state": page.state.rawValue]) {
                        formName(page, catalog, context) + "　"
                        if page.state == .done, let caseID = page.caseID {
                            el("a", ["href": SitePath.counterCase(caseID).path]) { context.t("案件", "Case") }
                        } else {
                            context.t("不受理：", "Set aside: ") + (page.reason ?? "")
                        }
                        "　" + (page.checkedBy ?? "")
                    }
                }
            }
            figuresTable(figures, context)
        }
    }

    private static func formName(_ page: PaperPage, _ catalog: Catalog, _ context: PageContext) -> String {
        let name = page.formID.flatMap { catalog.paperForms[$0] }.map { context.t($0.name) } ?? context.t("用紙不明", "Form unknown")
        return "\(name) p.\(page.number)"
    }

    private static func list(_ pages: [PaperPage], catalog: Catalog, id: String, _ context: PageContext) -> Markup {
        el("ul", ["id": id, "class": "paper-pages"]) {
            for page in pages {
                el("li") {
                    el("a", ["href": "/paper/pages/\(page.id?.uuidString ?? "")"]) { formName(page, catalog, context) }
                    if let reason = page.reason { "　" + reason }
                    if let first = page.firstKeyBy { "　" + context.t("2回目の入力待ち（1回目：\(first)）", "waiting for the second keying (first: \(first))") }
                    "　" + AuditView.timeFormat.string(from: page.createdAt)
                }
            }
        }
    }

    private static func figuresTable(_ figures: (PaperFigures, pages: Int, seconds: Double), _ context: PageContext) -> Markup {
        let names: [String: (String, String)] = ["digits": ("数字", "Digits"), "katakana": ("カタカナ", "Katakana"), "date": ("日付", "Dates"),
                                                 "tick": ("チェック", "Ticks"), "kanji": ("漢字", "Kanji")]
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
        return el("section", ["id": "paper-figures"]) {
            el("h2") { context.t("読み取りの成績", "Reading figures") }
            el("p") {
                context.t("読み取ったページ \(figures.pages)件、1ページ平均 \(String(format: "%.2f", figures.seconds))秒。",
                          "\(figures.pages) pages read, \(String(format: "%.2f", figures.seconds)) s per page.")
                context.t("正読率＝1−修正文字数÷全文字数（記入のある欄のみ。空欄は別に数えます）。",
                          " Accuracy = 1 − corrected ÷ all characters, on filled fields; blank fields counted apart.")
            }
            el("table", ["class": "data"]) {
                el("thead") {
                    el("tr") {
                        el("th") { context.t("種類", "Kind") }
                        el("th") { context.t("記入あり", "Filled") }
                        el("th") { context.t("自動確定", "Auto-accepted") }
                        el("th") { context.t("修正した欄", "Corrected") }
                        el("th") { context.t("正読率", "Accuracy") }
                        el("th") { context.t("空欄", "Blank") }
                    }
                }
                el("tbody") {
                    for kind in PaperFigures.order {
                        let row = figures.0.kinds[kind] ?? PaperFigures.Kind()
                        el("tr", ["data-kind": kind]) {
                            el("td") { names[kind].map { context.t($0.0, $0.1) } ?? kind }
                            el("td") { "\(row.filled)" }
                            el("td") { "\(row.accepted)（\(percent(row.acceptedShare))）" }
                            el("td") { "\(row.changed)" }
                            el("td", ["class": "accuracy"]) { percent(row.accuracy) }
                            el("td") { "\(row.blank)" }
                        }
                    }
                }
            }
        }
    }
}
