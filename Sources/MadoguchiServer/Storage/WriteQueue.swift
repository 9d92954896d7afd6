import Fluent
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Write transactions on the embedded SQLite database, taken in turn and committed in groups.
///
/// SQLite lets one connection write at a time, and SQLiteNIO waits for the write lock by spinning: two
/// transactions of this process colliding burn a core while the one holding the lock is starved of it.
/// So on SQLite every write transaction goes through this queue: one at a time, and those that arrived
/// while a commit was on its way share the next one (group commit) — one fsync acknowledges many
/// submissions. Each piece of work runs in its own savepoint, so a failing one is rolled back alone and
/// gets its own error; the others commit. Nobody is answered before the commit that holds their work.
/// PostgreSQL needs none of this: there `writeTransaction` is a plain transaction.
final class WriteQueue: Sendable {
    /// Enough to amortize one fsync; few enough that the first in line does not wait long.
    static let largestGroup = 64

    private let state = NIOLockedValueBox(State())
    private let commits = NIOLockedValueBox(0)
    /// The connection the groups are committed on: the only one opened for writing.
    private let writer: any Database

    init(writer: any Database) {
        self.writer = writer
    }

    /// How many group commits have succeeded (a figure for tests and benchmarks).
    var committedGroups: Int { commits.withLockedValue { $0 } }

    private struct State {
        var waiting: [Job] = []
        var draining = false
    }

    private struct Job: Sendable {
        /// Runs the work on the group's transaction and keeps its result.
        let run: @Sendable (any Database) async throws -> Void
        /// Answers the waiter once the group's commit has succeeded (nil) or failed.
        let finish: @Sendable ((any Error)?) -> Void
        /// The work may run again from the start after a rollback (it creates its rows anew each time).
        let rerunnable: Bool
        /// What the work changes (a Case's id): rerunnable work on the same thing never runs side by side.
        let key: UUID?
    }

    /// Runs `work` in a write transaction shared with others; returns once it is committed.
    ///
    /// `rerunnable` work (each run writes new rows and saves the same values) may run at the same time as the
    /// other rerunnable work of its group, on the group's connection: SQLite then interleaves their statements
    /// in one transaction instead of waiting for each round trip in turn. If any of them fails, the group is
    /// rolled back and run again one by one, each in its own savepoint. (SQLiteNIO opens connections in
    /// serialized mode, SQLITE_OPEN_FULLMUTEX, so statements of one connection may come from several threads.)
    /// Work that names a `key` (the Case it changes) runs beside other keys only: two changes of one Case share
    /// no transaction, so each reads what the other committed.
    func perform<T: Sendable>(rerunnable: Bool = false, key: UUID? = nil,
                              _ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let result = NIOLockedValueBox<T?>(nil)
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job(
                run: { db in
                    let value = try await work(db)
                    result.withLockedValue { $0 = value }
                },
                finish: { error in
                    if let error { return continuation.resume(throwing: error) }
                    guard let value = result.withLockedValue({ $0 }) else {
                        return continuation.resume(throwing: Abort(.internalServerError, reason: "the write produced no result"))
                    }
                    continuation.resume(returning: value)
                },
                rerunnable: rerunnable, key: key)
            let startDraining = state.withLockedValue { state -> Bool in
                state.waiting.append(job)
                guard !state.draining else { return false }
                state.draining = true
                return true
            }
            if startDraining { Task { await self.drain(on: self.writer) } }
        }
    }

    private func drain(on database: any Database) async {
        while true {
            let group = state.withLockedValue { state -> [Job] in
                // In arrival order: rerunnable work with different keys runs side by side; other work takes its
                // turn in savepoints. A group ends where the kind changes or a key comes again.
                var group: [Job] = []
                var keys = Set<UUID>()
                for job in state.waiting {
                    guard group.count < Self.largestGroup else { break }
                    if let first = group.first, first.rerunnable != job.rerunnable { break }
                    if job.rerunnable, let key = job.key, !keys.insert(key).inserted { break }
                    group.append(job)
                }
                state.waiting.removeFirst(group.count)
                if group.isEmpty { state.draining = false }
                return group
            }
            if group.isEmpty { return }
            await commit(group, on: database)
        }
    }

    private func commit(_ group: [Job], on database: any Database) async {
        if group.count > 1, group.allSatisfy(\.rerunnable) {
            do {
                try await database.transaction { transaction in
                    try await withThrowingTaskGroup(of: Void.self) { running in
                        for job in group { running.addTask { try await job.run(transaction) } }
                        try await running.waitForAll()
                    }
                }
                commits.withLockedValue { $0 += 1 }
                for job in group { job.finish(nil) }
                return
            } catch {
                // Nothing of the group was committed; one by one, each failure stays its own.
            }
        }
        do {
            let failures = try await database.transaction { transaction -> [Int: any Error] in
                guard let sql = transaction as? any SQLDatabase else {
                    throw Abort(.internalServerError, reason: "the write queue needs an SQL database")
                }
                var failures: [Int: any Error] = [:]
                for (index, job) in group.enumerated() {
                    let savepoint = "job\(index)"
                    try await sql.raw("SAVEPOINT \(unsafeRaw: savepoint)").run()
                    do {
                        try await job.run(transaction)
                    } catch {
                        failures[index] = error
                        try await sql.raw("ROLLBACK TO \(unsafeRaw: savepoint)").run()
                    }
                    try await sql.raw("RELEASE \(unsafeRaw: savepoint)").run()
                }
                return failures
            }
            commits.withLockedValue { $0 += 1 }
            for (index, job) in group.enumerated() { job.finish(failures[index]) }
        } catch {
            for job in group { job.finish(error) }
        }
    }
}

/// The one write path: a transaction, durable when it returns — through the write queue on SQLite (whose
/// request connections are read-only), a plain transaction on PostgreSQL. `work` must write only through the
/// database it is given, and should read there what it checks before writing (read, check, write: one step).
/// `rerunnable`: see `WriteQueue.perform`.
extension Application {
    func writeTransaction<T: Sendable>(rerunnable: Bool = false, _ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if let queue = madoguchi.writeQueue { return try await queue.perform(rerunnable: rerunnable, work) }
        return try await db.transaction(work)
    }
}

extension Request {
    func writeTransaction<T: Sendable>(rerunnable: Bool = false, _ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if let queue = madoguchi.writeQueue { return try await queue.perform(rerunnable: rerunnable, work) }
        return try await db.transaction(work)
    }
}

/// The write path as a value a store can hold: the queue on SQLite, a plain transaction on PostgreSQL.
struct WritePath: Sendable {
    let queue: WriteQueue?
    let db: any Database

    func transaction<T: Sendable>(rerunnable: Bool = false, key: UUID? = nil,
                                  _ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if let queue { return try await queue.perform(rerunnable: rerunnable, key: key, work) }
        return try await db.transaction(work)
    }
}

extension Request {
    var writePath: WritePath { WritePath(queue: madoguchi.writeQueue, db: db) }
}

extension Application {
    var writePath: WritePath { WritePath(queue: madoguchi.writeQueue, db: db) }
}
