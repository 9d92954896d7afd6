import Foundation
@testable import MadoguchiServer
import Testing
import Vapor
import VaporTesting

/// What keeps the mixed load's pages fast (`Benchmarks/mixed`): the live queue is built once for everyone who
/// asks at the same moment, and bcrypt gives way to the threads that answer pages.
@Suite struct LoadSharingTests {
    @Test func manyPagesAtOnceShareOneBuildOfTheQueue() async throws {
        try await withMadoguchi { app in
            var kiosk = Kiosk(app)
            let token = try await kiosk.take("section", "JUMIN")
            let hub = app.madoguchi.queueHub
            _ = try await hub.current(on: app.db)
            // A change: the next pages need a new build, and fifty of them ask at once.
            _ = try await kiosk.take("section", "JUMIN")
            let before = hub.buildCount
            let states = try await withThrowingTaskGroup(of: QueueLiveState.self) { group in
                for _ in 0..<50 { group.addTask { try await hub.current(on: app.db) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(states.allSatisfy { $0.tickets.count == 2 }, "every page sees the change")
            #expect(states.allSatisfy { $0.tickets[token]?.position == 1 })
            #expect(hub.buildCount - before <= 2, "built \(hub.buildCount - before) times for 50 pages")
        }
    }

    @Test func aChangeIsNeverLeftOutOfTheStateThatFollowsIt() async throws {
        try await withMadoguchi { app in
            var kiosk = Kiosk(app)
            let hub = app.madoguchi.queueHub
            // Pages keep asking while tickets are issued: each ticket is in the state read after it.
            let readers = Task {
                while !Task.isCancelled { _ = try? await hub.current(on: app.db) }
            }
            defer { readers.cancel() }
            for number in 1...10 {  // a kiosk may issue 12 a minute
                let token = try await kiosk.take("section", "ZEIMU")
                let state = try await hub.current(on: app.db)
                #expect(state.tickets[token] != nil, "ticket \(number) missing from the state read after it")
                #expect(state.sections.first { $0.code == "ZEIMU" }?.waiting == number)
            }
        }
    }

    @Test func theBoardIsEncodedOnceWithTheState() async throws {
        try await withMadoguchi { app in
            var kiosk = Kiosk(app)
            _ = try await kiosk.take("section", "JUMIN")
            let state = try await app.madoguchi.queueHub.current(on: app.db)
            let board = try JSONDecoder().decode(QueueLiveState.Board.self, from: state.boardJSON)
            #expect(board.version == state.version)
            #expect(board.sections.first { $0.code == "JUMIN" }?.waiting == 1)
            #expect(!String(decoding: state.boardJSON, as: UTF8.self).contains("token"), "a board never gets ticket secrets")
        }
    }

    #if os(Linux)
    @Test func passwordsAreHashedOnThreadsBelowTheEventLoops() async throws {
        let threads = PasswordThreads(threads: 1)
        let caller = PasswordThreads.niceOfThisThread()
        let inside = try await threads.run { PasswordThreads.niceOfThisThread() }
        #expect(inside == PasswordThreads.niceness)
        #expect(PasswordThreads.niceOfThisThread() == caller, "the caller's thread keeps its priority")
        await threads.shutdown()
        // Signing in still works through them.
        try await withMadoguchi { app in
            var clerk = try await Clerk.signedIn(app)
            #expect(try await clerk.browser.get("/counter").status == .ok)
        }
    }
    #endif
}
