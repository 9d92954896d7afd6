import ArgumentParser
import Foundation
import MadoguchiServer

/// `madoguchi handoff token`: API tokens for the core systems that fetch hand-offs.
struct Handoff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hand-offs to core systems (住民記録システム and others).", subcommands: [Token.self])

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token for one target of handoffs.yaml; it is printed once and stored only hashed.")

        @OptionGroup var instance: InstanceOptions

        @Option(help: "The target id in the catalog's handoffs.yaml, e.g. juki.")
        var target: String

        @Option(help: "What the token is for (shown in the audit log).")
        var label: String = "core system"

        func run() async throws {
            let token = try await Instance.withApplication(try instance.settings, environment: instance.env) { app in
                try await Instance.prepare(app)
                return try await HandoffAdministration.createToken(app, target: target, label: label)
            }
            print(token)
        }
    }
}
