import Foundation
import MadoguchiCore

/// Shared pieces of the queue's pages.
enum QueueText {
    /// "約15分" from seconds; rounded up to 5 minutes, because a precise-looking figure promises too much.
    static func wait(_ seconds: Double?, openCounters: Int, _ context: PageContext) -> String {
        guard openCounters > 0, let seconds else { return context.t("ただいま開いている窓口がありません", "No counter is open now") }
        if seconds < 60 { return context.t("まもなく", "Very soon") }
        let minutes = Int((seconds / 60 / 5).rounded(.up)) * 5
        return context.t("約{0}分", "About {0} min", minutes)
    }

    static func state(_ ticket: QueueLiveState.TicketState, _ context: PageContext) -> String {
        switch ticket.state {
        case .waiting: context.t("お待ちください", "Please wait")
        case .called, .serving: context.t("{0}番窓口へお越しください（{1} {2}）", "Please go to counter {0} ({1}, {2})", ticket.counter.map(String.init) ?? "",
                                          context.t(LocalizedText(ja: ticket.place, en: ticket.placeEn)),
                                          context.t(LocalizedText(ja: ticket.sectionName, en: ticket.sectionNameEn)))
        case .done: context.t("お手続きは終わりました", "Finished")
        case .noShow: context.t("お呼びしましたがいらっしゃいませんでした。受付にお声がけください", "You were called but not there. Please ask at the reception")
        case .transferred: context.t("次の課へご案内しています", "Sent on to the next section")
        }
    }
}

/// `/kiosk`: two taps — what you came for, then the ticket prints.
enum KioskView {
    static func render(catalog: Catalog, state: QueueLiveState?, hidden: Markup, error: String?, paper: Int, _ context: PageContext) -> Markup {
        let title = context.t("受付", "Reception")
        let sections = Dictionary(uniqueKeysWithValues: (state?.sections ?? []).map { ($0.code, $0) })
        return Layout.page(title: title, context) {
            el("div", ["class": "kiosk"]) {
                el("h1") { context.t("ご用件をお選びください", "What did you come for?") }
                if let error { el("div", ["class": "error-summary", "role": "alert"]) { el("p", ["id": "kiosk-error"]) { error } } }
                el("form", ["method": "post", "action": context.link("/kiosk/tickets"), "class": "kiosk-choices"]) {
                    hidden
                    el("input", ["type": "hidden", "name": "paper", "value": String(paper)])
                    el("h2") { context.t("できごとから", "By life event") }
                    for event in catalog.events where QueueServiceTimes.firstSection(of: event, in: catalog) != nil {
                        el("button", ["type": "submit", "name": "event", "value": event.id, "id": "kiosk-\(event.id)"]) { context.t(event.name) }
                    }
                    if let kind = catalog.certificates.kinds.first(where: { catalog.section($0.section)?.queue != nil }) {
                        el("h2") { context.t("証明書", "Certificates") }
                        el("button", ["type": "submit", "name": "certificate", "value": kind.code, "id": "kiosk-certificate"]) {
                            context.t("住民票の写し・印鑑登録証明書など", "Residence record, seal certificate and others")
                        }
                    }
                    el("h2") { context.t("課から", "By section") }
                    for section in catalog.sections where section.queue != nil {
                        el("button", ["type": "submit", "name": "section", "value": section.code, "id": "kiosk-\(section.code)", "class": "secondary"]) {
                            context.t(section.name)
                            if let waiting = sections[section.code] {
                                el("span", ["class": "kiosk-waiting"]) { context.t("待ち{0}人", "{0} waiting", waiting.waiting) }
                            }
                        }
                    }
                }
                el("form", ["method": "post", "action": context.link("/kiosk/scan"), "class": "kiosk-scan"]) {
                    hidden
                    el("input", ["type": "hidden", "name": "paper", "value": String(paper)])
                    el("label", ["for": "code"]) { context.t("オンライン申請や来庁予約のQRコードをお持ちの方は、読み取り機にかざしてください", "Have a QR code from an online application or a booking? Hold it to the scanner") }
                    el("input", ["type": "text", "id": "code", "name": "code", "autocomplete": "off", "autofocus": ""])
                    el("button", ["type": "submit", "id": "scan", "class": "secondary"]) { context.t("読み取る", "Read") }
                }
            }
        }
    }
}

