/// Where a Case (案件) stands. A Case moves forward one step at a time and refuses any other move:
/// draft → confirmed → signed → handed off → completed (or cancelled before completion).
public enum CaseState: String, CaseIterable, Sendable, Codable {
    /// Staff are still entering and checking the data.
    case draft
    /// The citizen has checked what was entered; forms can be printed.
    case confirmed
    /// Signed on the tablet (or on paper at the counter).
    case signed
    /// Each procedure is on its section's work list.
    case handedOff = "handed-off"
    /// Every procedure is done.
    case completed
    case cancelled

    public var nameJa: String {
        switch self {
        case .draft: "入力中"
        case .confirmed: "確認済み"
        case .signed: "署名済み"
        case .handedOff: "各課で処理中"
        case .completed: "完了"
        case .cancelled: "取消"
        }
    }

    public var isOpen: Bool { self != .completed && self != .cancelled }
}

/// What can happen to a Case.
public enum CaseEvent: String, CaseIterable, Sendable {
    /// The citizen confirms the entered data.
    case confirm
    /// Staff change something after confirmation: back to draft, the signature no longer applies.
    case edit
    /// Signed on the signature pad.
    case sign
    /// Signed with a pen on the printed forms.
    case signOnPaper = "sign-on-paper"
    case handOff = "hand-off"
    /// The last procedure was done.
    case complete
    case cancel
}

/// A move the state machine refuses, in words for the counter screen.
public struct IllegalCaseMove: Error, Equatable, Sendable, CustomStringConvertible {
    public let from: CaseState
    public let event: CaseEvent

    public init(from: CaseState, event: CaseEvent) {
        self.from = from
        self.event = event
    }

    public var description: String { "A Case that is \(from.rawValue) cannot \(event.rawValue)." }
    public var messageJa: String { "「\(from.nameJa)」の案件には、この操作はできません。" }
}

public enum CaseStateMachine {
    /// The state after `event`, or an error when the move is not allowed.
    public static func state(after event: CaseEvent, from state: CaseState) throws(IllegalCaseMove) -> CaseState {
        switch (state, event) {
        case (.draft, .confirm): return .confirmed
        case (.confirmed, .edit), (.signed, .edit): return .draft
        case (.confirmed, .sign), (.confirmed, .signOnPaper): return .signed
        case (.signed, .handOff): return .handedOff
        case (.handedOff, .complete): return .completed
        case (.draft, .cancel), (.confirmed, .cancel), (.signed, .cancel), (.handedOff, .cancel): return .cancelled
        default: throw IllegalCaseMove(from: state, event: event)
        }
    }

    /// The events allowed now, for showing only the buttons that work.
    public static func allowedEvents(from state: CaseState) -> [CaseEvent] {
        CaseEvent.allCases.filter { (try? Self.state(after: $0, from: state)) != nil }
    }
}

/// A procedure's progress on its section's work list.
public enum ProcedureStatus: String, CaseIterable, Sendable, Codable {
    /// Not yet handed off.
    case waiting
    /// On the section's work list.
    case open
    case done
    /// Sent back to the counter with a reason.
    case returned

    public var nameJa: String {
        switch self {
        case .waiting: "引継ぎ前"
        case .open: "処理待ち"
        case .done: "処理済み"
        case .returned: "差戻し"
        }
    }

    /// What a section may do next: mark done or return an open item; reopen a returned one (the counter fixed it).
    public func after(_ action: ProcedureAction) -> ProcedureStatus? {
        switch (self, action) {
        case (.waiting, .handOff): .open
        case (.open, .markDone): .done
        case (.open, .giveBack): .returned
        case (.returned, .resend): .open
        default: nil
        }
    }

    /// A Case completes when all of its procedures are done.
    public static func allDone(_ statuses: [ProcedureStatus]) -> Bool {
        !statuses.isEmpty && statuses.allSatisfy { $0 == .done }
    }
}

public enum ProcedureAction: String, Sendable {
    case handOff = "hand-off", markDone = "done", giveBack = "return", resend
}
