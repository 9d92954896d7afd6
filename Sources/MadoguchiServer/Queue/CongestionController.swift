import Fluent
import NIOConcurrencyHelpers
import Foundation
import MadoguchiCore
import Vapor

/// `/congestion`: how busy each section is now, and the typical wait by weekday and hour over the last
/// eight weeks, so citizens can choose a quiet time (混雑状況).
struct CongestionController: RouteCollection {
    static let weeks = 8

    func boot(routes: any RoutesBuilder) throws {
        routes.get("congestion", use: page)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let catalog = req.madoguchi.catalog
        let state = try await req.madoguchi.queueHub.current(on: req.db)
        let charts = try await req.madoguchi.typicalWaits.charts {
            try await Self.typicalWaits(catalog: catalog, on: req.db)
        }
        return CongestionView.render(state: state, charts: charts, hours: catalog.hours, PageContext(request: req)).response()
    }
}

extension CongestionController {
    /// Typical waits by weekday and hour per section, from eight weeks of calls: read once for all the phones
    /// that ask within the next ten minutes (see `TypicalWaitsCache`).
    static func typicalWaits(catalog: Catalog, on db: any Database) async throws -> [(Section, TypicalWaits)] {
        let since = Date().addingTimeInterval(-Double(weeks) * 7 * 86_400)
        let called = try await QueueTicket.query(on: db)
            .filter(\.$lineAt >= since)
            .filter(\.$calledAt != nil)
            .all()
        var charts: [(Section, TypicalWaits)] = []
        for section in catalog.sections where section.queue != nil {
            let samples = called.filter { $0.section == section.code }.compactMap { ticket -> TypicalWaits.Sample? in
                guard let calledAt = ticket.calledAt else { return nil }
                let (date, minute) = JapanTime.dayAndMinute(ticket.lineAt.timeIntervalSince1970)
                return TypicalWaits.Sample(weekday: date.weekday, hour: minute / 60,
                                           minutes: calledAt.timeIntervalSince(ticket.lineAt) / 60)
            }
            charts.append((section, TypicalWaits(samples: samples, hours: TypicalWaits.hours(catalog.hours))))
        }
        return charts
    }
}

/// The congestion page's charts change over weeks, not seconds: built at most every ten minutes per instance.
final class TypicalWaitsCache: Sendable {
    static let lifetime: TimeInterval = 600
    private let state = NIOLockedValueBox<(at: Date, charts: [(Section, TypicalWaits)])?>(nil)

    func charts(now: Date = Date(), build: () async throws -> [(Section, TypicalWaits)]) async throws -> [(Section, TypicalWaits)] {
        if let cached = state.withLockedValue({ $0 }), now.timeIntervalSince(cached.at) < Self.lifetime { return cached.charts }
        let charts = try await build()
        state.withLockedValue { $0 = (now, charts) }
        return charts
    }
}

enum CongestionView {
    static func render(state: QueueLiveState, charts: [(Section, TypicalWaits)], hours: OpeningHours, _ context: PageContext) -> Markup {
        let title = context.t("窓口の混雑状況", "How busy the counters are")
        return Layout.page(title: title, context) {
            el("h1") { title }
            el("p") { context.t("受付時間 {0}〜{1}（土日祝・年末年始を除く）",
                                "Open {0}–{1} on working days", OpeningHours.text(hours.open), OpeningHours.text(hours.close)) }
            el("h2") { context.t("いまの待ち状況", "Right now") }
            el("table", ["class": "data", "id": "congestion-now"]) {
                el("thead") { el("tr") {
                    el("th") { context.t("窓口", "Section") }
                    el("th") { context.t("お待ちの人数", "Waiting") }
                    el("th") { context.t("待ち時間の目安", "Estimated wait") }
                } }
                el("tbody") {
                    for section in state.sections {
                        el("tr", ["data-section": section.code]) {
                            el("td") { context.t(LocalizedText(ja: section.name, en: section.nameEn)) }
                            el("td") { context.t("{0}人", "{0}", section.waiting) }
                            el("td") { QueueText.wait(section.newTicketWaitSeconds, openCounters: section.openCounters, context) }
                        }
                    }
                }
            }
            el("h2") { context.t("曜日・時間帯ごとのふだんの待ち時間", "Typical waits by weekday and hour") }
            el("p", ["class": "hint"]) { context.t("過去{0}週間の実際の待ち時間（中央値、分）。空欄は件数が少ない時間帯です。",
                                                 "Real waits over the last {0} weeks (median, minutes). Blank: too few visits to say.", CongestionController.weeks) }
            for (section, waits) in charts {
                el("h3") { context.t(section.name) }
                Markup(trusted: WaitChart.svg(waits, title: Ruby.plain(context.t(section.name) + context.t("のふだんの待ち時間", ": typical waits")),
                                              labels: WaitChart.Labels(context)))
            }
        }
    }
}

