import Foundation
import MadoguchiCore

/// How an instance is set up: from the command line and the environment (`README.md`, Configuration).
public struct Settings: Sendable {
    public enum Database: Sendable, Equatable {
        /// The embedded default: one SQLite file in the data directory.
        case sqliteFile(String)
        /// `DATABASE_URL`: PostgreSQL, for several instances behind a load balancer.
        case postgres(url: String)

        /// A database that several instances may share: each must then hold the same personal-data key.
        var isShared: Bool {
            if case .postgres = self { return true }
            return false
        }
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
    /// The personal-data key, base64 of 32 bytes (`MADOGUCHI_DATA_KEY`); nil: the key file in the data directory.
    public var personalDataKey: String?
    /// Reverse proxies whose `X-Forwarded-For` is believed (`MADOGUCHI_TRUSTED_PROXIES`: addresses or networks).
    public var trustedProxies = TrustedProxies()
    /// Issue kiosk tickets at any hour (`MADOGUCHI_QUEUE_ALWAYS_OPEN=1`): for demonstrations and tests only;
    /// a city hall's kiosk refuses tickets outside the catalog's `hours` and on closed days.
    public var queueAlwaysOpen = false
    /// Outgoing mail; nil when email is off.
    var mail: MailSettings?
    /// Where hand-off files for core systems are written, a folder per target (`MADOGUCHI_HANDOFF_DIR`;
    /// default `handoffs` in the data directory).
    public var handoffDirectory: String?
    /// Days an untouched online draft is kept before it is deleted (`MADOGUCHI_DRAFT_DAYS`, 14).
    public var draftDays: Int = 14
    /// The folder a network scanner writes paper forms to (`MADOGUCHI_PAPER_INBOX`); none by default.
    public var paperInbox: String?
    /// Days a scanned paper form is kept after it was read (`MADOGUCHI_PAPER_RETENTION_DAYS`).
    public var paperRetentionDays: Int = 30
    /// Minutes after a call before staff may mark a ticket as a no-show (`MADOGUCHI_NO_SHOW_GRACE_MINUTES`, 3).
    public var noShowGraceMinutes: Int = 3
    /// Seconds `/healthz` waits for its probe write before it says writes are failing
    /// (`MADOGUCHI_HEALTH_WRITE_TIMEOUT`, 3): below the load balancer's own timeout.
    public var healthWriteTimeoutSeconds: Int = 3
    /// How online certificate requests are paid (`MADOGUCHI_PAYMENT`); the built-in fake provider by default.
    public var payment = PaymentSettings.fake()
    /// The benchmark's no-work routes (`MADOGUCHI_BENCH_ROUTES=1`): for `Benchmarks/http/bench.py` only.
    public var benchRoutes = false
    /// Per-address budgets of the citizens' doors (`MADOGUCHI_SUBMISSIONS_PER_HOUR` and the others).
    public var citizenBudgets = CitizenBudgets()
    /// The time the opening hours and the no-show grace are checked against (tests set it).
    public var clock: @Sendable () -> Date = { Date() }

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
                                       environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
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
        settings.queueAlwaysOpen = ["1", "true", "yes"].contains(environment["MADOGUCHI_QUEUE_ALWAYS_OPEN"]?.lowercased() ?? "")
        settings.personalDataKey = environment["MADOGUCHI_DATA_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        if let list = environment["MADOGUCHI_TRUSTED_PROXIES"] {
            guard let proxies = TrustedProxies(list: list) else {
                throw StartupError("MADOGUCHI_TRUSTED_PROXIES must be addresses or networks separated by commas, e.g. 10.0.0.5, 192.168.10.0/24.")
            }
            settings.trustedProxies = proxies
        }
        if let minutes = environment["MADOGUCHI_NO_SHOW_GRACE_MINUTES"].flatMap(Int.init) { settings.noShowGraceMinutes = min(max(minutes, 0), 60) }
        if let seconds = environment["MADOGUCHI_HEALTH_WRITE_TIMEOUT"].flatMap(Int.init) { settings.healthWriteTimeoutSeconds = min(max(seconds, 1), 60) }
        settings.handoffDirectory = environment["MADOGUCHI_HANDOFF_DIR"].flatMap { $0.isEmpty ? nil : $0 }
        if let days = environment["MADOGUCHI_DRAFT_DAYS"].flatMap(Int.init) { settings.draftDays = min(max(days, 1), 365) }
        settings.paperInbox = environment["MADOGUCHI_PAPER_INBOX"].flatMap { $0.isEmpty ? nil : $0 }
        if let days = environment["MADOGUCHI_PAPER_RETENTION_DAYS"].flatMap(Int.init) { settings.paperRetentionDays = min(max(days, 1), 3650) }
        settings.citizenBudgets = CitizenBudgets(environment: environment)
        settings.payment = try PaymentSettings.fromEnvironment(environment)
        settings.benchRoutes = environment["MADOGUCHI_BENCH_ROUTES"] == "1"
        return settings
    }
}

/// How much one address may do at the citizens' doors: `MADOGUCHI_SUBMISSIONS_PER_HOUR` (20),
/// `MADOGUCHI_CERTIFICATE_REQUESTS_PER_HOUR` (20, certificates requested online: a door of its own, so that a family's
/// applications do not use up its certificate requests), `MADOGUCHI_LOOKUPS_PER_HOUR` (30), `MADOGUCHI_KIOSK_TICKETS_PER_MINUTE` (12: a ticket every five seconds is more
/// than a queue of people can take) and `MADOGUCHI_KIOSK_SCANS_PER_MINUTE` (12).
public struct CitizenBudgets: Sendable, Equatable {
    public var submissionsPerHour = 20
    public var certificateRequestsPerHour = 20
    public var lookupsPerHour = 30
    public var kioskTicketsPerMinute = 12
    public var kioskScansPerMinute = 12

    public init() {}

    /// The budgets the environment sets; a missing or unreadable value keeps the default, and each is at least 1.
    public init(environment: [String: String]) {
        func budget(_ name: String, _ fallback: Int) -> Int { environment[name].flatMap(Int.init).map { max(1, $0) } ?? fallback }
        submissionsPerHour = budget("MADOGUCHI_SUBMISSIONS_PER_HOUR", submissionsPerHour)
        certificateRequestsPerHour = budget("MADOGUCHI_CERTIFICATE_REQUESTS_PER_HOUR", certificateRequestsPerHour)
        lookupsPerHour = budget("MADOGUCHI_LOOKUPS_PER_HOUR", lookupsPerHour)
        kioskTicketsPerMinute = budget("MADOGUCHI_KIOSK_TICKETS_PER_MINUTE", kioskTicketsPerMinute)
        kioskScansPerMinute = budget("MADOGUCHI_KIOSK_SCANS_PER_MINUTE", kioskScansPerMinute)
    }
}
