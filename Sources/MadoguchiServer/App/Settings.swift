import Foundation

/// How an instance is set up: from the command line and the environment (`README.md`, Configuration).
public struct Settings: Sendable {
    public enum Database: Sendable, Equatable {
        /// The embedded default: one SQLite file in the data directory.
        case sqliteFile(String)
        /// For tests: a private in-memory SQLite database.
        case sqliteMemory
        /// `DATABASE_URL`: PostgreSQL, for several instances behind a load balancer.
        case postgres(url: String)
    }

    /// Where Madoguchi keeps its files (the SQLite database, later keys and documents).
    public var dataDirectory: String
    /// The catalog folder of the municipality.
    public var catalogDirectory: String
    public var database: Database

    public init(dataDirectory: String, catalogDirectory: String, database: Database) {
        self.dataDirectory = dataDirectory
        self.catalogDirectory = catalogDirectory
        self.database = database
    }

    /// Settings from the environment: `MADOGUCHI_DATA` (default `./data`), `MADOGUCHI_CATALOG`
    /// (default `./Catalog`) and `DATABASE_URL` (PostgreSQL; SQLite in the data directory when unset).
    public static func fromEnvironment(data: String? = nil, catalog: String? = nil,
                                       environment: [String: String] = ProcessInfo.processInfo.environment) -> Settings {
        let dataDirectory = data ?? environment["MADOGUCHI_DATA"] ?? "data"
        let catalogDirectory = catalog ?? environment["MADOGUCHI_CATALOG"] ?? "Catalog"
        let database: Database
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            database = .postgres(url: url)
        } else {
            database = .sqliteFile(URL(fileURLWithPath: dataDirectory).appendingPathComponent("madoguchi.sqlite").path)
        }
        return Settings(dataDirectory: dataDirectory, catalogDirectory: catalogDirectory, database: database)
    }
}
