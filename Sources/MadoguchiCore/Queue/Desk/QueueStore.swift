import Foundation

/// Where the queue is kept: tickets, counters and bookings. One implementation stores them in SQL (SQLite or
/// PostgreSQL, in the server, where every change also moves the live boards), one in memory
/// (`InMemoryQueueStore`, for tests of `QueueDesk` without a database). Both behave the same: every change
/// reads, checks and writes in one atomic step, so two presses of "call next" at once call two visitors one
/// after the other, and a booking scanned twice at once gets one ticket.
public protocol QueueStore: Sendable {
    /// The counter of a section, created closed the first time it is named.
    func counter(section: String, number: Int) async throws -> StoredCounter

    func ticket(_ id: UUID) async throws -> StoredTicket?

    /// A new ticket at the end of its section's line, numbered in the same step. With a booking, the
    /// booking is checked in in that step too, and a booking already checked in gets its ticket back
    /// (`QueueRefusal` when it was cancelled).
    func issue(_ ticket: NewTicket) async throws -> StoredTicket

    func open(_ counter: UUID, staff: String) async throws
    /// Closes the counter; a ticket still in hand goes back to the front of the line.
    func close(_ counter: UUID) async throws

    /// Finishes the ticket in hand and calls the next one of `day` by `CallOrder` (`QueueCall`); nil when
    /// nobody waits.
    func callNext(_ counter: UUID, day: String, now: Date) async throws -> StoredTicket?

    /// Announces the ticket in hand again.
    func recall(_ counter: UUID, now: Date) async throws

    /// Ends the ticket in hand as `state` after `check` accepted it as stored at that moment.
    func end(_ counter: UUID, as state: QueueTicketState, now: Date,
             check: @escaping @Sendable (StoredTicket) throws -> Void) async throws

    /// Ends the ticket in hand as transferred and puts the visitor in `section`'s line at the place they had
    /// (`StoredTicket.transferred`). Returns the new ticket.
    func transfer(_ counter: UUID, to section: String, now: Date) async throws -> StoredTicket

    /// Books a slot when fewer than `capacity` bookings hold it (read and written in one step); nil when full.
    func book(_ booking: NewBooking, capacity: Int) async throws -> UUID?

    /// Cancels a booking that is neither checked in nor cancelled (`QueueRefusal` otherwise).
    func cancelBooking(_ id: UUID) async throws
}

/// What a new ticket is for.
public struct NewTicket: Sendable, Equatable {
    public var day: String
    public var section: String
    public var letter: String
    public var purposes: [String]
    public var priority: Bool
    public var caseID: UUID?
    public var reservationID: UUID?
    public var slotAt: Date?
    public var token: String
    public var now: Date

    public init(day: String, section: String, letter: String, purposes: [String], priority: Bool = false, caseID: UUID? = nil,
                reservationID: UUID? = nil, slotAt: Date? = nil, token: String, now: Date) {
        self.day = day
        self.section = section
        self.letter = letter
        self.purposes = purposes
        self.priority = priority
        self.caseID = caseID
        self.reservationID = reservationID
        self.slotAt = slotAt
        self.token = token
        self.now = now
    }
}

/// A booking of a slot (予約).
public struct NewBooking: Sendable, Equatable {
    public var section: String
    public var slotAt: Date
    public var purposes: [String]
    public var name: String?
    /// The digest of the secret in the citizen's link; the secret itself is never stored.
    public var tokenHash: String

    public init(section: String, slotAt: Date, purposes: [String], name: String?, tokenHash: String) {
        self.section = section
        self.slotAt = slotAt
        self.purposes = purposes
        self.name = name
        self.tokenHash = tokenHash
    }
}

/// A queue ticket (整理券) as its store holds it.
public struct StoredTicket: Sendable, Equatable {
    public var id: UUID
    /// The day it was issued (Asia/Tokyo), `2026-04-06`: numbers start again every day.
    public var day: String
    public var section: String
    public var number: Int
    /// What is printed and called: the section's letter and the number, `A-012`.
    public var label: String
    public var purposes: [String]
    public var priority: Bool
    public var caseID: UUID?
    public var reservationID: UUID?
    /// The secret of the citizen's live ticket page; a transfer keeps it.
    public var token: String
    public var state: QueueTicketState
    /// The place in line: when the visitor joined the queue (a transfer keeps it).
    public var lineAt: Date
    public var issuedAt: Date
    public var slotAt: Date?
    /// The first call: the service time runs from here to `finishedAt`.
    public var calledAt: Date?
    /// The latest call (a recall announces it again).
    public var announcedAt: Date?
    public var counterNumber: Int?
    public var calls: Int
    public var finishedAt: Date?

