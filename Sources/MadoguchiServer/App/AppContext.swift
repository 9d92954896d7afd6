import MadoguchiCore
import Vapor

/// What every request handler needs from the running instance.
struct AppContext: Sendable {
    let catalog: Catalog
    let engine: RuleEngine
    let metrics: Metrics
    let secureCookies: Bool
    let vault: PersonalDataVault

    init(catalog: Catalog, metrics: Metrics, secureCookies: Bool, vault: PersonalDataVault) {
        self.vault = vault
        self.catalog = catalog
        self.engine = RuleEngine(catalog: catalog)
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
}
