import Foundation

/// The store's twin in memory: the same behaviour as the SQL store (one atomic step per change, the
/// timeline and the audit trail), so the services can be tested without a database. Not for production:
/// nothing survives the process.
public actor InMemoryCaseStore: CaseStore {
    /// One line of a Case's timeline or the audit log, as the SQL store writes them.
    public struct Entry: Sendable, Equatable {
        public let caseID: UUID
        public let actor: String
        public let what: String
    }

    private var cases: [UUID: StoredCase] = [:]
    /// 個人番号 as stored (here only the last four digits; the SQL store seals the number).
    public private(set) var timeline: [Entry] = []
    public private(set) var audit: [Entry] = []

    public init() {}

    public func create(reference: String, eventKind: String, channel: String, by actor: CaseActor) -> StoredCase {
        let stored = StoredCase(id: UUID(), reference: reference, channel: channel, state: .draft,
                                household: CaseHousehold(eventKind: eventKind))
        cases[stored.id] = stored
        timeline.append(Entry(caseID: stored.id, actor: actor.name, what: "案件を作成（\(channel)）"))
        audit.append(Entry(caseID: stored.id, actor: actor.name, what: "case.created \(eventKind) \(reference)"))
        return stored
    }

    public func find(_ id: UUID) -> StoredCase? { cases[id] }

    public func save(_ household: CaseHousehold, procedures: [CaseProcedure], to id: UUID, staffInputs: Int,
                     by actor: CaseActor) throws -> StoredCase {
        guard var stored = cases[id] else { throw CaseNotFound(id) }
        guard stored.state == .draft else { throw IllegalCaseMove(from: stored.state, event: .edit) }
        let known = Set(stored.household.people.compactMap(\.id))
        var people: [CasePerson] = []
        var last4: [Int: String] = [:]
        let previousLast4 = Dictionary(uniqueKeysWithValues: stored.household.people.enumerated().compactMap { index, person in
            stored.myNumberLast4[index + 1].flatMap { digits in person.id.map { ($0, digits) } }
        })
        for (index, var person) in household.people.enumerated() {
            if person.id == nil || !known.contains(person.id!) { person.id = UUID() }
            switch person.myNumber {
            case .keep: last4[index + 1] = previousLast4[person.id!]
            case .remove: break
            case .set(let number): last4[index + 1] = String(number.digits.suffix(4))
            }
            person.myNumber = .keep  // stored, never read back
            people.append(person)
        }
        stored.household = household
        stored.household.people = people
        stored.procedures = procedures
        stored.staffInputs += max(0, min(staffInputs, 10_000))
        stored.myNumberLast4 = last4
        cases[id] = stored
        timeline.append(Entry(caseID: id, actor: actor.name, what: "入力内容を保存"))
        audit.append(Entry(caseID: id, actor: actor.name, what: "case.changed \(people.count) members"))
        return stored
    }

    public func move(_ id: UUID, _ event: CaseEvent, by actor: CaseActor,
                     check: @escaping @Sendable (StoredCase) throws -> Void) throws -> CaseState {
        guard var stored = cases[id] else { throw CaseNotFound(id) }
        try check(stored)
        let next = try CaseStateMachine.state(after: event, from: stored.state)
        stored.state = next
        if event == .handOff {
            for index in stored.procedures.indices {
                stored.procedures[index].status = stored.procedures[index].status.after(.handOff) ?? stored.procedures[index].status
            }
        }
        cases[id] = stored
        timeline.append(Entry(caseID: id, actor: actor.name, what: "状態：\(next.nameJa)"))
        audit.append(Entry(caseID: id, actor: actor.name, what: "case.transition \(event.rawValue) → \(next.rawValue)"))
        return next
    }
}