/// The receipt a kiosk prints (58/80 mm paper) and shows: number, where, how long, and a QR code to the live page.
enum KioskTicketView {
    static func render(ticket: QueueLiveState.TicketState?, label: String, url: String, paper: Int, _ context: PageContext) -> Markup {
        let title = context.t("整理券", "Your ticket")
        return Layout.page(title: title, context) {
            el("div", ["class": paper == 58 ? "receipt receipt-58" : "receipt", "id": "receipt", "data-autoprint": ""]) {
                el("p", ["class": "receipt-municipality"]) { context.t(context.municipality) }
                el("h1") { title }
                el("p", ["class": "receipt-number", "id": "ticket-number"]) { label }
                if let ticket {
                    el("p", ["id": "ticket-section"]) { context.t("{0}　{1}", "{0}, {1}", context.t(LocalizedText(ja: ticket.sectionName, en: ticket.sectionNameEn)),
                                                                context.t(LocalizedText(ja: ticket.place, en: ticket.placeEn))) }
                    el("p", ["id": "ticket-ahead"]) {
                        context.t("あなたの前に {0}人", "{0} ahead of you", max(0, (ticket.position ?? 1) - 1))
                    }
                    el("p", ["id": "ticket-wait"]) {
                        context.t("待ち時間の目安：", "Estimated wait: ") + QueueText.wait(ticket.waitSeconds, openCounters: ticket.openCounters, context)
                    }
                }
                el("div", ["class": "qr", "id": "ticket-qr"]) { QRImage.markup(for: url, title: context.t("呼び出し状況のQRコード", "QR code of your ticket page")) }
                el("p", ["class": "hint"]) { context.t("QRコードを読み取ると、呼び出し状況をスマートフォンで確認できます。", "Scan to follow your turn on your phone.") }
                el("p", ["class": "receipt-url", "id": "ticket-url"]) { url }
            }
            el("p", ["class": "no-print"]) {
                el("button", ["type": "button", "data-print": "", "hidden": "", "id": "print-ticket"]) { context.t("印刷する", "Print") }
                " "
                el("a", ["href": context.link("/kiosk", paper == 58 ? [("paper", "58")] : []), "id": "kiosk-back", "class": "button secondary"]) { context.t("最初の画面へ", "Back to the start") }
            }
        }
    }
}

/// `/t/{token}`: the citizen's own ticket, live, without login or app.
enum TicketPageView {
    static func render(token: String, ticket: QueueLiveState.TicketState?, _ context: PageContext) -> Markup {
        let title = context.t("呼び出し状況", "Your ticket")
        return Layout.page(title: title, context) {
            el("div", ["class": "ticket-page", "id": "ticket-page", "data-live": SitePath.ticketLive(token: token).path, "data-lang": context.language == .en ? "en" : "ja"]) {
                el("h1") { title }
                if let ticket {
                    el("p", ["class": "big-reference", "id": "ticket-number"]) { ticket.label }
                    el("p", ["id": "ticket-section"]) { context.t("{0}　{1}", "{0}, {1}", context.t(LocalizedText(ja: ticket.sectionName, en: ticket.sectionNameEn)),
                                                                context.t(LocalizedText(ja: ticket.place, en: ticket.placeEn))) }
                    el("p", ["class": "ticket-state", "id": "ticket-state", "data-state": ticket.state.rawValue, "role": "status", "aria-live": "assertive"]) {
                        QueueText.state(ticket, context)
                    }
                    el("dl", ["class": "summary-list"]) {
                        el("dt") { context.t("あなたの順番", "Your position") }
                        el("dd", ["id": "ticket-position"]) { ticket.position.map { context.t("{0}番目", "No. {0}", $0) } ?? "—" }
                        el("dt") { context.t("待ち時間の目安", "Estimated wait") }
                        el("dd", ["id": "ticket-wait"]) {
                            ticket.state == .waiting ? QueueText.wait(ticket.waitSeconds, openCounters: ticket.openCounters, context) : "—"
                        }
                    }
                    el("p", ["class": "hint"]) { context.t("この画面は自動で更新されます。呼ばれたら音と振動でお知らせします（端末が対応している場合）。",
                                                         "This page updates by itself and will sound and vibrate when you are called (where your phone allows).") }
                } else {
                    el("p", ["id": "ticket-state", "data-state": "unknown"]) { context.t("この整理券は見つかりません（当日のみ有効です）。", "This ticket was not found (tickets are valid on the day only).") }
                }
            }
        }
    }
}

/// `/display`: the board on a large screen, readable from 5 m.
enum BoardView {
    static func render(state: QueueLiveState, _ context: PageContext) -> Markup {
        let title = context.t("呼び出し", "Now calling")
        return Layout.page(title: title, context) {
            el("div", ["class": "board", "id": "board", "data-live": "/queue/live"]) {
                el("section", ["class": "board-calls"]) {
                    el("h1") { title }
                    el("ol", ["id": "board-calls"]) {
                        for call in state.calls.prefix(8) {
                            el("li", ["data-label": call.label, "data-at": String(call.announcedAt)]) {
                                el("span", ["class": "board-number"]) { call.label }
                                el("span", ["class": "board-arrow", "aria-hidden": "true"]) { "→" }
                                el("span", ["class": "board-counter"]) { "\(call.counter)番窓口" }
                                el("span", ["class": "board-place"]) { "\(call.sectionName)（\(call.place)）" }
                            }
                        }
                    }
                }
                el("section", ["class": "board-side"]) {
                    el("h2") { context.t("お待ちの人数", "Waiting") }
                    el("table", ["class": "board-waiting", "id": "board-waiting"]) {
                        el("tbody") {
                            for section in state.sections {
                                el("tr", ["data-section": section.code]) {
                                    el("th") { section.name }
                                    el("td", ["class": "count"]) { "\(section.waiting)人" }
                                    el("td") { QueueText.wait(section.newTicketWaitSeconds, openCounters: section.openCounters, context) }
                                }
                            }
                        }
                    }
                    el("h2") { context.t("さきほどの呼び出し", "Called earlier") }
                    el("ol", ["class": "board-recent", "id": "board-recent"]) {
                        for call in state.recent.prefix(6) { el("li") { "\(call.label) → \(call.counter)番窓口" } }
                    }
                    el("button", ["type": "button", "id": "board-sound", "class": "secondary", "hidden": ""]) { context.t("音声案内を有効にする", "Turn on sound") }
                }
            }
        }
    }
}
