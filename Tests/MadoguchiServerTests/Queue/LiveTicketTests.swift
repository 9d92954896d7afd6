import Fluent
import FluentSQLiteDriver
import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import SQLKit
import Testing
import Vapor

/// On SQLite the live state reads its tickets as SQLite's own values (`LiveTicket+SQLite`): they must be the tickets
/// the general `SQLRow` decoding reads, for every kind of row — waiting, called at a counter, booked with a slot,
/// several purposes, a purpose with a quote — and the waiting ones in the order a call chooses from.
@Suite struct LiveTicketTests {
    @Test func sqlitesOwnValuesReadTheSameTicketsAsTheGeneralDecoding() async throws {
        try await withMadoguchi { app in
            var kiosk = Kiosk(app)
            let tokens = [try await kiosk.take("event", "move-in"), try await kiosk.take("section", "JUMIN"),
                          try await kiosk.take("section", "JUMIN"), try await kiosk.take("event", "birth")]
            var clerk = try await Clerk.signedIn(app)
            _ = try await clerk.desk("/queue/desk/JUMIN/1", "open")
            _ = try await clerk.desk("/queue/desk/JUMIN/1", "call")
            let booked = tokens[2]
            try await app.writeTransaction { db in
                let ticket = try #require(try await QueueTicket.query(on: db).filter(\.$token == booked).first())
                ticket.slotAt = Date(timeIntervalSince1970: 1_764_550_800.125)
                ticket.purposes = ["JUMIN", "say \"when\""]
                try await ticket.save(on: db)
            }

            let day = try #require(try await QueueTicket.query(on: app.db).first()).day
            let general = try await (app.db as! any SQLDatabase).select().column("*").from(QueueTicket.schema)
                .where("day", .equal, day).all().map(LiveTicket.init).sorted { $0.label < $1.label }
            let read = try await LiveTicket.all(of: day, on: app.db).sorted { $0.label < $1.label }
            #expect(read.count == 4)
            #expect(read == general)
            #expect(read.contains { $0.state == .called && $0.counterNumber != nil && $0.calledAt != nil })
            #expect(read.contains { $0.slotAt != nil && $0.purposes == ["JUMIN", "say \"when\""] })
            let waiting = try await LiveTicket.waiting(at: "JUMIN", on: day, on: app.db)
            #expect(waiting.map(\.token) == general.filter { $0.section == "JUMIN" && $0.state == .waiting }
                .sorted { ($0.lineAt, $0.label) < ($1.lineAt, $1.label) }.map(\.token))
            if let sqlite = app.db as? any SQLiteDatabase {
                let rows = try await sqlite.query("SELECT * FROM queue_tickets")
                #expect(rows.count == 4 && rows.allSatisfy { LiveTicket(sqlite: $0) != nil }, "every row today's SQLiteKit writes is read directly")
                // A row the fast path does not expect (JSON stored as a blob by an older SQLiteKit) is still read.
                let first = tokens[0]
                try await app.writeTransaction { db in
                    try await (db as! any SQLDatabase).raw("UPDATE queue_tickets SET purposes = CAST(purposes AS BLOB) WHERE token = \(bind: first)").run()
                }
                #expect(try await sqlite.query("SELECT * FROM queue_tickets").filter { LiveTicket(sqlite: $0) == nil }.count == 1)
                let again = try await LiveTicket.all(of: day, on: app.db).sorted { $0.label < $1.label }
                #expect(again == general)
            }
        }
    }
}
