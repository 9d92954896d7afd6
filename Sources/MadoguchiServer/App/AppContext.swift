import MadoguchiCore
import Vapor

/// What every request handler needs from the running instance.
struct AppContext: Sendable {
    let catalog: Catalog
    let engine: RuleEngine
    let metrics: Metrics
    let secureCookies: Bool
    let vault: PersonalDataVault
    /// The sample municipality's 住民記録, when the catalog folder has `residents.yaml`.
    let residents: ResidentRegistry?
    var citizenLimits = CitizenLimits()
    /// Reverse proxies whose `X-Forwarded-For` names the client.
    var trustedProxies = TrustedProxies()
    /// Outgoing mail, or nil when email is off.
    var mail: MailSettings?
    /// The live queue of this instance (boards and ticket pages).
    let queueHub: QueueHub
    /// The congestion page's typical waits, rebuilt every ten minutes.
    let typicalWaits = TypicalWaitsCache()
    /// bcrypt's own threads, below the event loops' priority.
    let passwordThreads = PasswordThreads()
    /// `/healthz`'s proof that writes still commit.
    let writePath = WritePathCheck()
    /// Kiosk tickets at any hour (demonstrations and tests), instead of only within the catalog's hours.
    var queueAlwaysOpen = false
    /// The time the opening hours are checked against (tests set it).
    var clock: @Sendable () -> Date = { Date() }
    /// How long after a call a ticket may be marked as a no-show (`MADOGUCHI_NO_SHOW_GRACE_MINUTES`, 3).
    var noShowGrace: TimeInterval = 180
    /// On SQLite, the queue every write transaction takes its turn in (nil on PostgreSQL).
    var writeQueue: WriteQueue?
    /// How long an untouched online draft is kept.
    var draftLifetime: TimeInterval = 14 * 24 * 3600
    var draftDays: Int { Int((draftLifetime / 86_400).rounded()) }

    init(catalog: Catalog, metrics: Metrics, secureCookies: Bool, vault: PersonalDataVault, residents: ResidentRegistry? = nil) {
        self.vault = vault
        self.residents = residents
        self.catalog = catalog
        self.engine = RuleEngine(catalog: catalog)
        self.queueHub = QueueHub(catalog: catalog)
        self.metrics = metrics
        self.secureCookies = secureCookies
    }
}

extension Application {
    private struct ContextKey: StorageKey { typealias Value = AppContext }

    var madoguchi: AppContext {
        get {
            guard let context = storage[ContextKey.self] else { fatalError("configure(_:settings:) was not called") }
            return context
        }
        set { storage[ContextKey.self] = newValue }
    }
}

extension Request {
    var madoguchi: AppContext { application.madoguchi }

    /// The citizen's or staff member's own address: the peer, or behind a trusted proxy the address it
    /// forwarded. Limits and the audit log use this, never the raw header.
    var clientAddress: String? {
        madoguchi.trustedProxies.client(peer: remoteAddress?.ipAddress, forwardedFor: headers[.xForwardedFor])
    }

    /// The key this request's rate limits count under (an IPv6 client by its /64).
    var limitKey: String { TrustedProxies.limitKey(clientAddress) }
}
