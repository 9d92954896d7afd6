import Fluent
import Foundation
import MadoguchiCore
import SQLKit
import Vapor

/// Everything that changes a Case: creating it, saving the counter form, recomputing its procedures,
/// moving it through its states. Each change writes the Case's timeline and the audit log.
struct CaseService {
    let req: Request
    /// Who acts: the signed-in staff member, or `citizen` for an online application.
    let actor: String

    init(req: Request, actor: String? = nil) {
        self.req = req
        self.actor = actor ?? req.signedIn?.user.username ?? "system"
    }

    /// The Case store on this request's database and the one write path.
    var store: SQLCaseStore {
        SQLCaseStore(db: req.db, writes: req.writePath, vault: req.madoguchi.vault, handoffTargets: req.madoguchi.catalog.handoffTargets)
    }

    /// The core's Case service on that store, acting as this service's actor.
    var desk: CaseDesk {
        CaseDesk(store: store, catalog: req.madoguchi.catalog, engine: req.madoguchi.engine,
                 actor: CaseActor(actor, address: req.clientAddress), today: { CaseDocuments.today() })
    }

    /// A new, empty Case for a life event.
    func create(eventKind: String, channel: String = "counter") async throws -> CaseRecord {
        let stored = try await desk.open(eventKind, channel: channel)
        guard let record = try await CaseRecord.find(stored.id, on: req.db) else { throw CaseNotFound(stored.id) }
        return record
    }

    /// The Case with its members (by position) and procedures, or 404.
    func load(_ id: UUID) async throws -> (CaseRecord, [CaseMemberRecord], [CaseProcedureRecord]) {
        guard let record = try await CaseRecord.find(id, on: req.db) else { throw Abort(.notFound, reason: "案件が見つかりません。") }
        let members = try await record.$members.query(on: req.db).sort(\.$position).all()
        let procedures = try await record.$procedures.query(on: req.db).all()
        return (record, members, procedures)
    }

    /// Stores a checked household (`CaseValidator`) with the procedures the rules find for it, in one step.
    /// Only a draft can be changed.
    /// `contact`: an online draft's contact address and new expiry, in the same commit; `alongside`: more
    /// work that commits with the save or not at all (`SQLCaseStore.save`).
    func save(_ household: CaseHousehold, to record: CaseRecord, staffInputs: Int, contact: DraftContact? = nil,
              alongside: @escaping @Sendable (any SQLDatabase) async throws -> Void = { _ in }) async throws {
        try await store.save(household, procedures: desk.procedures(for: household), to: try record.requireID(),
                             staffInputs: staffInputs, by: desk.actor, contact: contact, alongside: alongside)
    }

    /// The associated data a member's sealed 個人番号 is bound to.
    static func myNumberPurpose(_ memberID: UUID) -> String { "case_members.my_number:\(memberID.uuidString)" }

    /// What is still missing before the Case can be confirmed or submitted (`CaseHousehold.gaps`; the event's
    /// catalog file says which addresses it needs).
    func missingForConfirmation(_ record: CaseRecord, members: [CaseMemberRecord]) -> [CaseGap] {
        guard let event = req.madoguchi.catalog.event(record.eventKind) else { return [.eventDate] }
        return record.household(members: members).gaps(for: event)
    }

    /// Moves the Case; confirming needs complete data (checked in the same step), handing off puts every
    /// procedure on its section's list. `alongside` changes more of the record in the same commit.
    func apply(_ event: CaseEvent, to record: CaseRecord,
               alongside: @escaping @Sendable (CaseRecord) -> Void = { _ in }) async throws {
        do {
            record.state = try await store.move(try record.requireID(), event, by: desk.actor,
                                                check: CaseDesk.check(event, catalog: req.madoguchi.catalog), alongside: alongside)
        } catch let incomplete as CaseIncomplete {
            throw Abort(.badRequest, reason: incomplete.message(PageContext(request: req).language))
        }
        // The caller's record as committed: the move set the signing time, `alongside` perhaps more.
        if let stored = try await CaseRecord.find(try record.requireID(), on: req.db) {
            record.signedAt = stored.signedAt
            record.signedPDFSHA256 = stored.signedPDFSHA256
            record.signature = stored.signature
            record.withdrawnAt = stored.withdrawnAt
            record.staffInputs = stored.staffInputs
        }
    }
}

extension CaseNotFound: AbortError {
    public var status: HTTPResponseStatus { .notFound }
    public var reason: String { "案件が見つかりません。" }
}

extension UnknownCaseEvent: AbortError {
    public var status: HTTPResponseStatus { .badRequest }
    public var reason: String { "不明なできごとです。" }
}

extension IllegalCaseMove: AbortError {
    public var status: HTTPResponseStatus { .conflict }
    public var reason: String { messageJa }
}