/// The chart as server-rendered SVG: weekdays down, hours across, darker for longer waits, the minutes
/// written in each cell (so it reads without colour too).
enum WaitChart {
    /// The chart's words in the page's language, from the message catalogs (an SVG has no ruby: readings are left out).
    struct Labels {
        let weekdays: [String]
        let hour: (Int) -> String
        let hourRange: (Int) -> String
        let minutes: (String) -> String

        init(_ context: PageContext) {
            weekdays = zip(["日", "月", "火", "水", "木", "金", "土"], ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"])
                .map { Ruby.plain(context.t($0, $1)) }
            // Each text is looked up once per chart, not once per cell.
            let hours = (0..<24).map { Ruby.plain(context.t("{0}時", "{0}:00", $0)) }
            let ranges = (0..<24).map { Ruby.plain(context.t("{0}時台", "{0}:00–{0}:59", $0)) }
            let minutesText = Ruby.plain(context.t("{0}分", "{0} min", "\u{E010}"))
            hour = { (0..<24).contains($0) ? hours[$0] : String($0) }
            hourRange = { (0..<24).contains($0) ? ranges[$0] : String($0) }
            minutes = { minutesText.replacingOccurrences(of: "\u{E010}", with: $0) }
        }
    }

    static func svg(_ waits: TypicalWaits, title: String, labels: Labels) -> String {
        let cell = 44, labelWidth = 40, top = 22
        let width = labelWidth + cell * waits.hours.count, height = top + cell * waits.weekdays.count
        let names = labels.weekdays
        var parts = ["<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"wait-chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escape(title))\">",
                     "<title>\(escape(title))</title>"]
        for (column, hour) in waits.hours.enumerated() {
            parts.append("<text x=\"\(labelWidth + column * cell + cell / 2)\" y=\"15\" text-anchor=\"middle\" font-size=\"12\">\(escape(labels.hour(hour)))</text>")
        }
        for (row, weekday) in waits.weekdays.enumerated() {
            let y = top + row * cell
            parts.append("<text x=\"4\" y=\"\(y + cell / 2 + 5)\" font-size=\"14\">\(escape(names[weekday]))</text>")
            for column in waits.hours.indices {
                let x = labelWidth + column * cell
                let minutes = waits.minutes[row][column]
                let label = minutes.map { String(Int($0.rounded())) } ?? ""
                parts.append("<rect x=\"\(x + 1)\" y=\"\(y + 1)\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" fill=\"\(fill(minutes))\">"
                             + "<title>\(escape(names[weekday])) \(escape(labels.hourRange(waits.hours[column]))) \(minutes == nil ? "—" : escape(labels.minutes(label)))</title></rect>")
                if !label.isEmpty {
                    parts.append("<text x=\"\(x + cell / 2)\" y=\"\(y + cell / 2 + 5)\" text-anchor=\"middle\" font-size=\"14\" fill=\"\((minutes ?? 0) >= 30 ? "#fff" : "#1a1a1a")\">\(label)</text>")
                }
            }
        }
        parts.append("</svg>")
        return parts.joined()
    }

    /// From pale (short) to deep blue (an hour or more); grey when unknown.
    static func fill(_ minutes: Double?) -> String {
        guard let minutes else { return "#eeeeee" }
        let share = min(1, max(0, minutes / 60))
        let channel = { (from: Double, to: Double) in String(format: "%02x", Int(from + (to - from) * share)) }
        return "#" + channel(0xe8, 0x00) + channel(0xf1, 0x31) + channel(0xfe, 0xd8)
    }

    /// The page's one escaper: the chart is inline SVG inside the HTML page.
    private static func escape(_ text: String) -> String { Markup.escape(text) }
}
