import ArgumentParser
import Foundation
import MadoguchiCore
import MadoguchiServer

/// `madoguchi user add|list`: staff accounts from the server's console.
struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage staff accounts.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a staff account; the password is read from standard input (one line).")

        @OptionGroup var instance: InstanceOptions

        @Argument(help: "The user name (3–32 letters, digits, '.', '_' or '-').")
        var name: String

        @Option(help: "admin, counter or section.")
        var role: String

        @Option(help: "The section code, for a section user (e.g. HOKEN_NENKIN).")
        var section: String?

        @Option(help: "The name shown on screens (default: the user name).")
        var displayName: String?

        func run() async throws {
            guard let staffRole = StaffRole(rawValue: role) else {
                throw ValidationError("--role must be admin, counter or section.")
            }
            guard let password = readLine(strippingNewline: true), !password.isEmpty else {
                throw ValidationError("Type the password on standard input, e.g. `printf '%s\\n' \"$PASSWORD\" | madoguchi user add …`.")
            }
            let message = try await instance.withPreparedApplication { app in
                return try await StaffAdministration.add(app, username: name, role: staffRole, sectionCode: section,
                                                         displayName: displayName, password: password)
            }
            print(message)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the staff accounts.")

        @OptionGroup var instance: InstanceOptions

        func run() async throws {
            let lines = try await instance.withPreparedApplication { app in
                return try await StaffAdministration.list(app)
            }
            print(lines.joined(separator: "\n"))
        }
    }
}