    public init(id: UUID = UUID(), number: Int, _ new: NewTicket) {
        self.id = id
        self.day = new.day
        self.section = new.section
        self.number = number
        self.label = Self.label(letter: new.letter, number: number)
        self.purposes = new.purposes
        self.priority = new.priority
        self.caseID = new.caseID
        self.reservationID = new.reservationID
        self.token = new.token
        self.state = .waiting
        self.lineAt = new.now
        self.issuedAt = new.now
        self.slotAt = new.slotAt
        self.calls = 0
    }

    public init(id: UUID, day: String, section: String, number: Int, label: String, purposes: [String], priority: Bool,
                caseID: UUID?, reservationID: UUID?, token: String, state: QueueTicketState, lineAt: Date, issuedAt: Date,
                slotAt: Date?, calledAt: Date?, announcedAt: Date?, counterNumber: Int?, calls: Int, finishedAt: Date?) {
        self.id = id
        self.day = day
        self.section = section
        self.number = number
        self.label = label
        self.purposes = purposes
        self.priority = priority
        self.caseID = caseID
        self.reservationID = reservationID
        self.token = token
        self.state = state
        self.lineAt = lineAt
        self.issuedAt = issuedAt
        self.slotAt = slotAt
        self.calledAt = calledAt
        self.announcedAt = announcedAt
        self.counterNumber = counterNumber
        self.calls = calls
        self.finishedAt = finishedAt
    }

    public static func label(letter: String, number: Int) -> String {
        letter + "-" + String(format: "%03d", number)
    }

    /// Numbers from here on are visitors sent on from another section: they keep the label of their paper
    /// ticket (`A-007` stays `A-007` at 保険年金課), and the section's own numbering (`B-001`, …) goes on.
    public static let transferredNumbers = 100_000

    /// The section's next number: after the highest of its own (or of those sent on to it).
    public static func nextNumber(after highest: Int?, transferredIn: Bool) -> Int {
        (highest ?? (transferredIn ? transferredNumbers : 0)) + 1
    }

    /// The visitor's ticket in the line of the section they are sent on to: same label, token, place in
    /// line, priority and Case; the section's purposes.
    public func transferred(to section: String, number: Int, now: Date) -> StoredTicket {
        var next = StoredTicket(number: number, NewTicket(day: day, section: section, letter: "", purposes: [section], priority: priority,
                                                          caseID: caseID, token: token, now: now))
        next.label = label
        next.lineAt = lineAt
        return next
    }

    /// The ticket as the call order sees it (times in Unix seconds).
    public var snapshot: QueueTicketSnapshot {
        QueueTicketSnapshot(id: id.uuidString, section: section, purposes: purposes, issuedAt: lineAt.timeIntervalSince1970,
                            priority: priority, reservationSlot: slotAt?.timeIntervalSince1970, state: state)
    }
}

/// A counter (窓口) of a section, open or closed, and the ticket it is serving.
public struct StoredCounter: Sendable, Equatable {
    public var id: UUID
    public var section: String
    public var number: Int
    public var open: Bool
    public var staff: String?
    public var ticketID: UUID?
    /// Reserved visitors called in a row since the last walk-in (the interleaving rule of `CallOrder`).
    public var reservedInARow: Int

    public init(id: UUID = UUID(), section: String, number: Int, open: Bool = false, staff: String? = nil, ticketID: UUID? = nil,
                reservedInARow: Int = 0) {
        self.id = id
        self.section = section
        self.number = number
        self.open = open
        self.staff = staff
        self.ticketID = ticketID
        self.reservedInARow = reservedInARow
    }
}

/// Why the queue refused a change, in words for the person at the desk or kiosk.
public struct QueueRefusal: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The thing named does not exist.
        case notFound
        /// Not now: the counter is closed, nothing is in hand, the booking is used.
        case conflict
        /// The request itself is wrong.
        case invalid
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public static let counterNotFound = QueueRefusal(.notFound, "窓口が見つかりません。")
    public static let nothingInHand = QueueRefusal(.conflict, "呼び出し中の整理券がありません。")
    public static let counterClosed = QueueRefusal(.conflict, "窓口を開いてから呼び出してください。")
    public static let bookingCancelled = QueueRefusal(.conflict, "この予約は取り消されています。")
    public static let bookingNotCancellable = QueueRefusal(.conflict, "この予約は取り消せません（受付済みまたは取消済み）。")
}
