import Fluent
import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor
import VaporTesting

@Suite struct ReservationTests {
    static func firstFreeSlot(_ page: TestingHTTPResponse) throws -> String {
        let html = page.body.string
        let match = try #require(html.firstMatch(of: /name="slot" value="([0-9T:-]{16})" id="[^"]+">/))
        return String(match.1)
    }

    @Test func aSlotIsBookedOnceCancelledAndFreeAgain() async throws {
        try await withMadoguchi { app in
            var citizen = StaffBrowser(app)
            let page = try await citizen.get("/reserve/JUMIN")
            let slot = try Self.firstFreeSlot(page)
            let csrf = try StaffBrowser.csrf(in: page)
            let booked = try await citizen.post("/reserve/JUMIN", [("slot", slot), ("purpose", "move-in"), ("name", "山田 花子"), ("_csrf", csrf)])
            #expect(booked.status == .seeOther)
            let link = try #require(booked.headers.first(name: .location))
            let shown = try await citizen.get(link)
            #expect(shown.body.string.contains(#"data-state="booked""#))
            #expect(shown.body.string.contains("<svg"), "a QR code to show at the kiosk")

            // 市民課 takes one booking per slot.
            let full = try await citizen.post("/reserve/JUMIN", [("slot", slot), ("_csrf", csrf)])
            #expect(full.status == .badRequest)
            #expect(full.body.string.contains("満席"))
            #expect(try await citizen.post("/reserve/JUMIN", [("slot", "2020-01-06T09:00"), ("_csrf", csrf)]).status == .badRequest, "a past time")
            #expect(try await citizen.post("/reserve/JUMIN", [("slot", "nonsense"), ("_csrf", csrf)]).status == .badRequest)

            #expect(try await citizen.post(link + "/cancel", [("_csrf", csrf)]).status == .badRequest, "one tap does not cancel")
            _ = try await citizen.post(link + "/cancel", [("_csrf", csrf), ("confirm", "yes")])
            #expect(try await citizen.get(link).body.string.contains(#"data-state="cancelled""#))
            #expect(try await citizen.post("/reserve/JUMIN", [("slot", slot), ("_csrf", csrf)]).status == .seeOther, "free again")
            #expect(try await QueueReservation.query(on: app.db).count() == 2)
        }
    }

    @Test func aCheckedInReservationIsCalledAtItsSlotAheadOfLaterWalkIns() async throws {
        try await withMadoguchi { app in
            // A booking for today, a minute from now, checked in early at the kiosk by its QR code.
            let token = "reservation-secret-1"
            let reservation = QueueReservation(section: "JUMIN", slotAt: Date().addingTimeInterval(60), purposes: ["JUMIN"], name: nil,
                                               tokenHash: Tokens.digest(token))
            try await app.writeTransaction { db in try await reservation.create(on: db) }
            var kiosk = Kiosk(app)
            let walkIn = try await kiosk.take("section", "JUMIN")
            let home = try await kiosk.browser.get("/kiosk")
            let scanned = try await kiosk.browser.post("/kiosk/scan", [("code", "http://city.example/reserve/r/\(token)"), ("_csrf", try StaffBrowser.csrf(in: home))])
            #expect(scanned.status == .seeOther)
            let reserved = try #require(try await QueueTicket.query(on: app.db).filter(\.$reservationID == reservation.id).first())
            #expect(try await QueueReservation.find(reservation.id, on: app.db)?.state == .checkedIn)
            let laterWalkIn = try await kiosk.take("section", "JUMIN")

            var clerk = try await Clerk.signedIn(app)
            _ = try await clerk.desk("/queue/desk/JUMIN/1", "open")
            _ = try await clerk.desk("/queue/desk/JUMIN/1", "call")
            #expect(try await QueueTests.ticket(app, walkIn).state == .called, "before the slot, the walk-in who came first")
            // The slot has come: the reserved visitor goes ahead of the walk-in who came after them.
            reserved.slotAt = Date().addingTimeInterval(-60)
            try await app.writeTransaction { db in try await reserved.save(on: db) }
            _ = try await clerk.desk("/queue/desk/JUMIN/1", "call")
            #expect(try await QueueTicket.find(reserved.id, on: app.db)?.state == .called)
            #expect(try await QueueTests.ticket(app, laterWalkIn).state == .waiting)

            let again = try await kiosk.browser.post("/kiosk/scan", [("code", "http://city.example/reserve/r/unknown"), ("_csrf", try StaffBrowser.csrf(in: home))])
            #expect(again.headers.first(name: .location)?.contains("error=reservation") == true)
        }
    }
}

@Suite struct ReservationDaysTests {
    /// Days first, then one day's times: not two weeks of slots on one page.
    @Test func theSlotsPageShowsOneDayAtATime() async throws {
        try await withMadoguchi { app in
            let page = try await app.testing().sendRequest(.GET, "/reserve/JUMIN").body.string
            let days = page.matches(of: /id="day-(\d{4}-\d{2}-\d{2})"/).map { String($0.output.1) }
            #expect(days.count >= 5, "two weeks of open days")
            let times = page.matches(of: /name="slot" value="([0-9T:-]{16})"/).map { String($0.output.1) }
            #expect(!times.isEmpty && times.count <= 20, "one day's times: \(times.count)")
            #expect(Set(times.map { $0.prefix(10) }).count == 1)
            let later = try #require(days.last)
            let other = try await app.testing().sendRequest(.GET, "/reserve/JUMIN?day=\(later)").body.string
            let otherTimes = other.matches(of: /name="slot" value="([0-9T:-]{16})"/).map { String($0.output.1.prefix(10)) }
            #expect(Set(otherTimes) == [later])
        }
    }
}
