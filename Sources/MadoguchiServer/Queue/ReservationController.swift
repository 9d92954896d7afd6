import Fluent
import Foundation
import MadoguchiCore
import Vapor

/// `/reserve`: book a slot at a section (no login; a link and a QR code manage it), cancel it, and check
/// in at the kiosk by showing the QR code. Reserved visitors are called at their slot (see `CallOrder`).
struct ReservationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let reserve = routes.grouped("reserve")
        reserve.get(use: sections)
        reserve.get(":section", use: slots)
        reserve.post(":section", use: book)
        reserve.get("r", ":token", use: show)
        reserve.post("r", ":token", "cancel", use: cancel)
    }

    @Sendable func sections(req: Request) async throws -> Response {
        ReservationView.sections(catalog: req.madoguchi.catalog, PageContext(request: req)).response()
    }

    @Sendable func slots(req: Request) async throws -> Response {
        let (section, queue) = try req.queueDesk.queueSection(req.parameters.get("section") ?? "")
        let free = try await freeSlots(section: section, queue: queue, req: req)
        let chosen = req.query[String.self, at: "day"].flatMap { CivilDate(iso: $0) }
        let page = ReservationView.slots(section: section, free: free, chosen: chosen, catalog: req.madoguchi.catalog, error: nil,
                                         hidden: CitizenForms.hiddenFields(req), PageContext(request: req))
        return CitizenForms.attach(req, to: page.response())
    }

    @Sendable func book(req: Request) async throws -> Response {
        try CitizenForms.verify(req)
        try req.madoguchi.citizenLimits.allowSubmission(from: req)
        let (section, queue) = try req.queueDesk.queueSection(req.parameters.get("section") ?? "")
        let catalog = req.madoguchi.catalog
        let now = Date().timeIntervalSince1970
        let name = ((try? req.content.get(String.self, at: "name")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let purpose = (try? req.content.get(String.self, at: "purpose")).flatMap { catalog.event($0)?.id } ?? section.code
        guard let slot = (try? req.content.get(String.self, at: "slot")).flatMap(ReservationSlot.init(key:)),
              ReservationSlots.isOffered(slot, now: now, hours: catalog.hours, slotMinutes: queue.slotMinutes), name.count <= 50 else {
            return try await refuse("予約できる日時を選んでください。", section: section, queue: queue, req: req)
        }
        let token = Tokens.random()
        let slotAt = Date(timeIntervalSince1970: slot.unixSeconds)
        let booked = try await req.queueDesk.book(section: section.code, slotAt: slotAt, purposes: [purpose],
                                                  name: name.isEmpty ? nil : name, tokenHash: Tokens.digest(token)) != nil
        guard booked else { return try await refuse("その時間は満席になりました。別の時間を選んでください。", section: section, queue: queue, req: req) }
        return req.redirect(to: PageContext(request: req).link(SitePath.reservation(token: token).path))
    }

    @Sendable func show(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let reservation = try await Self.find(token, on: req.db)
        guard let section = req.madoguchi.catalog.section(reservation.section) else { throw Abort(.notFound) }
        return ReservationView.booked(reservation: reservation, section: section, token: token, url: req.absoluteURL(SitePath.reservation(token: token).path),
                                      hidden: CitizenForms.hiddenFields(req), catalog: req.madoguchi.catalog, PageContext(request: req))
            .response()
    }

    @Sendable func cancel(req: Request) async throws -> Response {
        try CitizenForms.verify(req)
        try ConfirmStep.require(req)
        let token = req.parameters.get("token") ?? ""
        let reservation = try await Self.find(token, on: req.db)
        // Read, check and write in one queue change (which every instance takes in turn).
        try await req.queueDesk.cancelBooking(try reservation.requireID())
        return req.redirect(to: PageContext(request: req).link(SitePath.reservation(token: token).path))
    }

    /// Checks a reserved visitor in at the kiosk: a ticket in the reservation lane (a late arrival beyond
    /// the grace becomes a walk-in, by `CallOrder`). Nil when the code is not a reservation of today.
    static func checkIn(code: String, req: Request) async throws -> StoredTicket? {
        guard let range = code.range(of: "/reserve/r/") else { return nil }
        let token = String(code[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        guard let reservation = try? await find(token, on: req.db), reservation.state != .cancelled,
              QueueDesk.day(reservation.slotAt) == QueueDesk.day(req.madoguchi.clock()) else { return nil }
        // One change: a booking scanned twice at once gets one ticket, the second scan the same one.
        return try await req.queueDesk.checkIn(booking: try reservation.requireID(), section: reservation.section,
                                               purposes: reservation.purposes, slotAt: reservation.slotAt)
    }

    static func find(_ token: String, on db: any Database) async throws -> QueueReservation {
        guard !token.isEmpty, let reservation = try await QueueReservation.query(on: db).filter(\.$tokenHash == Tokens.digest(token)).first() else {
            throw Abort(.notFound, reason: "この予約は見つかりません。")
        }
        return reservation
    }

    private func freeSlots(section: Section, queue: SectionQueue, req: Request) async throws -> [(ReservationSlot, Int)] {
        let offered = ReservationSlots.offered(now: Date().timeIntervalSince1970, hours: req.madoguchi.catalog.hours, slotMinutes: queue.slotMinutes)
        guard let first = offered.first, let last = offered.last else { return [] }
        let taken = try await QueueReservation.query(on: req.db).filter(\.$section == section.code)
            .filter(\.$slotAt >= Date(timeIntervalSince1970: first.unixSeconds)).filter(\.$slotAt <= Date(timeIntervalSince1970: last.unixSeconds))
            .filter(\.$state != .cancelled).all()
        var counts: [Double: Int] = [:]
        for reservation in taken { counts[reservation.slotAt.timeIntervalSince1970.rounded(), default: 0] += 1 }
        return offered.map { ($0, max(0, queue.slotCapacity - counts[$0.unixSeconds.rounded(), default: 0])) }
    }

    private func refuse(_ message: String, section: Section, queue: SectionQueue, req: Request) async throws -> Response {
        let free = try await freeSlots(section: section, queue: queue, req: req)
        // Back on the day the citizen had chosen.
        let chosen = (try? req.content.get(String.self, at: "slot")).flatMap(ReservationSlot.init(key:))?.date
        let page = ReservationView.slots(section: section, free: free, chosen: chosen, catalog: req.madoguchi.catalog, error: message,
                                         hidden: CitizenForms.hiddenFields(req), PageContext(request: req))
        return CitizenForms.attach(req, to: page.response(status: .badRequest))
    }
}
