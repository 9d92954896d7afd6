import Foundation

/// What staff and citizens do with a Case, whatever door they use and wherever it is stored: open one,
/// save a household (checked by `CaseValidator`, its procedures found by the rules), move it through its
/// states (confirming only when nothing is missing). No HTTP, no database: a store, the rules and the actor.
public struct CaseDesk: Sendable {
    public let store: any CaseStore
    public let catalog: Catalog
    public let engine: RuleEngine
    public let actor: CaseActor
    /// Today in Japan (tests fix it).
    public let today: @Sendable () -> CivilDate

    public init(store: any CaseStore, catalog: Catalog, engine: RuleEngine, actor: CaseActor,
                today: @escaping @Sendable () -> CivilDate) {
        self.store = store
        self.catalog = catalog
        self.engine = engine
        self.actor = actor
        self.today = today
    }

    /// A new, empty draft for a life event of the catalog.
    public func open(_ eventKind: String, channel: String = "counter") async throws -> StoredCase {
        guard catalog.event(eventKind) != nil else { throw UnknownCaseEvent(eventKind) }
        return try await store.create(reference: CaseReference.make(), eventKind: eventKind, channel: channel, by: actor)
    }

    /// Checks what a door received and saves it; the errors name every wrong field.
    public func save(_ input: CaseInput, to id: UUID, staffInputs: Int = 0) async throws -> Result<StoredCase, CaseInputErrors> {
        guard let stored = try await store.find(id) else { throw CaseNotFound(id) }
        guard let event = catalog.event(stored.household.eventKind) else { throw UnknownCaseEvent(stored.household.eventKind) }
        switch CaseValidator(event: event, today: today()).validate(input) {
        case .success(let household): return .success(try await save(household, to: id, staffInputs: staffInputs))
        case .failure(let errors): return .failure(errors)
        }
    }

    /// Saves a checked household with the procedures the rules find for it (none while data is missing).
    @discardableResult
    public func save(_ household: CaseHousehold, to id: UUID, staffInputs: Int = 0) async throws -> StoredCase {
        try await store.save(household, procedures: procedures(for: household), to: id, staffInputs: staffInputs, by: actor)
    }

    /// What the rules find for a household, waiting to be handed off.
    public func procedures(for household: CaseHousehold) -> [CaseProcedure] {
        guard let event = household.lifeEvent else { return [] }
        return engine.evaluate(event).map { finding in
            CaseProcedure(code: finding.procedure.code, section: finding.section.code,
                          members: finding.members.compactMap(Int.init), deadline: finding.deadline)
        }
    }

    /// Moves the Case. Confirming checks, in the same step as the move, that nothing is missing
    /// (`CaseIncomplete` names what is).
    @discardableResult
    public func move(_ id: UUID, _ event: CaseEvent) async throws -> CaseState {
        try await store.move(id, event, by: actor, check: Self.check(event, catalog: catalog))
    }

    /// What a move checks on the Case as stored at that moment: confirming needs nothing missing.
    public static func check(_ event: CaseEvent, catalog: Catalog) -> @Sendable (StoredCase) throws -> Void {
        { stored in
            guard event == .confirm else { return }
            guard let definition = catalog.event(stored.household.eventKind) else { throw UnknownCaseEvent(stored.household.eventKind) }
            let gaps = stored.household.gaps(for: definition)
            guard gaps.isEmpty else { throw CaseIncomplete(gaps) }
        }
    }
}
