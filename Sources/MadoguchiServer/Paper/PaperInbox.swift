import NIOConcurrencyHelpers
import NIOCore
import Fluent
import Foundation
import Vapor

/// The watched folder of a network scanner (`MADOGUCHI_PAPER_INBOX`): each file the scanner finished writing is
/// stored like an upload and then removed from the folder; a file that is not a scan is moved to `refused/` with
/// a note of why. The folder is personal data too: nothing stays in it once stored.
enum PaperInbox {
    /// A file younger than this may still be being written by the scanner.
    static let settle: TimeInterval = 3

    /// Stores the finished files of the folder; returns how many.
    @discardableResult
    static func collect(_ folder: String, app: Application, now: Date = Date()) async throws -> Int {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else { return 0 }
        var stored = 0
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = URL(fileURLWithPath: folder).appendingPathComponent(name)
            guard let attributes = try? manager.attributesOfItem(atPath: path.path),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let modified = attributes[.modificationDate] as? Date, now.timeIntervalSince(modified) >= settle,
                  let bytes = manager.contents(atPath: path.path) else { continue }
            do {
                try await PaperIntake.store(bytes, fileName: name, source: "inbox", by: "scanner", address: nil, on: app)
                try manager.removeItem(at: path)
                stored += 1
            } catch let refused as PaperIntake.Refused {
                let refusedFolder = URL(fileURLWithPath: folder).appendingPathComponent("refused")
                try? manager.createDirectory(at: refusedFolder, withIntermediateDirectories: true)
                try? manager.moveItem(at: path, to: refusedFolder.appendingPathComponent(name))
                try? Data((refused.messageJa + "\n").utf8).write(to: refusedFolder.appendingPathComponent(name + ".txt"))
                app.logger.warning("Paper inbox: a file was refused", metadata: ["file": .string(name), "reason": .string(refused.messageEn)])
            }
        }
        return stored
    }
}

/// Deletes scans whose retention period has passed since they were read (`MADOGUCHI_PAPER_RETENTION_DAYS`, 30 by
/// default): the file and its pages go; a page made a Case lives on as the Case's attachment.
enum PaperRetention {
    @discardableResult
    static func run(_ app: Application, now: Date = Date()) async throws -> Int {
        let before = now.addingTimeInterval(-app.madoguchi.paperRetention)
        return try await app.writeTransaction { db in
            let old = try await PaperScan.query(on: db).filter(\.$state != .waiting).filter(\.$createdAt < before).field(\.$id).all()
            let ids = old.compactMap(\.id)
            guard !ids.isEmpty else { return 0 }
            // Pages waiting for a person are kept until they are dealt with.
            let open = try await PaperPage.query(on: db).filter(\.$scan.$id ~~ ids).filter(\.$state ~~ [.verify, .manual]).field(\.$scan.$id).all()
            let keep = Set(open.map { $0.$scan.id })
            let expired = ids.filter { !keep.contains($0) }
            guard !expired.isEmpty else { return 0 }
            try await PaperPage.query(on: db).filter(\.$scan.$id ~~ expired).delete()
            try await PaperScan.query(on: db).filter(\.$id ~~ expired).delete()
            return expired.count
        }
    }
}

extension PaperIntake {
    /// Every few seconds on each instance: the scanner's folder collected, waiting scans read; hourly, the old ones
    /// deleted.
    struct Lifecycle: LifecycleHandler {
        private struct TaskKey: StorageKey { typealias Value = RepeatedTask }
        static let interval: TimeAmount = .seconds(3)

        func didBootAsync(_ app: Application) async throws {
            let logger = app.logger
            let loop = app.eventLoopGroup.next()
            let lastCleanup = NIOLockedValueBox(Date.distantPast)
            app.storage[TaskKey.self] = loop.scheduleRepeatedAsyncTask(initialDelay: .seconds(1), delay: Self.interval) { _ in
                loop.makeFutureWithTask {
                    do {
                        if let inbox = app.madoguchi.paperInbox { try await PaperInbox.collect(inbox, app: app) }
                        let pages = try await PaperIntake.run(app)
                        if pages > 0 { logger.info("Paper forms read", metadata: ["pages": .stringConvertible(pages)]) }
                        if lastCleanup.withLockedValue({ Date().timeIntervalSince($0) > 3600 }) {
                            lastCleanup.withLockedValue { $0 = Date() }
                            let deleted = try await PaperRetention.run(app)
                            if deleted > 0 { logger.info("Deleted paper scans past their retention", metadata: ["scans": .stringConvertible(deleted)]) }
                        }
                    } catch {
                        logger.warning("Reading paper forms failed: \(String(reflecting: error))")
                    }
                }
            }
        }

        func shutdownAsync(_ app: Application) async {
            app.storage[TaskKey.self]?.cancel()
        }
    }

    /// Starts reading now rather than at the next tick (after an upload), without holding the request.
    static func nudge(_ app: Application) {
        Task { try? await run(app) }
    }
}
