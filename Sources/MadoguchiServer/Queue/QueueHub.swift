import Fluent
import Foundation
import MadoguchiCore
import NIOConcurrencyHelpers
import PostgresKit
import Vapor

/// The live queue of one instance: it rebuilds the state after every change and hands it to every board
/// and ticket page connected here. Changes made on this instance are announced directly; on PostgreSQL
/// every instance also listens for the notification each change sends when it commits, so a call made
/// behind one instance reaches the screens connected to another. A refresh every few seconds repairs anything
/// missed while a connection was down; the screens get a state without a change every half minute, which moves
/// their estimates on as time passes.
final class QueueHub: Sendable {
    /// How often the state is rebuilt without a change.
    static let refreshInterval: Duration = .seconds(5)
    /// How often the screens get a state without a change: an estimate is shown in minutes, and sending 2,000
    /// screens a state every five seconds kept the server busy often enough that a call coinciding with it waited
    /// (a live call's p99 was set by those calls).
    static let screenRefreshSeconds: Double = 30

    private let catalog: Catalog
    private let state = NIOLockedValueBox(HubState())
    private let screens = LiveScreens()

    private struct HubState {
        var latest: QueueLiveState?
        var rebuildScheduled = false
        var database: (any Database)?
        var logger: Logger?
        var model: ServiceTimeModel?
        var modelBuiltAt = Date.distantPast
        var flight: Flight?
        /// The last state sent to the screens.
        var published = (version: Int.min, at: -Double.infinity)
        var builds = 0
    }

    init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// Where the state is built from and where problems are reported (set once the database is configured).
    func attach(database: any Database, logger: Logger) {
        state.withLockedValue { hub in
            hub.database = database
            hub.logger = logger
        }
    }

    /// Ends every live stream (at shutdown: the screens reconnect to another instance or when this one is back).
    func finishAll() { screens.finishAll() }

    /// Builds of the state so far (a figure for /metrics and tests).
    var buildCount: Int { state.withLockedValue { $0.builds } }

    /// Connected screens (a figure for /metrics and tests).
    var subscriberCount: Int { screens.count }

    /// A screen's stream: the current state at once, then each newer one (on the writer's event loop).
    func attach(_ writer: any BodyStreamWriter, render: @escaping LiveScreens.Render) {
        var latest: QueueLiveState?
        screens.attach(writer, render: render) {
            latest = state.withLockedValue { $0.latest }
            return latest
        }
        if latest == nil { changed() }
    }

    /// Something changed: rebuild soon (changes arriving together are built once). The build that follows
    /// reads the version after this change committed, so the change is never left out.
    func changed() {
        let schedule = state.withLockedValue { hub -> Bool in
            guard !hub.rebuildScheduled, hub.database != nil else { return false }
            hub.rebuildScheduled = true
            return true
        }
        guard schedule else { return }
        Task {
            try? await Task.sleep(for: .milliseconds(5))
            state.withLockedValue { $0.rebuildScheduled = false }
            do {
                _ = try await build(atLeast: nil, fresherThan: Date().timeIntervalSince1970)
            } catch {
                state.withLockedValue { $0.logger }?.warning("The live queue could not be rebuilt: \(String(reflecting: error))")
            }
        }
    }

    /// The state now, for a page that renders it once: the latest build while no change has come since and it
    /// is no older than a refresh (one small query), else a new build. Phones and kiosks ask on every page.
    func current(on database: any Database) async throws -> QueueLiveState {
        let version = try await QueueVersion.current(on: database)
        let now = Date().timeIntervalSince1970
        if let latest = state.withLockedValue({ $0.latest }),
           now - latest.at < Double(Self.refreshInterval.components.seconds), latest.version >= version {
            return latest
        }
        return try await build(atLeast: version, fresherThan: now - Double(Self.refreshInterval.components.seconds))
    }

