import Foundation
import MadoguchiCore

/// The reservation pages, phone first.
enum ReservationView {
    static func sections(catalog: Catalog, _ context: PageContext) -> Markup {
        let title = context.t("来庁予約", "Book a visit")
        return Layout.page(title: title, context) {
            el("h1") { title }
            el("p", ["class": "lead"]) { context.t("予約した時間に来ると、順番を待たずにご案内します。", "Come at your time and you will be called without queueing.") }
            el("ul", ["class": "procedures", "id": "reserve-sections"]) {
                for section in catalog.sections where section.queue != nil {
                    el("li") { el("a", ["href": context.link(SitePath.reserve(section: section.code).path), "id": "reserve-\(section.code)"]) { context.t(section.name) } }
                }
            }
        }
    }

    /// The days first (each with how many times are free), then the times of one day: a phone shows one
    /// day's fifteen times, not two weeks' hundred and fifty.
    static func slots(section: Section, free: [(ReservationSlot, Int)], chosen: CivilDate?, catalog: Catalog, error: String?, hidden: Markup,
                      _ context: PageContext) -> Markup {
        let title = context.t(section.name) + context.t("の予約", ": book a visit")
        let days = Dictionary(grouping: free, by: { $0.0.date })
        let openDays = days.keys.sorted()
        let day = chosen.flatMap { days[$0] == nil ? nil : $0 }
            ?? openDays.first { date in (days[date] ?? []).contains { $0.1 > 0 } } ?? openDays.first
        return Layout.page(title: title, context) {
            el("h1") { title }
            if let error { el("div", ["class": "error-summary", "role": "alert", "tabindex": "-1"]) { el("p", ["id": "reserve-error"]) { error } } }
            el("form", ["method": "post", "action": context.link(SitePath.reserve(section: section.code).path), "id": "reserve-form"]) {
                hidden
                el("div", ["class": "field"]) {
                    el("label", ["for": "purpose"]) { context.t("ご用件", "What for") }
                    el("select", ["id": "purpose", "name": "purpose"]) {
                        el("option", ["value": section.code]) { context.t(section.name) + context.t("の手続き", " procedures") }
                        for event in catalog.events { el("option", ["value": event.id]) { context.t(event.name) } }
                    }
                }
                el("div", ["class": "field"]) {
                    el("label", ["for": "name"]) { context.t("お名前（任意）", "Your name (optional)") }
                    el("input", ["type": "text", "id": "name", "name": "name", "maxlength": "50", "autocomplete": "name"])
                }
                if free.isEmpty { el("p") { context.t("予約できる時間がありません。", "No times can be booked.") } }
                if !openDays.isEmpty {
                    el("nav", ["class": "days", "aria-label": context.t("日にち", "Days"), "id": "reserve-days"]) {
                        el("ul") {
                            for date in openDays {
                                let left = (days[date] ?? []).filter { $0.1 > 0 }.count
                                el("li") {
                                    el("a", ["href": context.link(SitePath.reserve(section: section.code).path, [("day", date.iso)]),
                                             "aria-current": date == day ? "date" : nil, "id": "day-\(date.iso)"]) {
                                        context.date(date) + context.t("（空き{0}）", " ({0} free)", left)
                                    }
                                }
                            }
                        }
                    }
                }
                for date in openDays where date == day {
                    el("fieldset", ["class": "slots"]) {
                        el("legend") { context.date(date) }
                        for (slot, left) in days[date] ?? [] {
                            let id = "slot-" + slot.key.replacingOccurrences(of: ":", with: "")
                            el("div", ["class": "choice"]) {
                                el("input", ["type": "radio", "name": "slot", "value": slot.key, "id": id, "disabled": left == 0 ? "" : nil])
                                el("label", ["for": id]) { OpeningHours.text(slot.minutes) + (left == 0 ? context.t("（満）", " (full)") : "") }
                            }
                        }
                    }
                }
                el("button", ["type": "submit", "id": "book"]) { context.t("予約する", "Book") }
            }
        }
    }

    static func booked(reservation: QueueReservation, section: Section, token: String, url: String, hidden: Markup, catalog: Catalog,
                       _ context: PageContext) -> Markup {
        let slot = ReservationSlot(unixSeconds: reservation.slotAt.timeIntervalSince1970)
        let title = context.t("予約内容", "Your booking")
        return Layout.page(title: title, context) {
            el("h1") { title }
            el("p", ["class": "big-reference", "id": "reservation-time"]) { context.date(slot.date) + " " + OpeningHours.text(slot.minutes) }
            el("p", ["id": "reservation-section"]) { context.t(section.name) + "　" + (section.place.map { context.t($0) } ?? "") }
            el("p", ["id": "reservation-state", "data-state": reservation.state.rawValue]) {
                switch reservation.state {
                case .booked: context.t("予約しています。当日、受付機でこのQRコードを読み取らせてください。", "Booked. On the day, show this QR code at the reception kiosk.")
                case .checkedIn: context.t("受付済みです。", "Checked in.")
                case .cancelled: context.t("この予約は取り消しました。", "This booking was cancelled.")
                }
            }
            if reservation.state == .booked {
                el("div", ["class": "qr", "id": "reservation-qr"]) { QRImage.markup(for: url, title: context.t("予約のQRコード", "QR code of the booking")) }
                el("p", ["class": "hint"]) { context.t("このページのアドレスを保存してください。予約の確認・取消ができます。", "Keep this page's address to see or cancel the booking.") }
                el("details", ["class": "confirm-step", "id": "cancel-step"]) {
                    el("summary") { context.t("予約を取り消す", "Cancel the booking") }
                    el("p") { context.t("取り消した予約は元に戻せません。", "A cancelled booking cannot be restored.") }
                    el("form", ["method": "post", "action": context.link(SitePath.reservationCancel(token: token).path)]) {
                        hidden
                        el("input", ["type": "hidden", "name": "confirm", "value": "yes"])
                        el("button", ["type": "submit", "class": "secondary", "id": "cancel-reservation"]) { context.t("はい、取り消します", "Yes, cancel it") }
                    }
                }
            }
        }
    }
}
