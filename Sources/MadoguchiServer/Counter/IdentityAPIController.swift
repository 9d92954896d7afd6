import Fluent
import MadoguchiCore
import Vapor

/// `POST /api/v1/counter/identity`: a card reader (or its agent on the counter PC) posts the four basic
/// items of an ID card — 氏名, 住所, 生年月日, 性別 — and optionally the 個人番号, into a person of a Case.
/// It needs a signed-in counter session and the session's CSRF token in `X-CSRF-Token`.
struct IdentityAPIController: RouteCollection {
    /// Which Case and person; the card's items are `IdentityItems`, read from the same body.
    struct Target: Content {
        var caseId: String?
        var reference: String?
        /// The person to fill (1-based); a new person is added when absent.
        var member: Int?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "v1", "counter").grouped(RequireStaff(.counter, .admin)).post("identity", use: post)
    }

    @Sendable func post(req: Request) async throws -> Response {
        let identity: Target, items: IdentityItems
        do { (identity, items) = (try req.content.decode(Target.self), try req.content.decode(IdentityItems.self)) } catch {
            throw GuideError(.invalidJSON, "The body must be a JSON object with the card's items.")
        }
        let record = try await findCase(identity, on: req)
        let service = CaseService(req: req)
        let (_, members, _) = try await service.load(try record.requireID())
        guard let event = req.madoguchi.catalog.event(record.eventKind) else { throw Abort(.internalServerError) }
        // The card's items change one person of the household as stored; the whole is checked again by the
        // validator every door uses.
        var input = CaseInput(record.household(members: members))
        let index: Int
        if let member = identity.member {
            guard member >= 1, member <= input.people.count else { throw GuideError(.invalidValue, "No person \(member) in this Case.", field: "member") }
            index = member - 1
        } else {
            index = input.people.count
        }
        try items.fill(&input, person: index, caseHasAddress: record.oldAddress != nil)
        switch CaseValidator(event: event, today: CaseDocuments.today()).validate(input) {
        case .success(let household):
            try await service.save(household, to: record, staffInputs: 0)
            let entry = CaseTimelineEntry(caseID: try record.requireID(), actor: service.actor, what: "本人確認書類から\(index + 1)人目を読み取り")
            try await req.writeTransaction { db in try await entry.create(on: db) }
            return try await Answer(caseId: record.requireID().uuidString, member: index + 1).encodeResponse(for: req)
        case .failure(let failure):
            guard let first = failure.errors.first else { throw GuideError(.invalidValue, "The card's items were refused.") }
            throw GuideError(.invalidValue, first.message(in: event, .en), field: first.field.apiPath)
        }
    }

    struct Answer: Content {
        let caseId: String
        let member: Int
    }

    private func findCase(_ identity: Target, on req: Request) async throws -> CaseRecord {
        if let text = identity.caseId {
            guard let id = UUID(uuidString: text), let record = try await CaseRecord.find(id, on: req.db) else {
                throw GuideError(.invalidValue, "No Case with this id.", field: "caseId")
            }
            return record
        }
        if let text = identity.reference {
            guard let reference = CaseReference.normalized(text),
                  let record = try await CaseRecord.query(on: req.db).filter(\.$reference == reference).first() else {
                throw GuideError(.invalidValue, "No Case with this reference.", field: "reference")
            }
            return record
        }
        throw GuideError(.missingField, "caseId or reference is required.", field: "caseId")
    }
}

/// Splits a one-line Japanese address (as on an ID card) into 都道府県, 市区町村, 町字 and 番地; 方書 after a space.
enum AddressLine {
    static func split(_ line: String) -> [(String, String)] {
        var rest = Substring(line.trimmingCharacters(in: .whitespaces))
        var katagaki = ""
        if let space = rest.firstIndex(where: { $0 == " " || $0 == "\u{3000}" }) {
            katagaki = rest[rest.index(after: space)...].trimmingCharacters(in: .whitespaces)
            rest = rest[..<space]
        }
        guard let prefecture = Prefecture.allCases.map(\.rawValue).first(where: { rest.hasPrefix($0) }) else {
            return [("town", String(rest)), ("katagaki", katagaki)]
        }
        rest = rest.dropFirst(prefecture.count)
        var city = ""
        // A 郡 comes before its 町 or 村; a 政令市 has 区 after 市.
        if let gun = rest.firstIndex(of: "郡"), let end = rest[gun...].firstIndex(where: { "町村".contains($0) }) {
            city = String(rest[...end])
        } else if let end = rest.firstIndex(where: { "市区町村".contains($0) }) {
            city = String(rest[...end])
            if rest[end] == "市", let ward = rest[rest.index(after: end)...].firstIndex(of: "区"),
               rest.distance(from: end, to: ward) <= 4 {
                city = String(rest[...ward])
            }
        }
        rest = rest.dropFirst(city.count)
        // 番地 starts at the first Arabic digit (half or full width); 一丁目 stays in the 町字.
        let digits = rest.firstIndex { ("0"..."9").contains($0) || ("０"..."９").contains($0) } ?? rest.endIndex
        return [("prefecture", prefecture), ("city", city), ("town", String(rest[..<digits])),
                ("banchi", String(rest[digits...])), ("katagaki", katagaki), ("postcode", "")]
    }
}
