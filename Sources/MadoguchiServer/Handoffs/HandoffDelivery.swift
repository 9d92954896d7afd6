import Foundation
import MadoguchiCore
import NIOCore
import SQLKit
import Vapor

/// Delivers hand-offs to the targets Madoguchi sends to (`csv-file`: a file in the target's folder; `push`: a
/// signed POST to its endpoint): claims what waits with a lease (two instances never deliver one hand-off at
/// once), keeps each household's order (a hand-off waits while an earlier one of its household is undelivered),
/// and retries what failed with a growing pause up to `maximumAttempts`, then leaves it dead for staff. A worker
/// that stops mid-way (killed, crashed) leaves its claims to run out; what it sent but did not record is sent
/// again with the same id, which the core system uses to apply it once.
enum HandoffDelivery {
    static let maximumAttempts = 8

    /// How a delivery run behaves; the defaults are the product's, tests and the benchmark tighten them.
    struct Policy: Sendable {
        var batch = 500
        var lease: TimeInterval = 120
        var maximumAttempts = HandoffDelivery.maximumAttempts
        /// How long a push target may take to answer before the attempt counts as failed.
        var pushTimeout: TimeInterval = 10
        /// Households pushed at once (each household's hand-offs go one after another).
        var pushConcurrency = 16
    }

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
    static func run(_ app: Application, policy: Policy = Policy(), now: @escaping @Sendable () -> Date = { Date() }) async throws -> Outcome {
        var outcome = Outcome()
        // One target failing (its endpoint's secret unreadable, its folder's disk gone) holds no other back.
        var firstError: (any Error)?
        for target in app.madoguchi.catalog.handoffTargets {
            do {
                switch target.delivery {
                case .csvFile: outcome = try await HandoffFileDrop.run(target, app: app, policy: policy, now: now, outcome: outcome)
                case .push: outcome = try await HandoffPush.run(target, app: app, policy: policy, now: now, outcome: outcome)
                case .pull: continue
                }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
        return outcome
    }

    struct Claimed: Sendable {
        let id: String
        let seq: Int64
        let householdKey: String
        let attempts: Int
        let payload: HandoffPayload
    }

    /// Takes up to `policy.batch` waiting hand-offs of the target whose household has nothing earlier undelivered,
    /// in one conditional update: what another instance holds (its lease has not run out) is left alone.
    static func claim(target: String, app: Application, policy: Policy, now: Double) async throws -> [Claimed] {
        let leaseUntil = now + policy.lease
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
                    ORDER BY h.seq LIMIT \(unsafeRaw: String(policy.batch)))
                  AND state = 'waiting' AND (lease_until IS NULL OR lease_until < \(bind: now))
                RETURNING id, seq, household_key, attempts, payload
                """).all()
        }
        let decoder = JSONDecoder()
        return try rows.map { row in
            Claimed(id: try row.decode(column: "id", as: String.self), seq: try row.decode(column: "seq", as: Int64.self),
                    householdKey: try row.decode(column: "household_key", as: String.self),
                    attempts: try row.decode(column: "attempts", as: Int.self),
                    payload: try decoder.decode(HandoffPayload.self, from: Data(try row.decode(column: "payload", as: String.self).utf8)))
        }.sorted { $0.seq < $1.seq }
    }

    /// Records a delivery: the core system has these (a file written, a 2xx answer).
    static func markDelivered(_ ids: [String], file: String?, app: Application, now: Double) async throws {
        guard !ids.isEmpty else { return }
        try await app.writeTransaction { db in
            let sql = try db.sql()
            for start in stride(from: 0, to: ids.count, by: 200) {
                try await sql.update(Handoffs.table).set("state", to: SQLBind(Handoffs.State.delivered.rawValue))
                    .set("delivered_at", to: SQLBind(now)).set("file", to: SQLBind(file)).set("lease_until", to: SQLLiteral.null)
                    .set("last_error", to: SQLLiteral.null).set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1"))
                    .where("id", .in, Array(ids[start..<min(start + 200, ids.count)])).where("state", .equal, SQLBind(Handoffs.State.waiting.rawValue))
                    .run()
            }
        }
    }

    /// Records failed attempts: each waits `backoff` before the next, or is dead after the last. Returns how many
    /// will be retried and how many are dead.
    static func recordFailures(_ failures: [(item: Claimed, message: String)], policy: Policy, app: Application,
                               now: Double) async throws -> (retry: Int, dead: Int) {
        guard !failures.isEmpty else { return (0, 0) }
        let dead = failures.filter { $0.item.attempts + 1 >= policy.maximumAttempts }.count
        try await app.writeTransaction { db in
            let sql = try db.sql()
            for (item, message) in failures {
                let attempts = item.attempts + 1
                let text = "attempt \(attempts): \(message)"
                let update = sql.update(Handoffs.table).set("attempts", to: SQLBind(attempts)).set("last_error", to: SQLBind(text))
                    .set("lease_until", to: SQLLiteral.null)
                if attempts >= policy.maximumAttempts {
                    try await update.set("state", to: SQLBind(Handoffs.State.dead.rawValue))
                        .where("id", .equal, SQLBind(item.id)).where("state", .equal, SQLBind(Handoffs.State.waiting.rawValue)).run()
                } else {
                    try await update.set("next_attempt_at", to: SQLBind(now + backoff(afterAttempts: attempts)))
                        .where("id", .equal, SQLBind(item.id)).where("state", .equal, SQLBind(Handoffs.State.waiting.rawValue)).run()
                }
            }
        }
        return (failures.count - dead, dead)
    }

    /// Marks hand-offs dead at once with the reason (what can never go, such as a name CP932 cannot hold).
    static func markDead(_ items: [(id: String, error: String)], app: Application) async throws {
        guard !items.isEmpty else { return }
        try await app.writeTransaction { db in
            let sql = try db.sql()
            for (id, error) in items {
                try await sql.update(Handoffs.table).set("state", to: SQLBind(Handoffs.State.dead.rawValue)).set("last_error", to: SQLBind(error))
                    .set("lease_until", to: SQLLiteral.null).set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1"))
                    .where("id", .equal, SQLBind(id)).run()
            }
        }
    }

    /// Gives claims back untried (their household stopped at an earlier failure, or the endpoint went away).
    static func release(_ ids: [String], app: Application) async throws {
        guard !ids.isEmpty else { return }
        try await app.writeTransaction { db in
            let sql = try db.sql()
            for start in stride(from: 0, to: ids.count, by: 200) {
                try await sql.update(Handoffs.table).set("lease_until", to: SQLLiteral.null)
                    .where("id", .in, Array(ids[start..<min(start + 200, ids.count)])).run()
            }
        }
    }

    /// Runs the delivery every few seconds while the application runs.
    struct Lifecycle: LifecycleHandler {
        private struct TaskKey: StorageKey { typealias Value = RepeatedTask }
        static let interval: TimeAmount = .seconds(5)

        func didBootAsync(_ app: Application) async throws {
            guard app.madoguchi.catalog.handoffTargets.contains(where: { $0.delivery != .pull }) else { return }
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
