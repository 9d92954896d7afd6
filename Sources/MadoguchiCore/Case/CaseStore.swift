import Foundation

/// Where Cases are kept. One implementation stores them in SQL (SQLite or PostgreSQL, in the server), one
/// in memory (`InMemoryCaseStore`, for tests of the services without a database); both behave the same:
/// every change reads, checks and writes in one atomic step, and records who made it in the Case's
/// timeline and the audit log.
public protocol CaseStore: Sendable {
    /// Stores a new, empty draft.
    func create(reference: String, eventKind: String, channel: String, by actor: CaseActor) async throws -> StoredCase

    /// The Case as stored now, or nil.
    func find(_ id: UUID) async throws -> StoredCase?

    /// Replaces a draft's household and procedures in one step. People are matched by `CasePerson.id`
    /// (a person without one, or one no longer stored, is stored anew); the 個人番号 changes as the person's
    /// `myNumber` says. Throws `IllegalCaseMove` when the Case is no longer a draft, `CaseNotFound` when gone.
    @discardableResult
    func save(_ household: CaseHousehold, procedures: [CaseProcedure], to id: UUID, staffInputs: Int,
              by actor: CaseActor) async throws -> StoredCase

    /// Moves the Case by `event` from the state it has when the move runs, after `check` accepted the Case
    /// as it is at that moment (both inside the one atomic step). A hand-off puts every waiting procedure on
    /// its section's list. Returns the new state.
    @discardableResult
    func move(_ id: UUID, _ event: CaseEvent, by actor: CaseActor,
              check: @escaping @Sendable (StoredCase) throws -> Void) async throws -> CaseState
}

/// Who changes a Case: a staff member's user name, or `citizen`; and from which address.
public struct CaseActor: Sendable, Equatable {
    public let name: String
    public let address: String?

    public init(_ name: String, address: String? = nil) {
        self.name = name
        self.address = address
    }
}

/// A Case as its store holds it.
public struct StoredCase: Sendable, Equatable {
    public let id: UUID
    /// What citizens and staff read out (`K7QM-3TXA`).
    public let reference: String
    /// Which door opened it: `counter`, `online`, `paper`.
    public let channel: String
    public var state: CaseState
    public var household: CaseHousehold
    public var procedures: [CaseProcedure]
    /// Staff keystrokes and clicks counted on the counter screen.
    public var staffInputs: Int
    /// The last four digits of each person's stored 個人番号 (by position), for the masked display.
    public var myNumberLast4: [Int: String]

    public init(id: UUID, reference: String, channel: String, state: CaseState, household: CaseHousehold,
                procedures: [CaseProcedure] = [], staffInputs: Int = 0, myNumberLast4: [Int: String] = [:]) {
        self.id = id
        self.reference = reference
        self.channel = channel
        self.state = state
        self.household = household
        self.procedures = procedures
        self.staffInputs = staffInputs
        self.myNumberLast4 = myNumberLast4
    }
}

/// A procedure of a Case and its progress at the section.
public struct CaseProcedure: Sendable, Equatable {
    public var code: String
    public var section: String
    /// Positions (from 1) of the people it concerns.
    public var members: [Int]
    public var deadline: CivilDate?
    public var status: ProcedureStatus
    public var returnedReason: String?

    public init(code: String, section: String, members: [Int], deadline: CivilDate?, status: ProcedureStatus = .waiting,
                returnedReason: String? = nil) {
        self.code = code
        self.section = section
        self.members = members
        self.deadline = deadline
        self.status = status
        self.returnedReason = returnedReason
    }
}

/// No Case has this id.
public struct CaseNotFound: Error, Sendable, Equatable {
    public let id: UUID
    public init(_ id: UUID) { self.id = id }
}

/// The catalog has no such event.
public struct UnknownCaseEvent: Error, Sendable, Equatable {
    public let kind: String
    public init(_ kind: String) { self.kind = kind }
}

/// Confirming needs what is still missing.
public struct CaseIncomplete: Error, Sendable, Equatable {
    public let gaps: [CaseGap]
    public init(_ gaps: [CaseGap]) { self.gaps = gaps }

    public func message(_ language: Language) -> String {
        (language.isJapanese ? "まだ入力されていない項目があります：" : "Still missing: ") + CaseGap.list(gaps, language)
    }
}
