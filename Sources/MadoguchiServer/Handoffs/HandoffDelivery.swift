import Foundation
import MadoguchiCore
import NIOCore
import SQLKit
import Vapor

/// Delivers hand-offs to the targets that take files (`delivery: csv-file`): claims what waits with a lease (two
/// instances never deliver one hand-off at once), keeps each household's order (a hand-off waits while an earlier
/// one of its household is undelivered), writes one file per batch atomically (a temporary file, then a rename)
/// named by the batch's first and last `seq` so that writing it again after a crash gives the same file, and
/// retries what failed with a growing pause up to `maximumAttempts`, then leaves it dead for staff.
enum HandoffDelivery {
    static let batch = 500
    static let lease: TimeInterval = 120
    static let maximumAttempts = 8

    /// The pause before attempt `n + 1` (5 s, 10 s, 20 s … at most an hour).
    static func backoff(afterAttempts attempts: Int) -> TimeInterval {
        min(3_600, 5 * pow(2, Double(max(0, attempts - 1))))
    }

    struct Outcome: Sendable, Equatable {
        var delivered = 0
        var failed = 0
        var dead = 0
    }

    /// Delivers everything that can go now; returns what happened.
    @discardableResult
    static func run(_ app: Application, now: @escaping @Sendable () -> Date = { Date() }) async throws -> Outcome {
        var outcome = Outcome()
        for target in app.madoguchi.catalog.handoffTargets where target.delivery == .csvFile {
            guard let layout = target.layout else { continue }
            let folder = URL(fileURLWithPath: app.madoguchi.handoffDirectory).appendingPathComponent(target.id)
            while true {
                let claimed = try await claim(target: target.id, app: app, now: now().timeIntervalSince1970)
                if claimed.isEmpty { break }
                outcome = try await deliver(claimed, layout: layout, target: target.id, folder: folder, app: app, now: now, outcome: outcome)
            }
        }
        return outcome
    }

    struct Claimed: Sendable {
        let id: String
        let seq: Int64
        let attempts: Int
        let payload: HandoffPayload
    }

    /// Takes up to `batch` waiting hand-offs of the target whose household has nothing earlier undelivered,
    /// in one conditional update: what another instance holds (its lease has not run out) is left alone.
    static func claim(target: String, app: Application, now: Double) async throws -> [Claimed] {
        let leaseUntil = now + lease
        let rows = try await app.writeTransaction { db -> [any SQLRow] in
            let sql = try db.sql()
            return try await sql.raw("""
                UPDATE \(ident: Handoffs.table) SET lease_until = \(bind: leaseUntil)
                WHERE id IN (
                    SELECT h.id FROM \(ident: Handoffs.table) h
                    WHERE h.target = \(bind: target) AND h.state = 'waiting'
                      AND (h.lease_until IS NULL OR h.lease_until < \(bind: now))
                      AND (h.next_attempt_at IS NULL OR h.next_attempt_at <= \(bind: now))
                      AND NOT EXISTS (SELECT 1 FROM \(ident: Handoffs.table) e WHERE e.target = h.target
                                      AND e.household_key = h.household_key AND e.seq < h.seq AND e.state IN ('waiting', 'dead'))
                    ORDER BY h.seq LIMIT \(unsafeRaw: String(batch)))
                  AND state = 'waiting' AND (lease_until IS NULL OR lease_until < \(bind: now))
                RETURNING id, seq, attempts, payload
                """).all()
        }
        let decoder = JSONDecoder()
        return try rows.map { row in
            Claimed(id: try row.decode(column: "id", as: String.self), seq: try row.decode(column: "seq", as: Int64.self),
                    attempts: try row.decode(column: "attempts", as: Int.self),
                    payload: try decoder.decode(HandoffPayload.self, from: Data(try row.decode(column: "payload", as: String.self).utf8)))
        }.sorted { $0.seq < $1.seq }
    }

