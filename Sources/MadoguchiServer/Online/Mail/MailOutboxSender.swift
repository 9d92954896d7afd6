import Fluent
import Foundation
import NIOCore
import Vapor

/// Sends the outbox: every few seconds, each unsent mail is claimed (so two instances never send the same
/// one), sent, and marked; a failure is kept with the mail and retried, ten times at most.
enum MailOutboxSender {
    static let maxAttempts = 10

    /// Sends what is pending now; returns how many went out.
    @discardableResult
    static func sendPending(_ app: Application, settings: MailSettings) async throws -> Int {
        let pending = try await OutgoingMail.query(on: app.db)
            .filter(\.$sentAt == nil).filter(\.$attempts < maxAttempts)
            .sort(\.$createdAt).limit(20).all()
        var sent = 0
        for mail in pending {
            guard try await claim(mail, app: app) else { continue }
            do {
                try await SMTPClient(settings: settings, group: app.eventLoopGroup)
                    .send(to: mail.recipient, subject: mail.subject, body: mail.body)
                mail.sentAt = Date()
                mail.lastError = nil
                sent += 1
            } catch {
                mail.lastError = String(String(describing: error).prefix(500))
                app.logger.warning("A mail could not be sent; it will be tried again", metadata: ["error": .string(mail.lastError ?? "")])
            }
            try await app.writeTransaction { db in try await mail.save(on: db) }
        }
        return sent
    }

    /// Raises the attempt count only if nobody else did first.
    private static func claim(_ mail: OutgoingMail, app: Application) async throws -> Bool {
        let seen = mail.attempts
        let id = try mail.requireID()
        let claimed = try await app.writeTransaction { db -> Bool in
            try await OutgoingMail.query(on: db).filter(\.$id == id).filter(\.$attempts == seen).set(\.$attempts, to: seen + 1).update()
            guard let fresh = try await OutgoingMail.find(id, on: db), fresh.attempts == seen + 1, fresh.sentAt == nil else { return false }
            return true
        }
        if claimed { mail.attempts = seen + 1 }
        return claimed
    }

    struct Lifecycle: LifecycleHandler {
        let settings: MailSettings
        private struct TaskKey: StorageKey { typealias Value = RepeatedTask }

        func didBootAsync(_ app: Application) async throws {
            let loop = app.eventLoopGroup.next()
            let settings = self.settings
            app.storage[TaskKey.self] = loop.scheduleRepeatedAsyncTask(initialDelay: .seconds(2), delay: .seconds(5)) { _ in
                loop.makeFutureWithTask {
                    do { try await MailOutboxSender.sendPending(app, settings: settings) } catch {
                        app.logger.warning("The mail outbox could not be read: \(String(reflecting: error))")
                    }
                }
            }
        }

        func shutdownAsync(_ app: Application) async {
            app.storage[TaskKey.self]?.cancel()
        }
    }
}