    /// One build at a time (single flight): under load many pages and every change ask for the state at
    /// once, and each used to build its own — the same rows read and decoded many times over, which is where
    /// the mixed load's time went. A caller waits for the build under way and takes it when it is new enough
    /// (the version it needs, started after the moment it names), else waits for the next one.
    private func build(atLeast version: Int?, fresherThan moment: Double) async throws -> QueueLiveState {
        while true {
            let flight = state.withLockedValue { hub -> Flight in
                if let running = hub.flight { return running }
                let id = UUID()
                let flight = Flight(id: id, startedAt: Date().timeIntervalSince1970, task: Task {
                    defer { self.state.withLockedValue { hub in if hub.flight?.id == id { hub.flight = nil } } }
                    return try await self.buildAndPublish()
                })
                hub.flight = flight
                return flight
            }
            let built = try await flight.task.value
            if built.version >= (version ?? .min), flight.startedAt >= moment { return built }
        }
    }

    /// A build under way, shared by everyone who asks while it runs.
    struct Flight: Sendable {
        let id: UUID
        let startedAt: Double
        let task: Task<QueueLiveState, any Error>
    }

    private func buildAndPublish() async throws -> QueueLiveState {
        guard let database = state.withLockedValue({ hub in hub.builds += 1; return hub.database }) else {
            throw Abort(.serviceUnavailable)
        }
        let model = try await serviceTimes(on: database)
        let built = try await QueueLiveState.build(catalog: catalog, model: model, on: database)
        // Builds may finish out of order: a screen never goes back to an older version.
        let publish = state.withLockedValue { hub -> Bool in
            if let latest = hub.latest, latest.version > built.version { return false }
            hub.latest = built
            guard built.version != hub.published.version || built.at - hub.published.at >= Self.screenRefreshSeconds else { return false }
            hub.published = (built.version, built.at)
            return true
        }
        if publish { screens.publish(built) }
        return built
    }

    /// Service times learned from the last weeks' finished tickets, rebuilt at most every half minute.
    private func serviceTimes(on database: any Database) async throws -> ServiceTimeModel {
        if let (model, builtAt) = state.withLockedValue({ hub in hub.model.map { ($0, hub.modelBuiltAt) } }),
           Date().timeIntervalSince(builtAt) < 30 {
            return model
        }
        let model = try await QueueServiceTimes.learn(catalog: catalog, on: database)
        state.withLockedValue { hub in
            hub.model = model
            hub.modelBuiltAt = Date()
        }
        return model
    }

    /// Starts the refresh timer and, on PostgreSQL, the listener for other instances' changes.
    struct Lifecycle: LifecycleHandler {
        let postgres: SQLPostgresConfiguration?

        private struct TasksKey: StorageKey { typealias Value = [Task<Void, Never>] }

        func didBootAsync(_ app: Application) async throws {
            let hub = app.madoguchi.queueHub
            var tasks = [Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: QueueHub.refreshInterval)
                    hub.changed()
                }
            }]
            if let postgres {
                let logger = app.logger
                let loop = app.eventLoopGroup.any()
                tasks.append(Task { await QueueHub.listen(postgres, hub: hub, on: loop, logger: logger) })
            }
            app.storage[TasksKey.self] = tasks
        }

        func shutdownAsync(_ app: Application) async {
            for task in app.storage[TasksKey.self] ?? [] { task.cancel() }
            app.madoguchi.queueHub.finishAll()
        }
    }

    /// LISTEN on a connection of its own (not one of the request pool's), reconnecting when it drops.
    private static func listen(_ configuration: SQLPostgresConfiguration, hub: QueueHub, on loop: any EventLoop, logger: Logger) async {
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(on: loop, configuration: configuration.coreConfiguration,
                                                                      id: 1, logger: logger)
                defer { Task { try? await connection.close() } }
                try await connection.listen(on: QueueVersion.channel) { notifications in
                    hub.changed()  // whatever happened while not listening
                    for try await _ in notifications { hub.changed() }
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("Listening for queue changes failed; trying again: \(String(reflecting: error))")
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}
