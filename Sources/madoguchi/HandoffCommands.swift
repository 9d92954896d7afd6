import ArgumentParser
import Foundation
import MadoguchiServer

/// `madoguchi handoff token`: API tokens for the core systems that fetch hand-offs.
struct Handoff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hand-offs to core systems (住民記録システム and others).", subcommands: [Token.self, Tokens.self, Revoke.self, Endpoint.self, Enable.self, Bench.self])

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token for one target of handoffs.yaml; it is printed once and stored only hashed.")

        @OptionGroup var instance: InstanceOptions

        @Option(help: "The target id in the catalog's handoffs.yaml, e.g. juki.")
        var target: String

        @Option(help: "What the token is for (shown in the audit log).")
        var label: String = "core system"

        func run() async throws {
            let token = try await instance.withPreparedApplication { app in
                return try await HandoffAdministration.createToken(app, target: target, label: label)
            }
            print(token)
        }
    }

    struct Tokens: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "tokens", abstract: "List the hand-off API tokens (never the tokens themselves).")

        @OptionGroup var instance: InstanceOptions

        func run() async throws {
            let lines = try await instance.withPreparedApplication { app in
                return try await HandoffAdministration.listTokens(app)
            }
            print(lines.joined(separator: "\n"))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a hand-off API token by its id; calls with it are refused at once.")

        @OptionGroup var instance: InstanceOptions

        @Argument(help: "The token's id, as `madoguchi handoff tokens` shows it.")
        var id: String

        func run() async throws {
            let message = try await instance.withPreparedApplication { app in
                return try await HandoffAdministration.revokeToken(app, id: id)
            }
            print(message)
        }
    }

    struct Endpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a push target's URL and a new signing secret (printed once; give it to the core system). Run again to rotate the secret.")

        @OptionGroup var instance: InstanceOptions

        @Option(help: "The push target's id in the catalog's handoffs.yaml, e.g. kosodate.")
        var target: String

        @Option(help: "Where the core system receives hand-offs (http or https); the catalog's url when omitted.")
        var url: String?

        func run() async throws {
            let secret = try await instance.withPreparedApplication { app in
                return try await HandoffAdministration.configureEndpoint(app, target: target, url: url)
            }
            print(secret)
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Turn a push target's endpoint on again after it answered 410 Gone.")

        @OptionGroup var instance: InstanceOptions

        @Option(help: "The push target's id.")
        var target: String

        func run() async throws {
            let message = try await instance.withPreparedApplication { app in
                return try await HandoffAdministration.enableEndpoint(app, target: target)
            }
            print(message)
        }
    }

    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure hand-offs per second: pushed to a local core system (--push-url) and fetched and acknowledged through the pull API. Use a scratch --data directory.")

        @OptionGroup var instance: InstanceOptions

        @Option(help: "Synthetic hand-offs per measurement.")
        var count: Int = 10_000

        @Option(help: "Households they belong to (each household's go in order).")
        var households: Int = 2_500

        @Option(help: "A core system receiving pushed hand-offs, e.g. Tests/HandoffTarget/flaky_target.py's http://127.0.0.1:PORT/hooks.")
        var pushURL: String?

        @Option(help: "The signing secret the core system checks with (whsec_…); a new one when omitted.")
        var pushSecret: String?

        @Flag(help: "Stop the delivery worker at random and move the clock past leases and pauses (the exactly-once run).")
        var chaos = false

        @Option(help: "Write the ids Madoguchi shows as delivered by push to this file, one per line.")
        var deliveredFile: String?

        @Flag(help: "Skip the pull API measurement.")
        var noPull = false

        @Option(help: "Acknowledgement calls sent at once in the pull measurement.")
        var ackConcurrency: Int = 4

        @Option(help: "Acknowledgements per call (1: POST /api/v1/handoffs/{id}/ack each; more: POST /api/v1/handoffs/ack).")
        var ackBatch: Int = 100

        func run() async throws {
            var options = HandoffBenchmark.Options()
            options.count = max(1, count)
            options.households = max(1, households)
            options.pushURL = pushURL
            options.pushSecret = pushSecret
            options.chaos = chaos
            options.deliveredFile = deliveredFile
            options.pull = !noPull
            options.ackConcurrency = max(1, min(ackConcurrency, 512))
            options.ackBatch = max(1, min(ackBatch, 500))
            try await instance.withPreparedApplication { app in
                try await HandoffBenchmark.run(app, options: options) { print($0) }
            }
        }
    }
}
