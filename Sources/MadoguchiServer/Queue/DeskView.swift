import Foundation
import MadoguchiCore

/// The staff side of the queue.
enum DeskView {
    static func choose(sections: [Section], signedIn: SignedIn?, _ context: PageContext) -> Markup {
        let title = context.t("窓口の呼び出し", "Counter calling")
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("h1") { title }
            el("form", ["method": "get", "action": "/queue/desk/go", "class": "filters", "id": "desk-choose"]) {
                el("label", ["for": "desk-section"]) { context.t("課", "Section") }
                el("select", ["id": "desk-section", "name": "section"]) {
                    for section in sections { el("option", ["value": section.code]) { context.t(section.name) } }
                }
                el("label", ["for": "desk-number"]) { context.t("窓口番号", "Counter number") }
                el("input", ["type": "number", "id": "desk-number", "name": "number", "min": "1", "max": "99", "value": "1"])
                el("button", ["type": "submit", "id": "desk-go"]) { context.t("この窓口へ", "Go") }
            }
            el("ul") {
                for section in sections {
                    for number in 1...(section.queue?.counters ?? 1) {
                        el("li") { el("a", ["href": SitePath.queueDesk(section: section.code, number: number).path, "id": "desk-\(section.code)-\(number)"]) {
                            "\(context.t(section.name)) \(section.queue?.deskNumber(number) ?? number)番窓口"
                        } }
                    }
                }
            }
        }
    }

    static func panel(section: Section, counter: StoredCounter, current: StoredTicket?, caseReference: String?, state: QueueLiveState,
                      catalog: Catalog, message: String?, signedIn: SignedIn?, _ context: PageContext) -> Markup {
        let title = "\(context.t(section.name)) \(section.queue?.deskNumber(counter.number) ?? counter.number)番窓口"
        let sectionState = state.sections.first { $0.code == section.code }
        func action(_ value: String, _ label: String, id: String, primary: Bool = false) -> Markup {
            el("button", ["type": "submit", "name": "action", "value": value, "id": id, "class": primary ? nil : "secondary"]) { label }
        }
        return Layout.page(title: title, context) {
            StaffBar.render(signedIn, context)
            el("h1") { title }
            if let message { el("p", ["class": "notice", "id": "desk-message", "role": "status"]) { message } }
            el("p", ["id": "desk-waiting"]) {
                context.t("お待ち \(sectionState?.waiting ?? 0)人", "\(sectionState?.waiting ?? 0) waiting")
                "　" + context.t("開いている窓口 \(sectionState?.openCounters ?? 0)", "\(sectionState?.openCounters ?? 0) counters open")
            }
            el("form", ["method": "post", "action": SitePath.queueDesk(section: section.code, number: counter.number).path, "class": "desk-actions", "id": "desk-form"]) {
                el("input", ["type": "hidden", "name": CSRF.field, "value": signedIn?.csrfToken ?? ""])
                if !counter.open {
                    el("p", ["id": "desk-state", "data-open": "false"]) { context.t("この窓口は閉じています。", "This counter is closed.") }
                    action("open", context.t("窓口を開く", "Open the counter"), id: "desk-open", primary: true)
                } else {
                    el("p", ["id": "desk-state", "data-open": "true"]) {
                        if let current {
                            context.t("呼び出し中：", "Serving: ")
                            el("strong", ["id": "desk-current", "class": "big-reference"]) { current.label }
                            if current.calls > 1 { context.t("（\(current.calls)回目）", " (call \(current.calls))") }
                        } else {
                            context.t("呼び出し中の整理券はありません。", "No ticket in hand.")
                        }
                    }
                    if let caseReference, let id = current?.caseID {
                        el("p") { el("a", ["href": SitePath.counterCase(id).path, "id": "desk-case"]) { context.t("事前申請の案件 \(caseReference) を開く", "Open the pre-applied Case \(caseReference)") } }
                    }
                    action("call", context.t("次の方を呼ぶ", "Call next"), id: "desk-call", primary: true)
                    if current != nil {
                        action("recall", context.t("再呼出", "Call again"), id: "desk-recall")
                        action("finish", context.t("完了", "Finished"), id: "desk-finish")
                        action("no-show", context.t("不在", "No-show"), id: "desk-no-show")
                        el("label", ["for": "desk-to"]) { context.t("他の課へ回す", "Send on to") }
                        el("select", ["id": "desk-to", "name": "to"]) {
                            for other in catalog.sections where other.queue != nil && other.code != section.code {
                                el("option", ["value": other.code]) { context.t(other.name) }
                            }
                        }
                        action("transfer", context.t("回す", "Transfer"), id: "desk-transfer")
                    }
                    action("priority", context.t("優先券を発行", "Issue a priority ticket"), id: "desk-priority")
                    action("close", context.t("窓口を閉じる", "Close the counter"), id: "desk-close")
                }
            }
            el("p") { el("a", ["href": "/display", "target": "_blank"]) { context.t("呼び出し表示板を開く", "Open the board") } }
        }
    }
}
