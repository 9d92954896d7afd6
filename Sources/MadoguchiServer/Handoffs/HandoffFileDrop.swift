import Foundation
import MadoguchiCore
import Vapor

/// The `csv-file` adapter (ファイル連携, the default for 住基): one file per batch in the target's folder, written
/// atomically (a temporary file, then a rename) and named by the batch's first and last `seq`, so that writing it
/// again after a crash gives the same file.
enum HandoffFileDrop {
    static func run(_ target: HandoffTarget, app: Application, policy: HandoffDelivery.Policy, now: @escaping @Sendable () -> Date,
                    outcome: HandoffDelivery.Outcome) async throws -> HandoffDelivery.Outcome {
        guard let layout = target.layout else { return outcome }
        let folder = URL(fileURLWithPath: app.madoguchi.handoffDirectory).appendingPathComponent(target.id)
        var outcome = outcome
        while true {
            let claimed = try await HandoffDelivery.claim(target: target.id, app: app, policy: policy, now: now().timeIntervalSince1970)
            if claimed.isEmpty { break }
            outcome = try await deliver(claimed, layout: layout, target: target.id, folder: folder, app: app, policy: policy, now: now, outcome: outcome)
        }
        return outcome
    }

    private static func deliver(_ claimed: [HandoffDelivery.Claimed], layout: HandoffCSVLayout, target: String, folder: URL, app: Application,
                                policy: HandoffDelivery.Policy, now: @Sendable () -> Date,
                                outcome: HandoffDelivery.Outcome) async throws -> HandoffDelivery.Outcome {
        var outcome = outcome
        var sendable = claimed
        // A hand-off the layout's encoding cannot hold will never go: dead at once, with the reason; the rest go.
        var refused: [(id: String, error: String)] = []
        var rendered: Data?
        while true {
            do {
                rendered = try layout.file(sendable.map(\.payload))
                break
            } catch {
                guard let index = sendable.firstIndex(where: { $0.payload.id == error.handoffID }) else { break }
                refused.append((sendable.remove(at: index).id, error.description))
            }
        }
        try await HandoffDelivery.markDead(refused, app: app)
        outcome.dead += refused.count
        guard let first = sendable.first, let last = sendable.last else { return outcome }
        let name = "madoguchi-\(target)-\(String(format: "%012lld", first.seq))-\(String(format: "%012lld", last.seq)).csv"
        do {
            let data = try rendered ?? layout.file(sendable.map(\.payload))
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: folder.appendingPathComponent(name), options: .atomic)
        } catch {
            let failures = sendable.map { (item: $0, message: "the file \(name) could not be written: \(error.localizedDescription)") }
            let counts = try await HandoffDelivery.recordFailures(failures, policy: policy, app: app, now: now().timeIntervalSince1970)
            outcome.failed += counts.retry
            outcome.dead += counts.dead
            return outcome
        }
        try await HandoffDelivery.markDelivered(sendable.map(\.id), file: name, app: app, now: now().timeIntervalSince1970)
        outcome.delivered += sendable.count
        return outcome
    }
}
