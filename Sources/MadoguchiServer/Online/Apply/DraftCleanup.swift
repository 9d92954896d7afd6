import Fluent
import NIOCore
import Foundation
import Vapor

/// Deletes online drafts nobody finished within their lifetime, and card reads nobody took: personal data is
/// not kept longer than its purpose needs. Runs at start and then every hour on each instance (deleting twice
/// is harmless).
enum DraftCleanup {
    /// Deletes the expired, never-submitted online drafts; returns how many.
    @discardableResult
    static func run(_ app: Application, now: Date = Date()) async throws -> Int {
        try await app.writeTransaction { db in
            let expired = try await CaseRecord.query(on: db)
                .filter(\.$channel == "online")
                .filter(\.$submittedAt == nil)
                .filter(\.$draftExpiresAt < now)
                .all()
            for record in expired {
                try await record.delete(on: db)  // members, procedures, attachments and timeline cascade
            }
            return expired.count
        }
    }

    /// Cancels online certificate requests left unpaid for a draft's lifetime and deletes their identity documents:
    /// a checkout abandoned that long is no longer payable at a provider. Returns how many.
    @discardableResult
    static func cancelUnpaidCertificateOrders(_ app: Application, now: Date = Date()) async throws -> Int {
        let cutoff = now.addingTimeInterval(-app.madoguchi.draftLifetime)
        return try await app.writeTransaction { db in
            let abandoned = try await CertificateOrder.query(on: db).filter(\.$state == .awaitingPayment).filter(\.$createdAt < cutoff).all()
            for order in abandoned {
                order.state = try order.state.after(.cancel)
                order.identityContent = Data()
                try await order.save(on: db)
            }
            return abandoned.count
        }
    }

    /// Schedules the hourly run on an application.
    static func schedule(on app: Application) {
        app.lifecycle.use(Lifecycle())
    }

    struct Lifecycle: LifecycleHandler {
        private struct TaskKey: StorageKey { typealias Value = RepeatedTask }

        func didBootAsync(_ app: Application) async throws {
            let logger = app.logger
            let loop = app.eventLoopGroup.next()
            app.storage[TaskKey.self] = loop.scheduleRepeatedAsyncTask(initialDelay: .seconds(1), delay: .hours(1)) { _ in
                loop.makeFutureWithTask {
                    do {
                        let deleted = try await DraftCleanup.run(app)
                        if deleted > 0 { logger.info("Deleted expired online drafts", metadata: ["count": .stringConvertible(deleted)]) }
                        let orders = try await DraftCleanup.cancelUnpaidCertificateOrders(app)
                        if orders > 0 { logger.info("Cancelled unpaid certificate requests", metadata: ["count": .stringConvertible(orders)]) }
                        let reads = try await CardAgents.deleteExpired(app)
                        if reads > 0 { logger.info("Deleted card reads nobody took", metadata: ["count": .stringConvertible(reads)]) }
                    } catch {
                        logger.warning("Deleting expired drafts failed: \(String(reflecting: error))")
                    }
                }
            }
        }

        /// The event loops outlive the application; the timer must not.
        func shutdownAsync(_ app: Application) async {
            app.storage[TaskKey.self]?.cancel()
        }
    }
}
