import Fluent
import Foundation
import MadoguchiCore

/// The queue as boards, ticket pages and the congestion page see it at one moment: built from the
/// database after every change, with the wait estimates of `WaitEstimator`.
struct QueueLiveState: Sendable {
    struct SectionState: Codable, Sendable {
        let code: String
        let name: String
        let nameEn: String
        let letter: String
        let place: String
        let waiting: Int
        let openCounters: Int
        /// The estimated wait of a ticket issued now; nil when no counter is open.
        let newTicketWaitSeconds: Double?
    }

    struct Call: Codable, Sendable {
        let label: String
        let section: String
        let sectionName: String
        let sectionNameEn: String
        /// The counter's own number (窓口番号, `queue.desks` in the catalog): the one name used everywhere.
        let counter: Int
        let place: String
        let placeEn: String
        /// Unix seconds of the latest announcement; a recall changes it, so boards chime again.
        let announcedAt: Double
    }

    struct TicketState: Codable, Sendable {
        let label: String
        let section: String
        let sectionName: String
        let sectionNameEn: String
        let state: QueueTicketState
        /// 1 = next; nil once called.
        let position: Int?
        let waitSeconds: Double?
        /// The counter's own number while the ticket is called.
        let counter: Int?
        let place: String
        let placeEn: String
        let openCounters: Int
    }

    let version: Int
    let at: Double
    let sections: [SectionState]
    /// Tickets being served now, the latest announcement first.
    let calls: [Call]
    /// Tickets called earlier today and finished.
    let recent: [Call]
    /// Every ticket of the day still of interest, by its page's secret (never sent to a board).
    let tickets: [String: TicketState]
    /// The board's JSON, encoded once for every board connected (not once per board).
    let boardJSON: Data

    init(version: Int, at: Double, sections: [SectionState], calls: [Call], recent: [Call], tickets: [String: TicketState]) throws {
        self.version = version
        self.at = at
        self.sections = sections
        self.calls = calls
        self.recent = recent
        self.tickets = tickets
        boardJSON = try JSONEncoder().encode(Board(version: version, at: at, sections: sections, calls: calls, recent: recent))
    }

    /// What a board may show: no ticket secrets.
    struct Board: Codable, Sendable {
        let version: Int
        let at: Double
        let sections: [SectionState]
        let calls: [Call]
        let recent: [Call]
    }

    var board: Board { Board(version: version, at: at, sections: sections, calls: calls, recent: recent) }

    /// What one citizen's phone may show: the shape `writeTicket` writes by hand (`RenderingTests` checks the two
    /// documents agree).
    struct Ticket: Codable, Sendable {
        let version: Int
        let ticket: TicketState?
    }
}

extension QueueLiveState {
    /// Builds the state of today from the database.
    static func build(catalog: Catalog, model: ServiceTimeModel, on db: any Database, now: Date = Date()) async throws -> QueueLiveState {
        let version = try await QueueVersion.current(on: db)
        let today = JapanTime.dayAndMinute(now.timeIntervalSince1970).date
        let day = today.iso
        let tickets = try await LiveTicket.all(of: day, on: db)
        let counters = try await QueueCounter.query(on: db).filter(\.$open == true).all()
        // Booked visitors who have not checked in yet join the reservation lane at their slot.
        let dayEnd = Date(timeIntervalSince1970: JapanTime.unixSeconds(today.addingDays(1)))
        let upcoming = try await QueueReservation.query(on: db).filter(\.$state == .booked)
            .filter(\.$slotAt >= now.addingTimeInterval(-CallOrder.reservationGrace)).filter(\.$slotAt < dayEnd).all()
        let seconds = now.timeIntervalSince1970
        let byID = Dictionary(tickets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        // A visitor sent on to another section has several tickets under one secret: the page follows the live one.
        var shown: [String: LiveTicket] = [:]
        for ticket in tickets.sorted(by: { $0.issuedAt < $1.issuedAt }) {
            if let earlier = shown[ticket.token], earlier.state != .transferred, ticket.state == .transferred { continue }
            shown[ticket.token] = ticket
        }
        var sections: [SectionState] = []
        var states: [String: TicketState] = [:]
        var calls: [Call] = []
        var recent: [Call] = []
        for section in catalog.sections {
            guard let queue = section.queue else { continue }
            let place = section.place?.ja ?? section.name.ja
            let placeEn = section.place?.en ?? section.name.en
            let open = counters.filter { $0.section == section.code }
            let waiting = tickets.filter { $0.section == section.code && $0.state == .waiting }
            let estimatorCounters = open.map { counter -> WaitEstimator.Counter in
                guard let id = counter.ticketID, let ticket = byID[id], ticket.state == .called, let called = ticket.calledAt else {
                    return WaitEstimator.Counter()
                }
                return WaitEstimator.Counter(serving: .init(purposes: ticket.purposes, startedAt: called.timeIntervalSince1970))
            }
            let inARow = open.map(\.reservedInARow).max() ?? 0
            // A ticket issued now joins the end of the walk-in line: its estimate is what the kiosk shows.
            let newcomer = QueueTicketSnapshot(id: "new", section: section.code, purposes: [section.code], issuedAt: seconds)
            let booked = upcoming.filter { $0.section == section.code }
                .map { WaitEstimator.UpcomingReservation(slot: $0.slotAt.timeIntervalSince1970, purposes: $0.purposes) }
            let estimates = WaitEstimator.estimate(now: seconds, section: section.code, counters: estimatorCounters,
                                                   waiting: waiting.map(\.snapshot) + [newcomer], upcoming: booked,
                                                   reservedInARow: inARow, model: model)
            let order = CallOrder.ordered(waiting: waiting.map(\.snapshot), now: seconds, reservedInARow: inARow)
            let positions = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1.id, $0 + 1) })
            sections.append(SectionState(code: section.code, name: section.name.ja, nameEn: section.name.en, letter: queue.letter,
                                         place: place, waiting: waiting.count, openCounters: open.count,
                                         newTicketWaitSeconds: estimates["new"]))
            for ticket in tickets where ticket.section == section.code {
                if let number = ticket.counterNumber, ticket.state == .called || ticket.state == .done || ticket.state == .noShow {
                    let call = Call(label: ticket.label, section: section.code, sectionName: section.name.ja, sectionNameEn: section.name.en,
                                    counter: queue.deskNumber(number), place: place, placeEn: placeEn, announcedAt: (ticket.announcedAt ?? ticket.calledAt ?? now).timeIntervalSince1970)
                    if ticket.state == .called { calls.append(call) } else { recent.append(call) }
                }
                guard shown[ticket.token]?.id == ticket.id else { continue }
                let id = ticket.snapshot.id
                states[ticket.token] = TicketState(
                    label: ticket.label, section: section.code, sectionName: section.name.ja, sectionNameEn: section.name.en, state: ticket.state,
                    position: positions[id], waitSeconds: ticket.state == .waiting ? estimates[id] : nil,
                    counter: ticket.state == .called ? ticket.counterNumber.map(queue.deskNumber) : nil, place: place, placeEn: placeEn,
                    openCounters: open.count)
            }
        }
        return try QueueLiveState(version: version, at: seconds, sections: sections,
                              calls: calls.sorted { $0.announcedAt > $1.announcedAt },
                              recent: Array(recent.sorted { $0.announcedAt > $1.announcedAt }.prefix(10)),
                              tickets: states)
    }
}
