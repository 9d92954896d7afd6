import MadoguchiCore
import Vapor

/// What every request handler needs from the running instance: built once at start-up from the `Settings`
/// (the one place the environment is read) and never changed while the instance runs.
///
/// A class: a request reads it several times (`req.madoguchi.…`), and as a struct each read copied all its fields,
/// a retain and a release each (a profile of the guide's result page found 1.3 % of the server's time there).
final class AppContext: Sendable {
    let catalog: Catalog
    let engine: RuleEngine
    let metrics: Metrics
    let secureCookies: Bool
    let vault: PersonalDataVault
    /// The sample municipality's 住民記録 (`residents.csv` beside the catalog, checked at start), imported into the
    /// register copy when the copy is empty.
    let sampleResidents: ResidentExtract?
    /// This instance's index of the register copy's search keys.
    let residentSearch = ResidentSearchCache()
    let citizenLimits: CitizenLimits
    /// Reverse proxies whose `X-Forwarded-For` names the client.
    let trustedProxies: TrustedProxies
    /// Outgoing mail, or nil when email is off.
    let mail: MailSettings?
    /// The live queue of this instance (boards and ticket pages).
    let queueHub: QueueHub
    /// The congestion page's typical waits, rebuilt every ten minutes.
    let typicalWaits = TypicalWaitsCache()
    /// bcrypt's own threads, below the event loops' priority.
    let passwordThreads = PasswordThreads()
    /// `/healthz`'s proof that writes still commit.
    let writePath: WritePathCheck
    /// Kiosk tickets at any hour (demonstrations and tests), instead of only within the catalog's hours.
    let queueAlwaysOpen: Bool
    /// The time the opening hours and the no-show grace are checked against.
    let clock: @Sendable () -> Date
    /// How long after a call a ticket may be marked as a no-show.
    let noShowGrace: TimeInterval
    /// On SQLite, the queue every write transaction takes its turn in (nil on PostgreSQL).
    let writeQueue: WriteQueue?
    /// The folder hand-off files are written to, a folder per target.
    let handoffDirectory: String
    /// How long an untouched online draft is kept.
    let draftLifetime: TimeInterval
    var draftDays: Int { Int((draftLifetime / 86_400).rounded()) }
    /// The scanner's watched folder, if any.
    let paperInbox: String?
    /// How long a read scan is kept.
    let paperRetention: TimeInterval
    /// The OCR engine, loaded on first use.
    let paperEngine = PaperEngine()
    /// How online certificate requests are paid.
    let payment: PaymentSettings
    /// The benchmark's no-work routes are served.
    let benchRoutes: Bool
    /// The built-in fake payment provider's checkouts (`MADOGUCHI_PAYMENT=fake`).
    let fakePayments = FakePaymentLedger()

    init(settings: Settings, catalog: Catalog, vault: PersonalDataVault, sampleResidents: ResidentExtract?, writeQueue: WriteQueue?) {
        self.catalog = catalog
        self.engine = RuleEngine(catalog: catalog)
        self.queueHub = QueueHub(catalog: catalog)
        self.metrics = Metrics()
        self.secureCookies = settings.secureCookies
        self.vault = vault
        self.sampleResidents = sampleResidents
        self.citizenLimits = CitizenLimits(settings.citizenBudgets)
        self.trustedProxies = settings.trustedProxies
        self.mail = settings.mail
        self.queueAlwaysOpen = settings.queueAlwaysOpen
        self.clock = settings.clock
        self.noShowGrace = TimeInterval(settings.noShowGraceMinutes * 60)
        self.writePath = WritePathCheck(timeout: .seconds(Int64(settings.healthWriteTimeoutSeconds)))
        self.writeQueue = writeQueue
        self.draftLifetime = TimeInterval(settings.draftDays) * 24 * 3600
        self.paperInbox = settings.paperInbox
        self.payment = settings.payment
        self.benchRoutes = settings.benchRoutes
        self.paperRetention = TimeInterval(settings.paperRetentionDays) * 24 * 3600
        self.handoffDirectory = settings.handoffDirectory ?? URL(fileURLWithPath: settings.dataDirectory).appendingPathComponent("handoffs").path
    }
}

extension Application {
    private struct ContextKey: StorageKey { typealias Value = AppContext }

    var madoguchi: AppContext {
        guard let context = storage[ContextKey.self] else { fatalError("configure(_:settings:) was not called") }
        return context
    }

    /// Installs the instance's context once, at start-up (`configure`); it is not changed afterwards.
    func install(_ context: AppContext) {
        precondition(storage[ContextKey.self] == nil, "the context is installed once")
        storage[ContextKey.self] = context
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
