import Fluent
import Foundation
@testable import MadoguchiServer
import SQLKit
import Testing
import Vapor

/// Every write takes the one write path; a request's own connection cannot write; `/healthz` proves writes.
@Suite struct WritePathTests {
    /// Twenty parallel sign-ins once jammed the SQLite install until a restart. Now a hundred — right and
    /// wrong passwords, one account and many — and afterwards the server is healthy and a write is quick.
    @Test func aHundredParallelSignInsLeaveTheServerHealthy() async throws {
        try await withMadoguchi { app in
            for index in 0..<10 { try await app.staff("clerk\(index)", .counter) }
            try await withLiveServer(app) { server in
                let answers = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                    for attempt in 0..<100 {
                        group.addTask {
                            let user = attempt % 2 == 0 ? "clerk0" : "clerk\(attempt % 10)"
                            let password = attempt % 3 == 0 ? "correct horse battery" : "wrong password \(attempt)"
                            return try await server.signIn(user, password).status
                        }
                    }
                    return try await group.reduce(into: [HTTPResponseStatus]()) { $0.append($1) }
                }
                #expect(answers.count == 100)
                #expect(answers.allSatisfy { [.seeOther, .unauthorized].contains($0) }, "\(Set(answers.map(\.code)))")
                let health = try await server.send(.GET, "/healthz")
                #expect(health.status == .ok, "\(health.body)")
                try await app.staff("afterwards", .counter)
                let started = Date()
                let signIn = try await server.signIn("afterwards", "correct horse battery")
                #expect(signIn.status == .seeOther)
                #expect(Date().timeIntervalSince(started) < 1, "a write after the storm commits within a second")
            }
        }
    }

    /// On SQLite the request connections are opened read-only: a write outside the write path fails at
    /// once instead of jamming the database. (Not a convention: the connection refuses.)
    @Test func aRequestsConnectionCannotWrite() async throws {
        guard TestDatabase.postgresURL == nil else { return }
        try await withMadoguchi { app in
            let entry = AuditEntry(at: Date(), actor: "test", action: "test.write", caseID: nil, detail: "", address: nil)
            await #expect { try await entry.create(on: app.db) } throws: { error in
                String(describing: error).contains("readonly")
            }
            try await app.writeTransaction { db in try await entry.create(on: db) }
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "test.write").count() == 1)
        }
    }

    /// A failing write path (here: the writer connection made read-only, as a failed filesystem is) turns
    /// `/healthz` to 503 while reads still answer; it says why.
    @Test func healthReportsAFailingWritePath() async throws {
        guard TestDatabase.postgresURL == nil else { return }
        try await withMadoguchi { app in
            #expect(await app.madoguchi.writePath.outcome(app) == .ok)
            try await app.writeTransaction { db in try await (db as! any SQLDatabase).raw("PRAGMA query_only = 1").run() }
            let later = Date().addingTimeInterval(WritePathCheck.interval + 1)
            guard case .failing(let reason) = await app.madoguchi.writePath.outcome(app, now: later) else {
                Issue.record("the failing write was not noticed")
                return
            }
            // The refused write says so; a probe that ran out of its time (30 s in the tests) is a failing
            // write path too and says that instead.
            #expect(reason.contains("readonly") || reason.contains("longer than"), "\(reason)")
            let health = try await app.testing().sendRequest(.GET, "/healthz")
            #expect(health.status == .serviceUnavailable)
            #expect(health.body.string.contains(#""database":"ok""#))
            #expect(health.body.string.contains("failing"))
            try await app.writeTransaction { db in try await (db as! any SQLDatabase).raw("PRAGMA query_only = 0").run() }
            // Counted from the clock now, not from `later`: on a loaded machine the probes above may have finished
            // less than the interval before `later + interval`, and the last outcome would be answered again.
            #expect(await app.madoguchi.writePath.outcome(app, now: Date().addingTimeInterval(WritePathCheck.interval + 1)) == .ok)
        }
    }

    /// A city sets the probe's time below its load balancer's; nonsense is kept within 1–60 s.
    @Test func theProbesTimeIsConfigurable() throws {
        #expect(try Settings.fromEnvironment(environment: [:]).healthWriteTimeoutSeconds == 3)
        #expect(try Settings.fromEnvironment(environment: ["MADOGUCHI_HEALTH_WRITE_TIMEOUT": "5"]).healthWriteTimeoutSeconds == 5)
        #expect(try Settings.fromEnvironment(environment: ["MADOGUCHI_HEALTH_WRITE_TIMEOUT": "0"]).healthWriteTimeoutSeconds == 1)
        #expect(try Settings.fromEnvironment(environment: ["MADOGUCHI_HEALTH_WRITE_TIMEOUT": "600"]).healthWriteTimeoutSeconds == 60)
    }

    /// The database file and its journals are for the service account only.
    @Test func theDatabaseFilesAreCreatedPrivate() async throws {
        guard TestDatabase.postgresURL == nil else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-mode-\(UUID().uuidString)")
        try await withMadoguchi(dataDirectory: folder.path) { app in
            try await app.staff("somebody", .counter)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("madoguchi.sqlite") {
                let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.posixPermissions] as? NSNumber
                #expect(mode?.intValue == 0o600, "\(name)")
            }
        }
    }
}
