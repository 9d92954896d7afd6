import ArgumentParser
import MadoguchiServer

/// `madoguchi`: the front office of a Japanese municipality, in one executable.
@main
struct Madoguchi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "madoguchi",
        abstract: "Madoguchi (窓口): the front office of a Japanese city hall.",
        discussion: """
            Starts on embedded SQLite with the catalog in ./Catalog and data in ./data; set DATABASE_URL to use \
            PostgreSQL. Environment: MADOGUCHI_DATA, MADOGUCHI_CATALOG, DATABASE_URL, LOG_LEVEL.
            """,
        subcommands: [Serve.self, Migrate.self, User.self, Residents.self, Handoff.self, CheckCatalog.self, Bench.self, SimulateDay.self, CardCheck.self, CardAgent.self, Paper.self],
        defaultSubcommand: Serve.self)
}

/// Options every command that opens the application shares.
struct InstanceOptions: ParsableArguments {
    @Option(help: "The data directory (SQLite database, keys). Default: $MADOGUCHI_DATA or ./data")
    var data: String?

    @Option(help: "The municipality's catalog folder. Default: $MADOGUCHI_CATALOG or ./Catalog")
    var catalog: String?

    @Option(help: "Vapor environment: production, development or testing.")
    var env: String = "production"

    var settings: Settings { get throws { try Settings.fromEnvironment(data: data, catalog: catalog) } }
}