    private static func deliver(_ claimed: [Claimed], layout: HandoffCSVLayout, target: String, folder: URL, app: Application,
                                now: @Sendable () -> Date, outcome: Outcome) async throws -> Outcome {
        var outcome = outcome
        var sendable = claimed
        // A hand-off the layout's encoding cannot hold will never go: dead at once, with the reason; the rest go.
        var refused: [(Claimed, String)] = []
        var rendered: Data?
        while true {
            do {
                rendered = try layout.file(sendable.map(\.payload))
                break
            } catch {
                guard let index = sendable.firstIndex(where: { $0.payload.id == error.handoffID }) else { break }
                refused.append((sendable.remove(at: index), error.description))
            }
        }
        if !refused.isEmpty {
            try await mark(refused.map { ($0.0.id, $0.1) }, as: .dead, app: app, now: now().timeIntervalSince1970)
            outcome.dead += refused.count
        }
        guard let first = sendable.first, let last = sendable.last else { return outcome }
        let name = "madoguchi-\(target)-\(String(format: "%012lld", first.seq))-\(String(format: "%012lld", last.seq)).csv"
        do {
            let data = try rendered ?? layout.file(sendable.map(\.payload))
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: folder.appendingPathComponent(name), options: .atomic)
        } catch {
            let at = now().timeIntervalSince1970
            var dead: [(String, String)] = [], retry: [(String, String)] = []
            for item in sendable {
                let message = "attempt \(item.attempts + 1): the file \(name) could not be written: \(error.localizedDescription)"
                if item.attempts + 1 >= maximumAttempts { dead.append((item.id, message)) } else { retry.append((item.id, message)) }
            }
            try await mark(dead, as: .dead, app: app, now: at)
            let toRetry = retry.map { item in (id: item.0, message: item.1, attempts: (sendable.first { $0.id == item.0 }?.attempts ?? 0) + 1) }
            try await app.writeTransaction { db in
                let sql = try db.sql()
                for (id, message, attempts) in toRetry {
                    try await sql.update(Handoffs.table).set("attempts", to: SQLBind(attempts)).set("last_error", to: SQLBind(message))
                        .set("next_attempt_at", to: SQLBind(at + backoff(afterAttempts: attempts))).set("lease_until", to: SQLLiteral.null)
                        .where("id", .equal, SQLBind(id)).run()
                }
            }
            outcome.failed += retry.count
            outcome.dead += dead.count
            return outcome
        }
        let at = now().timeIntervalSince1970, ids = sendable.map(\.id)
        try await app.writeTransaction { db in
            let sql = try db.sql()
            for start in stride(from: 0, to: ids.count, by: 200) {
                try await sql.update(Handoffs.table).set("state", to: SQLBind(Handoffs.State.delivered.rawValue))
                    .set("delivered_at", to: SQLBind(at)).set("file", to: SQLBind(name)).set("lease_until", to: SQLLiteral.null)
                    .set("last_error", to: SQLLiteral.null).set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1"))
                    .where("id", .in, Array(ids[start..<min(start + 200, ids.count)])).where("state", .equal, SQLBind(Handoffs.State.waiting.rawValue))
                    .run()
            }
        }
        outcome.delivered += ids.count
        return outcome
    }

    private static func mark(_ items: [(id: String, error: String)], as state: Handoffs.State, app: Application, now: Double) async throws {
        guard !items.isEmpty else { return }
        try await app.writeTransaction { db in
            let sql = try db.sql()
            for (id, error) in items {
                try await sql.update(Handoffs.table).set("state", to: SQLBind(state.rawValue)).set("last_error", to: SQLBind(error))
                    .set("lease_until", to: SQLLiteral.null).set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1"))
                    .where("id", .equal, SQLBind(id)).run()
            }
        }
    }

    /// Runs the delivery every few seconds while the application runs.
    struct Lifecycle: LifecycleHandler {
        private struct TaskKey: StorageKey { typealias Value = RepeatedTask }
        static let interval: TimeAmount = .seconds(5)

        func didBootAsync(_ app: Application) async throws {
            guard app.madoguchi.catalog.handoffTargets.contains(where: { $0.delivery == .csvFile }) else { return }
            let logger = app.logger
            let loop = app.eventLoopGroup.next()
            app.storage[TaskKey.self] = loop.scheduleRepeatedAsyncTask(initialDelay: .seconds(2), delay: Self.interval) { _ in
                loop.makeFutureWithTask {
                    do {
                        let outcome = try await HandoffDelivery.run(app)
                        if outcome != Outcome() { logger.info("Hand-offs: \(outcome.delivered) delivered, \(outcome.failed) to retry, \(outcome.dead) dead") }
                    } catch {
                        logger.warning("Hand-off delivery failed: \(String(reflecting: error))")
                    }
                }
            }
        }

        func shutdownAsync(_ app: Application) async {
            app.storage[TaskKey.self]?.cancel()
        }
    }
}
