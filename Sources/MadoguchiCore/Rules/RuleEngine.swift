/// A procedure a life event triggers, with whom it concerns and by when.
///
/// A class: the pages and the API pass findings around and group them, and a copy of a struct holding a whole
/// procedure, section and trigger retained and released every text in them (2 % of the guide's result page).
public final class Finding: Sendable {
    public let procedure: Procedure
    public let section: Section
    public let trigger: Trigger
    /// The ids of the members it concerns.
    public let members: [String]
    /// The last day, or nil when there is none.
    public let deadline: CivilDate?

    init(procedure: Procedure, section: Section, trigger: Trigger, members: [String], deadline: CivilDate?) {
        self.procedure = procedure
        self.section = section
        self.trigger = trigger
        self.members = members
        self.deadline = deadline
    }
}

/// Turns a household and a life event into the procedures it triggers, using only the catalog's rules.
public struct RuleEngine: Sendable {
    public let catalog: Catalog
    private let sectionOrder: [String: Int]

    public init(catalog: Catalog) {
        self.catalog = catalog
        self.sectionOrder = Dictionary(uniqueKeysWithValues: catalog.sections.enumerated().map { ($1.code, $0) })
    }

    /// The procedures of `event`, in visiting order: by section as the catalog lists them, then as the event lists them.
    /// An event kind the catalog does not know triggers nothing (the request parser rejects it first).
    public func evaluate(_ given: LifeEvent) -> [Finding] {
        guard let definition = catalog.event(given.kind) else { return [] }
        // Deadlines count only from the dates this kind of event has (転出予定日 belongs to a move-in).
        var event = given
        if !definition.accepts(.plannedMoveOutDate) { event.plannedMoveOutDate = nil }
        if !definition.accepts(.knownDate) { event.knownDate = event.date }
        let evaluator = ConditionEvaluator(event: event)
        var findings: [(order: (Int, Int), finding: Finding)] = []
        for (index, trigger) in definition.triggers.enumerated() {
            var matched: [Int] = []
            guard evaluator.holds(trigger.condition, matched: &matched) else { continue }
            guard let procedure = catalog.procedures[trigger.code], let section = catalog.section(procedure.section) else { continue }
            let concerned = concernedMembers(trigger: trigger, matched: matched, subject: definition.subject, evaluator: evaluator)
            let finding = Finding(procedure: procedure, section: section, trigger: trigger,
                                  members: concerned.map { event.members[$0].id },
                                  deadline: trigger.deadline.lastDay(for: event))
            findings.append(((sectionOrder[section.code] ?? Int.max, index), finding))
        }
        return findings.sorted { $0.order < $1.order }.map(\.finding)
    }

    /// The trigger's own set if it names one and it has someone, else the members that made the condition
    /// true, else the event's subject (the movers, the newborn, the deceased, everyone).
    private func concernedMembers(trigger: Trigger, matched: [Int], subject: MemberSet, evaluator: ConditionEvaluator) -> [Int] {
        if let set = trigger.members {
            let named = evaluator.indices(of: set)
            if !named.isEmpty { return named }
        }
        if !matched.isEmpty {
            var seen = Set<Int>()
            return matched.sorted().filter { seen.insert($0).inserted }
        }
        return evaluator.indices(of: subject)
    }
}
