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
    /// Mark cookies `Secure` (set when Madoguchi is served over HTTPS, usually behind a proxy).
    public var secureCookies: Bool
    /// bcrypt cost for staff passwords (12 in production; tests use the minimum to stay fast).
    public var passwordCost: Int
    /// Outgoing mail; nil when email is off.
    var mail: MailSettings?
    /// Days an untouched online draft is kept before it is deleted (`MADOGUCHI_DRAFT_DAYS`, 14).
    public var draftDays: Int = 14
    /// Minutes after a call before staff may mark a ticket as a no-show (`MADOGUCHI_NO_SHOW_GRACE_MINUTES`, 3).
    public var noShowGraceMinutes: Int = 3

    public init(dataDirectory: String, catalogDirectory: String, database: Database,
                secureCookies: Bool = false, passwordCost: Int = 12) {
        self.dataDirectory = dataDirectory
        self.catalogDirectory = catalogDirectory
        self.database = database
        self.secureCookies = secureCookies
        self.passwordCost = passwordCost
    }

    /// Settings from the environment: `MADOGUCHI_DATA` (default `./data`), `MADOGUCHI_CATALOG`
    /// (default `./Catalog`), `DATABASE_URL` (PostgreSQL; SQLite in the data directory when unset) and
    /// `MADOGUCHI_SECURE_COOKIES` (`1` behind HTTPS).
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
        let secure = ["1", "true", "yes"].contains(environment["MADOGUCHI_SECURE_COOKIES"]?.lowercased() ?? "")
        var settings = Settings(dataDirectory: dataDirectory, catalogDirectory: catalogDirectory, database: database, secureCookies: secure)
        settings.mail = MailSettings.fromEnvironment(environment)
        if let minutes = environment["MADOGUCHI_NO_SHOW_GRACE_MINUTES"].flatMap(Int.init) { settings.noShowGraceMinutes = min(max(minutes, 0), 60) }
        if let days = environment["MADOGUCHI_DRAFT_DAYS"].flatMap(Int.init) { settings.draftDays = min(max(days, 1), 365) }
        return settings
    }
}
