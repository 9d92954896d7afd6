import Fluent
import Foundation
@testable import MadoguchiCore
@testable import MadoguchiServer
import SQLKit
import Testing
import Vapor

/// Hand-off files for the registry (`juki`, csv-file): written once, atomically, in household order; retried
/// with a growing pause when the folder fails, dead after the last attempt; two deliveries at once deliver each
/// hand-off once.
@Suite struct HandoffDeliveryTests {
    static func states(_ app: Application, target: String = "juki") async throws -> [String] {
        try await (app.db as! any SQLDatabase).select().column("state").from(Handoffs.table).where("target", .equal, SQLBind(target))
            .orderBy("seq").all().map { try $0.decode(column: "state", as: String.self) }
    }

    static func files(_ app: Application) throws -> [URL] {
        let folder = URL(fileURLWithPath: app.madoguchi.handoffDirectory).appendingPathComponent("juki")
        return ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []).sorted { $0.path < $1.path }
    }

    @Test func aHandOffBecomesOneFileWrittenOnce() async throws {
        try await withMadoguchi { app in
            let stored = try await HandoffTests.handedOffMoveIn(app)
            let outcome = try await HandoffDelivery.run(app)
            #expect(outcome == HandoffDelivery.Outcome(delivered: 1, failed: 0, dead: 0))
            #expect(try await Self.states(app) == ["delivered"])
            #expect(try await Self.states(app, target: "kokuho") == ["waiting"], "a pull target waits to be fetched")
            let files = try Self.files(app)
            #expect(files.map(\.lastPathComponent) == ["madoguchi-juki-000000000001-000000000001.csv"])
            let text = try String(contentsOf: try #require(files.first), encoding: .utf8)
            let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == 3 && lines[0].hasPrefix("連携ID,受付番号,異動事由,異動日,届出日"))
            #expect(lines[1].contains(",\(stored.reference),国内転入,2026-11-20,") && lines[1].contains(",山田,太郎,ヤマダ,タロウ,1985-04-01,1,世帯主,JP,"))
            #expect(lines[2].contains(",𠮷田,花子,"), "byte-exact")
            #expect(lines[2].contains(",2,妻,"), "続柄 as a 住民票 prints it, never 妻・夫")
            #expect(!text.contains("123456789018"))
            // Nothing more to deliver: the file is not written again.
            #expect(try await HandoffDelivery.run(app) == HandoffDelivery.Outcome())
            #expect(try Self.files(app).count == 1)
        }
    }

    @Test func aFailingFolderIsRetriedWithAPauseThenTheHandOffIsDead() async throws {
        try await withMadoguchi { app in
            _ = try await HandoffTests.handedOffMoveIn(app)
            // The target's folder cannot be made: a file stands where it should be.
            let base = URL(fileURLWithPath: app.madoguchi.handoffDirectory)
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
            try Data("not a folder".utf8).write(to: base.appendingPathComponent("juki"))
            let clock = TestClock()
            clock.set(Date())
            let first = try await HandoffDelivery.run(app, now: clock.now)
            let firstStates = try await Self.states(app)
            #expect(first == HandoffDelivery.Outcome(delivered: 0, failed: 1, dead: 0), "\(first) \(firstStates)")
            #expect(try await Self.states(app) == ["waiting"])
            #expect(try await HandoffDelivery.run(app, now: clock.now) == HandoffDelivery.Outcome(), "not before the pause")
            for attempt in 2..<HandoffDelivery.maximumAttempts {
                clock.advance(by: HandoffDelivery.backoff(afterAttempts: attempt - 1) + 1)
                let outcome = try await HandoffDelivery.run(app, now: clock.now)
                #expect(outcome.failed == 1, "attempt \(attempt): \(outcome)")
            }
            clock.advance(by: 3_601)
            #expect(try await HandoffDelivery.run(app, now: clock.now).dead == 1)
            #expect(try await Self.states(app) == ["dead"])
            let error = try await (app.db as! any SQLDatabase).select().column("last_error").from(Handoffs.table)
                .where("target", .equal, SQLBind("juki")).first()?.decode(column: "last_error", as: String?.self)
            #expect(error?.contains("attempt \(HandoffDelivery.maximumAttempts)") == true)
            // Fixed, and nothing goes on its own: a dead hand-off waits for staff.
            try FileManager.default.removeItem(at: base.appendingPathComponent("juki"))
            clock.advance(by: 3_601)
            #expect(try await HandoffDelivery.run(app, now: clock.now) == HandoffDelivery.Outcome())
        }
    }

    @Test func twoDeliveriesAtOnceDeliverEachHandOffOnceInOrder() async throws {
        try await withMadoguchi { app in
            for _ in 0..<6 { _ = try await HandoffTests.handedOffMoveIn(app) }
            let outcomes = try await withThrowingTaskGroup(of: HandoffDelivery.Outcome.self) { group in
                for _ in 0..<2 { group.addTask { try await HandoffDelivery.run(app) } }
                return try await group.reduce(into: [HandoffDelivery.Outcome]()) { $0.append($1) }
            }
            #expect(outcomes.map(\.delivered).reduce(0, +) == 6)
            #expect(try await Self.states(app) == Array(repeating: "delivered", count: 6))
            var ids: [String] = []
            for file in try Self.files(app) {
                let rows = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
                ids += rows.map { String($0.prefix { $0 != "," }) }
            }
            #expect(ids.count == 12, "two people in each of six hand-offs, each once")
            let expected = try await (app.db as! any SQLDatabase).select().column("id").from(Handoffs.table)
                .where("target", .equal, SQLBind("juki")).orderBy("seq").all().map { try $0.decode(column: "id", as: String.self) }
            var once: [String] = []
            for id in ids where once.last != id { once.append(id) }
            #expect(once == expected, "in seq order across the files")
        }
    }

    /// A household's hand-offs go in order: while an earlier one is stopped, a later one of the same household
    /// waits (another household's goes on); cancelling the stopped one lets it go.
    @Test func aStoppedHandOffHoldsBackItsHouseholdUntilCancelled() async throws {
        try await withMadoguchi { app in
            let first = try await HandoffTests.handedOffMoveIn(app, headResidentCode: "99001010000")
            let sql = try #require(app.db as? any SQLDatabase)
            try await app.writeTransaction { db in
                try await (db as! any SQLDatabase).update(Handoffs.table).set("state", to: SQLBind("dead"))
                    .where("case_id", .equal, SQLBind(first.id.uuidString)).where("target", .equal, SQLBind("juki")).run()
            }
            _ = try await HandoffTests.handedOffMoveIn(app, headResidentCode: "99001010000")
            _ = try await HandoffTests.handedOffMoveIn(app, headResidentCode: "99002010000")
            #expect(try await HandoffDelivery.run(app).delivered == 1, "only the other household's")
            #expect(try await Self.states(app) == ["dead", "waiting", "delivered"])
            let id = try #require(try await sql.select().column("id").from(Handoffs.table).where("case_id", .equal, SQLBind(first.id.uuidString))
                .where("target", .equal, SQLBind("juki")).first()).decode(column: "id", as: String.self)
            try await app.writeTransaction { db in
                try await (db as! any SQLDatabase).update(Handoffs.table).set("state", to: SQLBind("cancelled")).where("id", .equal, SQLBind(id)).run()
            }
            #expect(try await HandoffDelivery.run(app).delivered == 1)
            #expect(try await Self.states(app) == ["cancelled", "delivered", "delivered"])
        }
    }
}
