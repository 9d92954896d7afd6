import Fluent
import Foundation
@testable import MadoguchiCore
@testable import MadoguchiServer
import SQLKit
import Testing
import Vapor

/// The signed push adapter against a core system written for the tests (its own Standard Webhooks check, in
/// Python): every hand-off reaches it exactly once in effect and in household order, even when it drops,
/// answers late, replays and the worker is stopped at random; 410 turns the endpoint off.
@Suite struct HandoffPushTests {
    @Test func theSignatureIsTheStandardWebhooksOne() throws {
        // The example of the Standard Webhooks specification.
        let signature = try WebhookSignature(secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"])
        let body = Data(#"{"test": 2432232314}"#.utf8)
        #expect(signature.header(id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1614265330, body: body)
            == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        let at = Date(timeIntervalSince1970: 1614265330)
        #expect(signature.verify(header: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
                                 timestamp: 1614265330, body: body, now: at))
        #expect(!signature.verify(header: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
                                  timestamp: 1614265330, body: body, now: at.addingTimeInterval(301)), "too old")
        #expect(!signature.verify(header: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
                                  timestamp: 1614265330, body: Data(#"{"test": 2432232315}"#.utf8), now: at), "another body")
        #expect(throws: WebhookSignature.BadSecret.self) { try WebhookSignature(secrets: ["whsec_c2hvcnQ="]) }
    }

    static func states(_ app: Application, target: String) async throws -> [String: String] {
        let rows = try await app.db.sql().select().columns("id", "state").from(Handoffs.table).where("target", .equal, SQLBind(target)).all()
        return try Dictionary(uniqueKeysWithValues: rows.map { (try $0.decode(column: "id", as: String.self), try $0.decode(column: "state", as: String.self)) })
    }

    @Test func aFlakyCoreSystemGetsEveryHandOffOnceInHouseholdOrder() async throws {
        let core = try CoreSystemTarget(drop: 0.3, late: 0.1, replay: 0.05, hold: 0.6, seed: 7)
        defer { core.stop() }
        try await withMadoguchi { app in
            let secret = try await HandoffEndpoints.configure(app, target: "kosodate", url: core.hooks, actor: "test")
            try await core.configure(secrets: [secret])
            let ids = try await HandoffSeed.insert(app, target: "kosodate", procedure: "jidoteate.nintei", count: 1_000, households: 250)
            let policy = HandoffDelivery.Policy(batch: 200, lease: 30, maximumAttempts: 40, pushTimeout: 0.3, pushConcurrency: 16)
            let clock = TestClock()
            var generator = SplitMix64(seed: 7)
            var kills = 0
            for round in 0..<200 {
                let waiting = try await Self.states(app, target: "kosodate").values.filter { $0 == "waiting" }.count
                if waiting == 0 { break }
                let worker = Task { try await HandoffDelivery.run(app, policy: policy, now: clock.now) }
                // Every third worker, the first included, is stopped mid-way, as a killed process would be (a
                // random choice let a quick run end with no stop at all).
                if round % 3 == 0 {
                    try await Task.sleep(for: .milliseconds(Int.random(in: 0..<400, using: &generator)))
                    worker.cancel()
                    kills += 1
                }
                _ = try? await worker.value
                // Past the leases of a stopped worker and the pause before a retry.
                clock.advance(by: 3_601)
            }
            let states = try await Self.states(app, target: "kosodate")
            let delivered = Set(states.filter { $0.value == "delivered" }.keys)
            let state = try await core.state()
            #expect(delivered == Set(ids), "every hand-off delivered: \(states.values.filter { $0 != "delivered" }.count) not")
            #expect(Set(state.applied) == delivered, "what the core system applied is what Madoguchi shows as delivered")
            #expect(state.applied.count == ids.count, "none applied twice")
            #expect(state.orderViolations.isEmpty, "household order kept")
            #expect(state.bad_signatures == 0)
            // The chaos happened.
            #expect(state.dropped > 100 && state.late > 30 && state.replayed > 10 && state.duplicates > 10, "\(state)")
            #expect(kills > 0)
        }
    }

    @Test func goneTurnsTheEndpointOffUntilItIsSetAgain() async throws {
        let core = try CoreSystemTarget()
        defer { core.stop() }
        try await withMadoguchi { app in
            let first = try await HandoffEndpoints.configure(app, target: "kosodate", url: core.gone, actor: "test")
            try await core.configure(secrets: [first])
            _ = try await HandoffSeed.insert(app, target: "kosodate", procedure: "jidoteate.nintei", count: 5, households: 5)
            let outcome = try await HandoffDelivery.run(app)
            #expect(outcome == HandoffDelivery.Outcome(), "410 is not a failed attempt: \(outcome)")
            let target = try #require(app.madoguchi.catalog.handoffTarget("kosodate"))
            let loaded = try await HandoffEndpoints.load(target, on: app.db.sql(), vault: app.madoguchi.vault, now: Date())
            let endpoint = try #require(loaded)
            #expect(endpoint.disabledAt != nil && endpoint.disabledReason?.contains("410") == true)
            #expect(try await Self.states(app, target: "kosodate").values.allSatisfy { $0 == "waiting" })
            // Off: nothing is sent, even to a good URL, until staff turn it on.
            #expect(try await HandoffDelivery.run(app) == HandoffDelivery.Outcome())
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == AuditAction.handoffEndpointDisabled.rawValue).all()
            #expect(audit.count == 1 && audit[0].actor == "core:kosodate")
            // Moved to a new URL (and a new secret: the core system still checks with the old one during the
            // rotation, so both signatures go).
            _ = try await HandoffEndpoints.configure(app, target: "kosodate", url: core.hooks, actor: "test")
            #expect(try await HandoffDelivery.run(app).delivered == 5)
            let state = try await core.state()
            #expect(state.applied.count == 5 && state.bad_signatures == 0)
        }
    }

    @Test func withoutAnEndpointHandOffsWaitAndAForgedSignatureIsRefused() async throws {
        let core = try CoreSystemTarget()
        defer { core.stop() }
        try await withMadoguchi { app in
            _ = try await HandoffSeed.insert(app, target: "kosodate", procedure: "jidoteate.nintei", count: 3, households: 3)
            #expect(try await HandoffDelivery.run(app) == HandoffDelivery.Outcome(), "no endpoint: they wait")
            _ = try await HandoffEndpoints.configure(app, target: "kosodate", url: core.hooks, actor: "test")
            // The core system holds another secret: it refuses every message, and Madoguchi retries later.
            try await core.configure(secrets: [WebhookSignature.newSecret()])
            let outcome = try await HandoffDelivery.run(app)
            #expect(outcome.failed == 3 && outcome.delivered == 0)
            let state = try await core.state()
            #expect(state.bad_signatures == 3 && state.applied.isEmpty)
            #expect(throws: (any Error).self) { try HandoffEndpoints.pushTarget("juki", catalog: app.madoguchi.catalog) }
            await #expect(throws: (any Error).self) { _ = try await HandoffEndpoints.configure(app, target: "kosodate", url: "ftp://x", actor: "t") }
        }
    }

    @Test func aCoreSystemThatStallsAfterItsHeadersDoesNotHoldTheWorker() async throws {
        let core = try CoreSystemTarget()
        defer { core.stop() }
        try await withMadoguchi { app in
            _ = try await HandoffEndpoints.configure(app, target: "kosodate", url: core.stall, actor: "test")
            _ = try await HandoffSeed.insert(app, target: "kosodate", procedure: "jidoteate.nintei", count: 2, households: 2)
            let policy = HandoffDelivery.Policy(pushTimeout: 0.5)
            // The run ends (the answer's 200 counts; its missing body is given up after the timeout), well before
            // the target would ever finish.
            let finished = try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask { _ = try await HandoffDelivery.run(app, policy: policy); return true }
                group.addTask { try await Task.sleep(for: .seconds(20)); return false }
                let first = try await group.next() ?? false
                group.cancelAll()
                return first
            }
            #expect(finished, "the worker was held by a stalled answer")
            #expect(try await Self.states(app, target: "kosodate").values.allSatisfy { $0 == "delivered" })
        }
    }
}
