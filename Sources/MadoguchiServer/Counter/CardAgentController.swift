import Fluent
import Foundation
import MadoguchiCore
import SQLKit
import Vapor

/// The card reader's side of the counter: a staff member pairs the agent on their counter PC with a one-time
/// code (`/counter/card-agent`), the agent posts each card it reads (`POST /api/v1/card-agent/reads`, with its
/// device token), the read appears on that staff member's Case screen, and one tap puts it into a person of
/// the Case (`POST /counter/cases/{id}/card-reads/{read}`), checked like any other door's input.
struct CardAgentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let counter = routes.grouped("counter").grouped(RequireStaff(.counter, .admin))
        counter.get("card-agent", use: pairingPage)
        counter.post("card-agent", use: newPairingCode)
        counter.get("card-reads", use: pendingReads)
        counter.post("cases", ":id", "card-reads", ":read", use: apply)
        counter.post("cases", ":id", "card-my-number", use: askForMyNumber)
        let api = routes.grouped("api", "v1", "card-agent")
        api.post("pair", use: pair)
        api.get("next", use: next)
        api.post("reads", use: deliver)
    }

    // MARK: Pairing

    @Sendable func pairingPage(req: Request) async throws -> Response {
        CardAgentPairingView.render(code: nil, server: req.absoluteURL("/"), signedIn: req.signedIn, PageContext(request: req)).response()
    }

    @Sendable func newPairingCode(req: Request) async throws -> Response {
        guard let user = req.signedIn?.user else { throw Abort(.unauthorized) }
        let code = try await CardAgents.newCode(for: user, on: req)
        let response: Response = CardAgentPairingView.render(code: code, server: req.absoluteURL("/"), signedIn: req.signedIn,
                                                             PageContext(request: req)).response()
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    struct PairRequest: Content { var code: String? }
    struct PairAnswer: Content {
        let token: String
        let expiresAt: Date
        let staff: String
    }

    @Sendable func pair(req: Request) async throws -> Response {
        guard let body = try? req.content.decode(PairRequest.self), let code = body.code else {
            throw GuideError(.missingField, "code is required: the pairing code shown on the counter screen.", field: "code")
        }
        let (token, agent) = try await CardAgents.pair(code: code, on: req)
        let response = try await PairAnswer(token: token, expiresAt: agent.tokenExpiresAt ?? Date(), staff: agent.username).encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    // MARK: Deliveries

    struct Delivered: Content {
        let id: UUID
        let staff: String
    }

    /// A card's four items from a paired agent; kept for its staff member's screen.
    @Sendable func deliver(req: Request) async throws -> Response {
        let agent = try await CardAgents.agent(req)
        let items: IdentityItems
        do { items = try req.content.decode(IdentityItems.self) } catch {
            throw GuideError(.invalidJSON, "The body must be a JSON object with the card's items: name, address, birthDate, sex.")
        }
        func required(_ value: String?, _ field: String, max: Int) throws -> String {
            guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw GuideError(.missingField, "\(field) is required.", field: field)
            }
            guard value.count <= max else { throw GuideError(.invalidValue, "\(field) is longer than \(max) characters.", field: field) }
            return value
        }
        let name = try required(items.name, "name", max: 100)
        let address = try required(items.address, "address", max: 200)
        let birthDate = try required(items.birthDate, "birthDate", max: 20)
        let sex = try required(items.sex, "sex", max: 10)
        guard ["1", "2", "9", "male", "female"].contains(sex) else {
            throw GuideError(.invalidValue, "sex must be 1, 2 or 9 as on the card (or male, female).", field: "sex")
        }
        let read = CardReadRecord()
        read.id = UUID()
        let readID = try read.requireID()
        // The 個人番号 only when staff asked for it for a Case, within the last minutes: sealed at once.
        var asked: UUID?
        if let typed = items.myNumber {
            guard let caseID = agent.myNumberCaseID, let until = agent.myNumberUntil, until > Date() else {
                throw GuideError(.invalidValue, "The 個人番号 was not asked for: staff ask for it on the Case screen first.", field: "myNumber")
            }
            guard let number = MyNumber(typed) else {
                throw GuideError(.invalidValue, "The 個人番号 is not 12 digits with a right check digit.", field: "myNumber")
            }
            read.myNumberSealed = try req.madoguchi.vault.seal(number.digits, purpose: CardAgents.myNumberPurpose(readID))
            read.myNumberCaseID = caseID
            asked = try agent.requireID()
        }
        read.agentID = try agent.requireID()
        read.username = agent.username
        read.readAt = Date()
        read.name = name
        read.kana = try items.kana.map { try required($0, "kana", max: 100) }
        read.address = address
        read.birthDate = birthDate
        read.sex = sex
        let askingAgent = asked
        try await req.writeTransaction { db in
            try await read.create(on: db)
            // One card per request: the next card is read without the number unless staff ask again.
            if let askingAgent {
                try await CardAgentRecord.query(on: db).filter(\.$id == askingAgent).set(\.$myNumberUntil, to: nil).update()
            }
        }
        let response = try await Delivered(id: try read.requireID(), staff: agent.username).encodeResponse(status: .created, for: req)
        return response
    }

    /// What one pending read shows on the counter screen.
    struct PendingRead: Content {
        let id: UUID
        let name: String
        let kana: String?
        let birthDate: String
        let sex: String
        let address: String
        let readAt: Date
        /// Whether the read carries the 個人番号 (never the number itself).
        let hasMyNumber: Bool
    }

    /// The signed-in staff member's pending reads, newest first (the Case screen asks every few seconds).
    @Sendable func pendingReads(req: Request) async throws -> Response {
        guard let username = req.signedIn?.user.username else { throw Abort(.unauthorized) }
        let reads = try await CardAgents.pending(for: username, on: req.db).map(PendingRead.init)
        let response = try await reads.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// What the agent should read from the next card.
    struct Next: Content { let myNumber: Bool }

    @Sendable func next(req: Request) async throws -> Next {
        let agent = try await CardAgents.agent(req)
        return Next(myNumber: agent.myNumberCaseID != nil && (agent.myNumberUntil ?? .distantPast) > Date())
    }

    /// Staff ask for the 個人番号 of the next card read for this Case: only a Case with a procedure of
    /// 個人番号利用事務 may have it (番号法 §9), and only for the next five minutes.
    @Sendable func askForMyNumber(req: Request) async throws -> Response {
        guard let caseID = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        guard let user = req.signedIn?.user else { throw Abort(.unauthorized) }
        let (record, _, procedures) = try await CaseService(req: req).load(caseID)
        guard record.state == .draft else { throw IllegalCaseMove(from: record.state, event: .edit) }
        let catalog = req.madoguchi.catalog
        guard procedures.contains(where: { catalog.procedures[$0.code]?.handlesMyNumber == true }) else {
            throw Abort(.badRequest, reason: "この案件には個人番号を使う手続きがありません。")
        }
        let until = Date().addingTimeInterval(CardAgents.myNumberRequestLifetime)
        let now = Date()
        let agents = try await CardAgentRecord.query(on: req.db).filter(\.$userID == user.id).filter(\.$tokenExpiresAt > now).all()
        guard !agents.isEmpty else { throw Abort(.badRequest, reason: "カードリーダーがつながっていません（カードリーダーをつなぐ）。") }
        let ids = try agents.map { try $0.requireID() }
        try await req.writeTransaction { db in
            try await CardAgentRecord.query(on: db).filter(\.$id ~~ ids).set(\.$myNumberCaseID, to: caseID).set(\.$myNumberUntil, to: until).update()
        }
        return req.redirect(to: SitePath.counterCase(caseID).path(query: [("notice", "card-my-number")]))
    }

    // MARK: Into the Case

    /// Puts a read into person `member` (1-based) of the Case, or into a new person (`member=new`), once.
    @Sendable func apply(req: Request) async throws -> Response {
        guard let caseID = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let readID = req.parameters.get("read").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        guard let username = req.signedIn?.user.username else { throw Abort(.unauthorized) }
        let service = CaseService(req: req)
        let (record, members, _) = try await service.load(caseID)
        guard record.state == .draft else { throw IllegalCaseMove(from: record.state, event: .edit) }
        guard let read = try await CardReadRecord.find(readID, on: req.db), read.username == username,
              read.readAt > Date().addingTimeInterval(-CardAgents.readLifetime) else {
            throw Abort(.notFound, reason: "この読み取りは見つかりません（使用済みか、時間が過ぎました）。")
        }
        guard let event = req.madoguchi.catalog.event(record.eventKind) else { throw Abort(.internalServerError) }
        var input = CaseInput(record.household(members: members))
        let before = input
        let target = (try? req.content.get(String.self, at: "member")) ?? "new"
        let index: Int
        if target == "new" {
            index = input.people.count
        } else if let member = Int(target), member >= 1, member <= input.people.count + 1 {
            // One past the stored people is the empty person a new Case's screen shows: a new person too.
            index = member - 1
        } else {
            throw Abort(.badRequest, reason: "入れる人を選んでください。")
        }
        var items = IdentityItems(name: read.name, kana: read.kana, birthDate: read.birthDate, sex: read.sex, address: read.address)
        // The number goes only into the Case it was asked for.
        if let sealed = read.myNumberSealed, read.myNumberCaseID == caseID {
            items.myNumber = try req.madoguchi.vault.open(sealed, purpose: CardAgents.myNumberPurpose(readID))
        }
        try items.fill(&input, person: index, caseHasAddress: record.oldAddress != nil)
        switch CaseValidator(event: event, today: CaseDocuments.today()).validate(input) {
        case .failure(let failure):
            let context = PageContext(request: req)
            throw Abort(.badRequest, reason: failure.errors.map { $0.message(in: event, context.language, messages: req.madoguchi.catalog.messages) }.joined(separator: " "))
        case .success(let household):
            // The read is used once, and then deleted (its items are in the Case now), in the save's own commit:
            // of two taps at once one takes it, and a save that fails leaves the read for another tap.
            let actor = CaseActor(username, address: req.clientAddress)
            try await service.save(household, to: record, staffInputs: 1) { sql in
                let row = try await sql.raw("""
                    DELETE FROM \(ident: CardReadRecord.schema) WHERE id = \(bind: readID) RETURNING id
                    """).first()
                guard row != nil else { throw Abort(.conflict, reason: "この読み取りはすでに使われました。") }
                try await CaseRows.addAudit(.cardRead, caseID, "card read into person \(index + 1)", actor, on: sql)
                try await CaseRows.addTimeline(caseID, actor, "マイナンバーカードから\(index + 1)人目を読み取り", on: sql)
            }
        }
        let changed = IdentityItems.changedFields(from: before, to: input, person: index)
        return req.redirect(to: SitePath.counterCase(caseID).path(query: [("notice", "card"), ("changed", changed.joined(separator: ","))]))
    }
}

extension CardAgentController.PendingRead {
    init(_ read: CardReadRecord) {
        self.init(id: read.id ?? UUID(), name: read.name, kana: read.kana, birthDate: read.birthDate, sex: read.sex,
                  address: read.address, readAt: read.readAt, hasMyNumber: read.myNumberSealed != nil)
    }
}
