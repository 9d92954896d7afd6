import AsyncHTTPClient
import Foundation
import MadoguchiCore
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import Vapor

/// The `push` adapter: each hand-off is POSTed to the core system's endpoint as a Standard Webhooks message —
/// `webhook-id` is the hand-off's id (the same on every attempt, so the core system applies it once),
/// `webhook-timestamp` the attempt's time, `webhook-signature` the HMAC of both and the body. A 2xx answer
/// means delivered; 410 Gone turns the endpoint off (its hand-offs wait until staff turn it on again); anything
/// else — 429, 5xx, a refused connection, no answer in time — is retried with a growing pause.
/// Households go side by side; one household's hand-offs go one after another, and stop at the first failure.
enum HandoffPush {
    /// The message body: the Standard Webhooks envelope around the hand-off.
    struct Message: Codable, Sendable {
        var type = "handoff.created"
        var timestamp: String
        var data: Data

        struct Data: Codable, Sendable {
            let id: String
            let seq: Int64
            let target: String
            let procedure: String
            let householdKey: String
            let attempt: Int
            let payload: HandoffPayload
        }
    }

    enum Result: Sendable {
        case delivered
        case failed(String)
        case gone(String)
        case notSent
    }

    static func run(_ target: HandoffTarget, app: Application, policy: HandoffDelivery.Policy, now: @escaping @Sendable () -> Date,
                    outcome: HandoffDelivery.Outcome) async throws -> HandoffDelivery.Outcome {
        var outcome = outcome
        let sql = try app.db.sql()
        // No endpoint yet, or turned off: what waits keeps waiting (the admin page says why).
        guard let endpoint = try await HandoffEndpoints.load(target, on: sql, vault: app.madoguchi.vault, now: now()),
              endpoint.disabledAt == nil, let url = endpoint.url else { return outcome }
        while true {
            let claimed = try await HandoffDelivery.claim(target: target.id, app: app, policy: policy, now: now().timeIntervalSince1970)
            if claimed.isEmpty { break }
            let results = await send(claimed, to: url, signature: endpoint.signature, client: app.http.client.shared, policy: policy)
            // A worker stopped now records nothing: its claims run out and go again, with the same ids.
            try Task.checkCancellation()
            var delivered: [String] = [], failures: [(item: HandoffDelivery.Claimed, message: String)] = [], untried: [String] = []
            var gone: String?
            for item in claimed {
                switch results[item.id] ?? .notSent {
                case .delivered: delivered.append(item.id)
                case .failed(let message): failures.append((item, message))
                case .gone(let message): gone = message; untried.append(item.id)
                case .notSent: untried.append(item.id)
                }
            }
            let at = now().timeIntervalSince1970
            try await HandoffDelivery.markDelivered(delivered, file: nil, app: app, now: at)
            outcome.delivered += delivered.count
            let counts = try await HandoffDelivery.recordFailures(failures, policy: policy, app: app, now: at)
            outcome.failed += counts.retry
            outcome.dead += counts.dead
            if let gone {
                try await app.writeTransaction { db in
                    try await HandoffEndpoints.disable(target.id, reason: gone, actor: "core:" + target.id, on: db, now: Date(timeIntervalSince1970: at))
                }
                try await HandoffDelivery.release(untried, app: app)
                break
            }
            try await HandoffDelivery.release(untried, app: app)
            // Everything claimed failed or waited: stop until the pause is over rather than spin on the same rows.
            if delivered.isEmpty { break }
        }
        return outcome
    }

    /// Sends the claimed hand-offs, `policy.pushConcurrency` households at a time, each household in order.
    static func send(_ claimed: [HandoffDelivery.Claimed], to url: String, signature: WebhookSignature, client: HTTPClient,
                     policy: HandoffDelivery.Policy) async -> [String: Result] {
        var households: [String: [HandoffDelivery.Claimed]] = [:]
        var order: [String] = []
        for item in claimed {
            if households[item.householdKey] == nil { order.append(item.householdKey) }
            households[item.householdKey, default: []].append(item)
        }
        // Once the endpoint is gone, the households not yet started are not sent to (they stay `notSent`).
        let gone = NIOLockedValueBox(false)
        let done = try? await order.concurrentMap(limit: policy.pushConcurrency) { [households] key -> [(String, Result)] in
            var done: [(String, Result)] = []
            for item in households[key] ?? [] {
                guard !gone.withLockedValue({ $0 }) else { break }
                let result = await deliver(item, to: url, signature: signature, client: client, policy: policy)
                done.append((item.id, result))
                if case .gone = result { gone.withLockedValue { $0 = true } }
                if case .delivered = result { continue }
                break
            }
            return done
        }
        return Dictionary((done ?? []).joined().map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
    }

    static func deliver(_ item: HandoffDelivery.Claimed, to url: String, signature: WebhookSignature, client: HTTPClient,
                        policy: HandoffDelivery.Policy) async -> Result {
        // The wall clock, whatever clock schedules the retries: the receiver checks the time against its own.
        let sentAt = Date()
        let message = Message(timestamp: sentAt.formatted(.iso8601),
                              data: .init(id: item.id, seq: item.seq, target: item.payload.target, procedure: item.payload.procedure,
                                          householdKey: item.householdKey, attempt: item.attempts + 1, payload: item.payload))
        let body: Data
        do { body = try JSONEncoder().encode(message) } catch { return .failed("the message could not be encoded: \(error)") }
        let timestamp = Int(sentAt.timeIntervalSince1970)
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "user-agent", value: "Madoguchi-Handoff/1")
        request.headers.add(name: "webhook-id", value: item.id)
        request.headers.add(name: "webhook-timestamp", value: String(timestamp))
        request.headers.add(name: "webhook-signature", value: signature.header(id: item.id, timestamp: timestamp, body: body))
        request.body = .bytes(ByteBuffer(data: body))
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(policy.pushTimeout * 1_000)))
            // Read (a little of) the answer so the connection can be used again — but no longer than the timeout:
            // a core system that sends its headers and then stalls must not hold the worker.
            await withTaskGroup(of: Void.self) { group in
                group.addTask { _ = try? await response.body.collect(upTo: 64 * 1_024) }
                group.addTask { try? await Task.sleep(for: .milliseconds(Int(policy.pushTimeout * 1_000))) }
                await group.next()
                group.cancelAll()
            }
            switch response.status.code {
            case 200..<300: return .delivered
            case 410: return .gone("\(url) answered 410 Gone")
            default: return .failed("\(url) answered \(response.status.code) \(response.status.reasonPhrase)")
            }
        } catch {
            return .failed("\(url): \(String(describing: error))")
        }
    }
}
