import Fluent
import Foundation
import MadoguchiCore
import SQLKit
import Vapor

/// The pull API of core systems (データ連携: the core system polls): `GET /api/v1/handoffs?target=…&after=…`
/// lists what waits for the target, oldest first, until each is acknowledged with `POST /api/v1/handoffs/{id}/ack`
/// — which is idempotent, may carry what the core system assigned, and marks the Case's procedure done by
/// the system. Each call needs an API token of that target (`madoguchi handoff token`), stored hashed.
struct HandoffAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "handoffs")
        api.get(use: list)
        api.post(":id", "ack", use: acknowledge)
        api.post("ack", use: acknowledgeMany)
    }

    struct Listed: Content {
        let handoffs: [Item]
        /// Pass as `after` for the next page; the same value when nothing more waits.
        let next: Int64
    }

    struct Item: Content {
        let id: String
        let seq: Int64
        let procedure: String
        let householdKey: String
        let attempts: Int
        let payload: HandoffPayload
    }

    @Sendable func list(req: Request) async throws -> Listed {
        let target = try await Self.target(req, named: req.query[String.self, at: "target"])
        guard target.delivery == .pull else {
            throw Abort(.badRequest, reason: "Target '\(target.id)' receives files (delivery: \(target.delivery.rawValue)); acknowledge them here by id.")
        }
        let after = max(0, req.query[Int64.self, at: "after"] ?? 0)
        let limit = min(max(req.query[Int.self, at: "limit"] ?? 100, 1), 500)
        let sql = try req.db.sql()
        // Acknowledged and cancelled ones are done; everything else is offered again until acknowledged, so a
        // core system that crashed after fetching loses nothing.
        let rows = try await sql.select().columns("id", "seq", "procedure_code", "household_key", "attempts", "payload").from(Handoffs.table)
            .where("target", .equal, SQLBind(target.id)).where("seq", .greaterThan, SQLBind(after))
            .where("state", .in, [Handoffs.State.waiting.rawValue, Handoffs.State.fetched.rawValue])
            .orderBy("seq").limit(limit).all()
        let decoder = JSONDecoder()
        let items = try rows.map { row in
            Item(id: try row.decode(column: "id", as: String.self), seq: try row.decode(column: "seq", as: Int64.self),
                 procedure: try row.decode(column: "procedure_code", as: String.self),
                 householdKey: try row.decode(column: "household_key", as: String.self),
                 attempts: try row.decode(column: "attempts", as: Int.self) + 1,
                 payload: try decoder.decode(HandoffPayload.self, from: Data(try row.decode(column: "payload", as: String.self).utf8)))
        }
        if !items.isEmpty {
            let ids = items.map(\.id), now = Date().timeIntervalSince1970
            try await req.writeTransaction { db in
                try await db.sql().update(Handoffs.table).set("state", to: SQLBind(Handoffs.State.fetched.rawValue))
                    .set("fetched_at", to: SQLBind(now)).set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1"))
                    .where("id", .in, ids).where("state", .in, [Handoffs.State.waiting.rawValue, Handoffs.State.fetched.rawValue]).run()
            }
        }
        return Listed(handoffs: items, next: items.last?.seq ?? after)
    }

    /// What a core system may answer it assigned.
    struct Acknowledgement: Content {
        var residentCode: String?
        var addresseeNumber: String?
        var recordNumber: String?
        var people: [Assigned]?

        struct Assigned: Content, Equatable {
            var number: Int
            var residentCode: String?
            var addresseeNumber: String?
        }

        /// Refuses what no core system would send: more than 50 people, numbers out of range or twice, a value
        /// empty, longer than 40 characters or with control characters.
        func validate() throws {
            let people = people ?? []
            guard people.count <= 50, people.allSatisfy({ (1...50).contains($0.number) }), Set(people.map(\.number)).count == people.count else {
                throw Abort(.badRequest, reason: "people: at most 50, each with a different number from 1 to 50.")
            }
            var fields = [("residentCode", residentCode), ("addresseeNumber", addresseeNumber), ("recordNumber", recordNumber)]
            for person in people { fields += [("people.residentCode", person.residentCode), ("people.addresseeNumber", person.addresseeNumber)] }
            for (field, value) in fields {
                if let value, value.isEmpty || value.count > 40 || value.contains(where: { $0.isNewline || $0.asciiValue.map { $0 < 32 } ?? false }) {
                    throw Abort(.badRequest, reason: "\(field) must be 1–40 characters on one line.")
                }
            }
        }

        /// 住民票コード by person number: `people`, and the top-level code for the first person.
        var residentCodes: [Int: String] {
            var codes: [Int: String] = [:]
            if let residentCode { codes[1] = residentCode }
            for person in people ?? [] { if let code = person.residentCode { codes[person.number] = code } }
            return codes
        }
    }

    struct Acknowledged: Content {
        let id: String
        let state: String
        let procedureDone: Bool
    }

    @Sendable func acknowledge(req: Request) async throws -> Acknowledged {
        let target = try await Self.target(req, named: nil)
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:))?.uuidString.lowercased() else {
            throw Abort(.notFound, reason: "No hand-off has this id.")
        }
        let body: Acknowledgement
        if req.body.data == nil || req.body.data?.readableBytes == 0 {
            body = Acknowledgement()
        } else {
            do { body = try req.content.decode(Acknowledgement.self) } catch {
                throw Abort(.badRequest, reason: "The acknowledgement must be JSON: {residentCode?, addresseeNumber?, recordNumber?, people?: [{number, residentCode?, addresseeNumber?}]}.")
            }
        }
        try body.validate()
        return try await Self.acknowledge(id, body, by: target, req)
    }

    /// Many at once (a core system working through a page): `{"acknowledgements": [{"id": …, …}, …]}`, at most
    /// 500; each is applied as `POST /{id}/ack` would (eight at a time), and each answer (or error) is given in order.
    struct ManyAcknowledgements: Content {
        var acknowledgements: [Item]

        struct Item: Content {
            var id: String
            var residentCode: String?
            var addresseeNumber: String?
            var recordNumber: String?
            var people: [Acknowledgement.Assigned]?

            var acknowledgement: Acknowledgement {
                Acknowledgement(residentCode: residentCode, addresseeNumber: addresseeNumber, recordNumber: recordNumber, people: people)
            }
        }
    }

    struct ManyAcknowledged: Content {
        let results: [Result]

        struct Result: Content {
            let id: String
            var state: String?
            var procedureDone: Bool?
            /// Why this one was not acknowledged (unknown id, another target's, cancelled, invalid).
            var error: String?
        }
    }

    @Sendable func acknowledgeMany(req: Request) async throws -> ManyAcknowledged {
        let target = try await Self.target(req, named: nil)
        let many: ManyAcknowledgements
        do { many = try req.content.decode(ManyAcknowledgements.self) } catch {
            throw Abort(.badRequest, reason: "The body must be JSON: {\"acknowledgements\": [{\"id\": …, \"residentCode\"?: …}, …]}.")
        }
        guard (1...500).contains(many.acknowledgements.count) else { throw Abort(.badRequest, reason: "acknowledgements: 1 to 500 at once.") }
        // A few at a time, so that their commits share the write path's group commits; answered in order.
        let results = try await many.acknowledgements.concurrentMap(limit: 8) { item -> ManyAcknowledged.Result in
            do {
                guard let id = UUID(uuidString: item.id)?.uuidString.lowercased() else { throw Abort(.notFound, reason: "No hand-off has this id.") }
                let body = item.acknowledgement
                try body.validate()
                let done = try await Self.acknowledge(id, body, by: target, req)
                return .init(id: item.id, state: done.state, procedureDone: done.procedureDone)
            } catch let abort as any AbortError {
                return .init(id: item.id, error: abort.reason)
            }
        }
        return ManyAcknowledged(results: results)
    }

    /// Applies one acknowledgement of `target`'s core system.
    static func acknowledge(_ id: String, _ body: Acknowledgement, by target: HandoffTarget, _ req: Request) async throws -> Acknowledged {
        let sql = try req.db.sql()
        guard let row = try await sql.select().columns("target", "case_id", "procedure_code", "state").from(Handoffs.table)
            .where("id", .equal, SQLBind(id)).first() else { throw Abort(.notFound, reason: "No hand-off has this id.") }
        guard try row.decode(column: "target", as: String.self) == target.id else {
            throw Abort(.forbidden, reason: "This hand-off is not for target '\(target.id)'.")
        }
        let state = try row.decode(column: "state", as: String.self)
        if state == Handoffs.State.acknowledged.rawValue { return Acknowledged(id: id, state: state, procedureDone: true) }
        guard state != Handoffs.State.cancelled.rawValue else { throw Abort(.conflict, reason: "This hand-off was cancelled by staff.") }
        guard let caseID = UUID(uuidString: try row.decode(column: "case_id", as: String.self)) else { throw Abort(.internalServerError) }
        let code = try row.decode(column: "procedure_code", as: String.self)
        let result = String(decoding: try JSONEncoder().encode(body), as: UTF8.self)
        let actor = "core:" + target.id
        // One plain query says whether the Case is still there and its procedure open; the procedure is loaded
        // as a model only when the acknowledgement completes it.
        let found = try await sql.raw("""
            SELECT (SELECT COUNT(*) FROM \(ident: CaseRecord.schema) WHERE id = \(bind: caseID)) AS cases,
                   (SELECT status FROM \(ident: CaseProcedureRecord.schema) WHERE case_id = \(bind: caseID) AND code = \(bind: code)) AS status
            """).first()
        // A Case removed since (retention) keeps no timeline; the acknowledgement is still recorded.
        let caseExists = try (found?.decode(column: "cases", as: Int.self) ?? 0) > 0
        let status = try found?.decode(column: "status", as: String?.self).flatMap(ProcedureStatus.init(rawValue:))
        let procedure = status == .open
            ? try await CaseProcedureRecord.query(on: req.db).filter(\.$caseRecord.$id == caseID).filter(\.$code == code).first() : nil
        let now = Date().timeIntervalSince1970
        // The acknowledgement and the procedure's completion commit together (or, if staff finished it already,
        // the acknowledgement alone); a second acknowledgement finds it acknowledged.
        let record: @Sendable (any Database) async throws -> Void = { [caseExists] db in
            let updated = try await db.sql().raw("""
                UPDATE \(ident: Handoffs.table) SET state = \(bind: Handoffs.State.acknowledged.rawValue), acknowledged_at = \(bind: now),
                result = \(bind: result) WHERE id = \(bind: id) AND state <> \(bind: Handoffs.State.acknowledged.rawValue) RETURNING id
                """).first()
            guard updated != nil else { throw AlreadyAcknowledged() }
            let codes = body.residentCodes
            try await ResidentChanges.confirm(handoff: id, codes: codes, on: db.sql(), now: Date(timeIntervalSince1970: now))
            // The codes the registry assigned go onto the Case's people (where none was known).
            for (number, code) in codes where caseExists {
                try await db.sql().update(CaseMemberRecord.schema).set("resident_code", to: SQLBind(code))
                    .where("case_id", .equal, SQLBind(caseID)).where("position", .equal, SQLBind(number))
                    .where(SQLColumn("resident_code"), .is, SQLLiteral.null).run()
            }
            var what = "\(target.name.ja)が受領"
            if codes.count == 1, let code = codes.first {
                what += "（住民票コード \(code.value)）"
            } else if !codes.isEmpty {
                what += "（住民票コード " + codes.sorted { $0.key < $1.key }.map { "\($0.key)人目 \($0.value)" }.joined(separator: "、") + "）"
            }
            if caseExists { try await CaseTimelineEntry(caseID: caseID, actor: actor, what: what).create(on: db) }
        }
        do {
            if let procedure, procedure.status == .open {
                try await ProcedureProgress(req: req).apply(.markDone, to: procedure, reason: nil, actor: actor, alongside: record)
                return Acknowledged(id: id, state: Handoffs.State.acknowledged.rawValue, procedureDone: true)
            }
            try await req.writeTransaction(record)
        } catch is AlreadyAcknowledged {
            return Acknowledged(id: id, state: Handoffs.State.acknowledged.rawValue, procedureDone: true)
        }
        return Acknowledged(id: id, state: Handoffs.State.acknowledged.rawValue, procedureDone: status == .done)
    }

    struct AlreadyAcknowledged: Error {}

    /// The target the request's token belongs to; it must be the one named (when one is named).
    static func target(_ req: Request, named name: String?) async throws -> HandoffTarget {
        guard let token = req.headers.bearerAuthorization?.token, !token.isEmpty else {
            throw Abort(.unauthorized, reason: "An API token is needed (Authorization: Bearer …; `madoguchi handoff token --target ID`).")
        }
        let sql = try req.db.sql()
        guard let row = try await sql.select().column("target").from(Handoffs.tokenTable)
            .where("token_hash", .equal, SQLBind(Tokens.digest(token))).where(SQLColumn("revoked_at"), .is, SQLLiteral.null).first(),
            let target = req.madoguchi.catalog.handoffTarget(try row.decode(column: "target", as: String.self)) else {
            throw Abort(.unauthorized, reason: "This API token is unknown or revoked.")
        }
        if let name, name != target.id { throw Abort(.forbidden, reason: "This token is for target '\(target.id)', not '\(name)'.") }
        return target
    }
}
