import MadoguchiServer
import Vapor

/// Builds, configures and tears down the Vapor application for a command.
enum Instance {
    static func run(_ settings: Settings, environment: String, arguments: [String], migrate: Bool) async throws {
        try await withApplication(settings, environment: environment, arguments: arguments) { app in
            if migrate { try await prepare(app) }
            try await app.execute()
        }
    }

    @discardableResult
    static func withApplication<Result>(_ settings: Settings, environment name: String, arguments: [String] = [],
                                        _ body: (Application) async throws -> Result) async throws -> Result {
        var environment = Environment(name: name, arguments: ["madoguchi"] + arguments)
        try LoggingSystem.bootstrap(from: &environment)
        let app = try await Application.make(environment)
        let result: Result
        do {
            try await configure(app, settings: settings)
            result = try await body(app)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        return result
    }

    static func prepare(_ app: Application) async throws {
        do {
            try await MadoguchiServer.prepare(app)
        } catch {
            throw StartupError("The database cannot be prepared: \(String(reflecting: error))")
        }
    }
}

extension InstanceOptions {
    /// The application these options describe, its database prepared: what every administrative command runs in.
    func withPreparedApplication<Result>(_ body: (Application) async throws -> Result) async throws -> Result {
        try await Instance.withApplication(try settings, environment: env) { app in
            try await Instance.prepare(app)
            return try await body(app)
        }
    }
}
