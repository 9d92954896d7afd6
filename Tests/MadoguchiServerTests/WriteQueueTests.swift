import Fluent
import Foundation
@testable import MadoguchiServer
import Testing
import Vapor

/// SQLite's write transactions take turns and share commits; a failing one is rolled back alone.
@Suite struct WriteQueueTests {
    static func onSQLiteFile(_ body: (Application, WriteQueue) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-queue-\(UUID().uuidString)")
        try await withMadoguchi(database: .sqliteFile(folder.appendingPathComponent("madoguchi.sqlite").path), dataDirectory: folder.path) { app in
            try await body(app, try #require(app.madoguchi.writeQueue))
        }
    }

    static func entry(_ detail: String) -> AuditEntry {
        AuditEntry(at: Date(), actor: "test", action: "test.write", caseID: nil, detail: detail, address: nil)
    }

    @Test(arguments: [false, true])
    func concurrentWritesAllCommitInFewerCommitsThanWrites(rerunnable: Bool) async throws {
        try await Self.onSQLiteFile { app, queue in
            let before = queue.committedGroups
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<200 {
                    group.addTask { try await queue.perform(rerunnable: rerunnable) { db in try await Self.entry("w\(index)").create(on: db) } }
                }
                try await group.waitForAll()
            }
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "test.write").count() == 200)
            let commits = queue.committedGroups - before
            #expect(commits >= 1 && commits < 200, "writes that waited shared a commit (\(commits) commits)")
        }
    }

    @Test(arguments: [false, true])
    func aFailingWriteIsRolledBackAloneAndGetsItsOwnError(rerunnable: Bool) async throws {
        struct Refused: Error {}
        try await Self.onSQLiteFile { app, queue in
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        do {
                            try await queue.perform(rerunnable: rerunnable) { db in
                                try await Self.entry("f\(index)").create(on: db)
                                if index % 5 == 0 { throw Refused() }  // after its row was written
                            }
                            return true
                        } catch is Refused {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 16)
            let details = Set(try await AuditEntry.query(on: app.db).filter(\.$action == "test.write").all().map(\.detail))
            #expect(details.count == 16)
            #expect(!details.contains("f0") && !details.contains("f5") && details.contains("f1"))
        }
    }

    @Test func aValueComesBackOnlyAfterTheCommit() async throws {
        try await Self.onSQLiteFile { app, queue in
            let id = try await queue.perform() { db -> UUID in
                let entry = Self.entry("value")
                try await entry.create(on: db)
                return try entry.requireID()
            }
            #expect(try await AuditEntry.find(id, on: app.db)?.detail == "value")
        }
    }
}
