import Fluent
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import Vapor

/// One row that the health check rewrites through the one write path: a full disk, a read-only or failed
/// filesystem, or a jammed write queue make `/healthz` answer 503 even while reads still work.
final class HealthProbe: Model, @unchecked Sendable {
    static let schema = "health_probes"

    @ID(custom: "id", generatedBy: .user) var id: Int?
    @Field(key: "checked_at") var checkedAt: Date

    init() {}
    init(at date: Date) {
        self.id = 1
        self.checkedAt = date
    }
}

struct CreateHealthProbe: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HealthProbe.schema)
            .field("id", .int, .identifier(auto: false))
            .field("checked_at", .datetime, .required)
            .create()
        try await HealthProbe(at: Date()).create(on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(HealthProbe.schema).delete()
    }
}

/// Proves the write path at most once per `interval`: a load balancer polling every second costs one small
/// commit, and a burst of checks shares one probe.
final class WritePathCheck: Sendable {
    enum Outcome: Sendable, Equatable {
        case ok
        case failing(String)
    }

    static let interval: TimeInterval = 2
    /// How long the probe write may take before writes count as failing.
    let timeout: TimeAmount

    init(timeout: TimeAmount = .seconds(3)) {
        self.timeout = timeout
    }

    private struct State {
        var checkedAt: Date = .distantPast
        var outcome: Outcome = .ok
        var running: Task<Outcome, Never>?
    }
    private let state = NIOLockedValueBox(State())

    func outcome(_ app: Application, now: Date = Date()) async -> Outcome {
        let task = state.withLockedValue { state -> Task<Outcome, Never>? in
            if let running = state.running { return running }
            guard now.timeIntervalSince(state.checkedAt) >= Self.interval else { return nil }
            let timeout = self.timeout
            let task = Task { await Self.probe(app, timeout: timeout) }
            state.running = task
            return task
        }
        guard let task else { return state.withLockedValue { $0.outcome } }
        let outcome = await task.value
        state.withLockedValue { state in
            state.outcome = outcome
            state.checkedAt = Date()
            state.running = nil
        }
        return outcome
    }

    /// The write runs in a task of its own: a jammed write queue must not hold the health check too.
    private static func probe(_ app: Application, timeout: TimeAmount) async -> Outcome {
        let answered = NIOLockedValueBox(false)
        return await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            @Sendable func answer(_ outcome: Outcome) {
                let first = answered.withLockedValue { done -> Bool in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: outcome) }
            }
            Task {
                do {
                    try await app.writeTransaction { db in
                        try await HealthProbe.query(on: db).filter(\.$id == 1).set(\.$checkedAt, to: Date()).update()
                    }
                    answer(.ok)
                } catch {
                    answer(.failing(String(describing: error)))
                }
            }
            Task {
                try? await Task.sleep(nanoseconds: UInt64(timeout.nanoseconds))
                answer(.failing("a write took longer than \(timeout.nanoseconds / 1_000_000_000) s"))
            }
        }
    }
}
