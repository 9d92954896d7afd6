import AsyncHTTPClient
import Foundation
import MadoguchiCore
import NIOConcurrencyHelpers
import NIOCore
import SQLKit
import Vapor

/// `madoguchi handoff bench`: hand-offs delivered per second by signed push to a local core system, and fetched
/// and acknowledged per second through the pull API over real HTTP. It adds synthetic hand-offs (households
/// `bench:*`) to the instance's outbox and removes them afterwards; run it on a scratch data directory.
/// With `chaos`, the delivery worker is also stopped at random (and the clock moved past leases and pauses),
/// for the exactly-once run against a flaky core system (`Benchmarks/handoffs/run.sh`).
public enum HandoffBenchmark {
    public struct Options: Sendable {
        public var count = 10_000
        public var households = 2_500
        public var pushURL: String?
        public var pushSecret: String?
        public var chaos = false
        public var deliveredFile: String?
        public var pull = true
        /// Acknowledgements in flight at once, as a core system working through a page would send them.
        public var ackConcurrency = 4
        /// Acknowledgements per call: 1 is `POST /{id}/ack`, more is `POST /ack` with a list.
        public var ackBatch = 100

        public init() {}
    }

    public static func run(_ app: Application, options: Options, say: @Sendable (String) -> Void) async throws {
        let catalog = app.madoguchi.catalog
        if let url = options.pushURL {
            guard let target = catalog.handoffTargets.first(where: { $0.delivery == .push }), let procedure = target.procedures.first else {
                throw StartupError("The catalog has no push target (delivery: push) in handoffs.yaml.")
            }
            _ = try await HandoffEndpoints.configure(app, target: target.id, url: url, actor: "bench", secret: options.pushSecret)
            let ids = try await HandoffSeed.insert(app, target: target.id, procedure: procedure, count: options.count, households: options.households)
            let offset = NIOLockedValueBox<TimeInterval>(0)
            let now: @Sendable () -> Date = { Date().addingTimeInterval(offset.withLockedValue { $0 }) }
            var policy = HandoffDelivery.Policy(batch: 500, pushConcurrency: 16)
            if options.chaos { policy = HandoffDelivery.Policy(batch: 500, lease: 30, maximumAttempts: 40, pushTimeout: 0.5, pushConcurrency: 16) }
            let started = Date()
            var kills = 0, rounds = 0
            while try await waiting(app, target: target.id) > 0 {
                rounds += 1
                let worker = Task { try await HandoffDelivery.run(app, policy: policy, now: now) }
                if options.chaos, Int.random(in: 0..<3) == 0 {
                    try await Task.sleep(for: .milliseconds(Int.random(in: 0..<800)))
                    worker.cancel()
                    kills += 1
                }
                _ = try? await worker.value
                // Past a stopped worker's leases and the pauses before retries (only failures wait for these).
                offset.withLockedValue { $0 += 3_601 }
                if rounds > 10_000 { throw StartupError("The hand-offs did not all go after \(rounds) rounds.") }
            }
            let seconds = Date().timeIntervalSince(started)
            let delivered = try await app.db.sql().select().column("id").from(Handoffs.table)
                .where("target", .equal, SQLBind(target.id)).where("state", .equal, SQLBind(Handoffs.State.delivered.rawValue))
                .where("household_key", .like, SQLBind("bench:%")).all().map { try $0.decode(column: "id", as: String.self) }
            say(String(format: "push: %d hand-offs to %@ in %.2f s = %.0f/s (%d delivered, %d rounds, worker stopped %d times)",
                       ids.count, url, seconds, Double(ids.count) / seconds, delivered.count, rounds, kills))
            if let file = options.deliveredFile {
                try Data((delivered.sorted().joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
            }
        }
        if options.pull {
            guard let target = catalog.handoffTargets.first(where: { $0.delivery == .pull }), let procedure = target.procedures.first else {
                throw StartupError("The catalog has no pull target (delivery: pull) in handoffs.yaml.")
            }
            let ids = try await HandoffSeed.insert(app, target: target.id, procedure: procedure, count: options.count, households: options.households)
            let token = try await HandoffAdministration.createToken(app, target: target.id, label: "bench")
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            do {
                guard let port = app.http.server.shared.localAddress?.port else { throw StartupError("The server did not start.") }
                let seconds = try await pullAndAcknowledge(port: port, target: target.id, token: token, expected: ids.count,
                                                           concurrency: options.ackConcurrency, batch: options.ackBatch)
                say(String(format: "pull: %d hand-offs fetched and acknowledged over HTTP (%d per call, %d calls at once) in %.2f s = %.0f/s",
                           ids.count, options.ackBatch, options.ackConcurrency, seconds, Double(ids.count) / seconds))
            } catch {
                await app.server.shutdown()
                throw error
            }
            await app.server.shutdown()
        }
        try await app.writeTransaction { db in
            try await db.sql().delete(from: Handoffs.table).where("household_key", .like, SQLBind("bench:%")).run()
            try await db.sql().delete(from: Handoffs.tokenTable).where("label", .equal, SQLBind("bench")).run()
        }
    }

    static func waiting(_ app: Application, target: String) async throws -> Int {
        try await app.db.sql().select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(Handoffs.table)
            .where("target", .equal, SQLBind(target)).where("state", .equal, SQLBind(Handoffs.State.waiting.rawValue))
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// A core system's loop: fetch a page, acknowledge it (`batch` per call, `concurrency` calls at once), fetch the next.
    static func pullAndAcknowledge(port: Int, target: String, token: String, expected: Int, concurrency: Int,
                                   batch: Int) async throws -> TimeInterval {
        struct Page: Decodable {
            struct Item: Decodable { let id: String }
            let handoffs: [Item]
            let next: Int64
        }
        let client = HTTPClient.shared
        let base = "http://127.0.0.1:\(port)/api/v1/handoffs"
        let started = Date()
        var acknowledged = 0, after: Int64 = 0
        while acknowledged < expected {
            var request = HTTPClientRequest(url: "\(base)?target=\(target)&after=\(after)&limit=500")
            request.headers.add(name: "authorization", value: "Bearer \(token)")
            let response = try await client.execute(request, timeout: .seconds(30))
            let page = try JSONDecoder().decode(Page.self, from: Data(buffer: try await response.body.collect(upTo: 64 << 20)))
            guard response.status == .ok, !page.handoffs.isEmpty else { throw StartupError("The pull API answered \(response.status) with nothing to fetch.") }
            // The page acknowledged in calls of `batch`, `concurrency` calls at once.
            let calls = stride(from: 0, to: page.handoffs.count, by: batch).map { Array(page.handoffs[$0..<min($0 + batch, page.handoffs.count)]) }
            _ = try await calls.concurrentMap(limit: concurrency) { items in
                var ack = HTTPClientRequest(url: batch == 1 ? "\(base)/\(items[0].id)/ack" : "\(base)/ack")
                ack.method = .POST
                ack.headers.add(name: "authorization", value: "Bearer \(token)")
                ack.headers.add(name: "content-type", value: "application/json")
                let body = batch == 1 ? #"{"recordNumber":"B-1"}"#
                    : #"{"acknowledgements":["# + items.map { #"{"id":"\#($0.id)","recordNumber":"B-1"}"# }.joined(separator: ",") + "]}"
                ack.body = .bytes(ByteBuffer(string: body))
                let answer = try await client.execute(ack, timeout: .seconds(60))
                let text = String(buffer: try await answer.body.collect(upTo: 16 << 20))
                guard answer.status == .ok, !text.contains(#""error""#) else {
                    throw StartupError("An acknowledgement was answered \(answer.status): \(text.prefix(300))")
                }
            }
            acknowledged += page.handoffs.count
            after = page.next
        }
        return Date().timeIntervalSince(started)
    }
}
