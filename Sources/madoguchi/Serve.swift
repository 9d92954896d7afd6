import ArgumentParser
import MadoguchiServer

/// `madoguchi serve`: migrate, then answer HTTP until stopped (Ctrl-C or SIGTERM).
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the migrations, then serve HTTP.")

    @OptionGroup var instance: InstanceOptions

    @Option(help: "The address to listen on.")
    var hostname: String = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port: Int = 8080

    func run() async throws {
        try await Instance.run(try instance.settings, environment: instance.env, arguments: ["serve", "--hostname", hostname, "--port", String(port)], migrate: true)
    }
}

/// `madoguchi migrate`: bring the database schema up to date (or revert it).
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date.")

    @OptionGroup var instance: InstanceOptions

    @Flag(help: "Revert every migration instead (deletes the data).")
    var revert = false

    func run() async throws {
        try await Instance.withApplication(try instance.settings, environment: instance.env) { app in
            if revert {
                try await app.autoRevert()
                print("All migrations reverted.")
            } else {
                try await Instance.prepare(app)
                print("The database is up to date.")
            }
        }
    }
}

