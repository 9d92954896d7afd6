import Fluent
import MadoguchiCore
import Vapor

/// `/counter/cases/{id}/confirm`: the citizen-facing view on a tablet or a turned screen. The citizen
/// checks what was entered in large type (the 個人番号 masked) and signs once on the pad; the signature
/// goes into every form's signature box and the Case keeps the time and a hash of the signed PDF.
struct ConfirmationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let counter = routes.grouped("counter").grouped(RequireStaff(.counter, .admin))
        counter.get("cases", ":id", "confirm", use: view)
        counter.post("cases", ":id", "signature", use: sign)
    }

    /// What the citizen checks, and the signature pad.
    @Sendable func view(req: Request) async throws -> Response {
        let service = CaseService(req: req)
        let (record, members, procedures) = try await service.load(try caseID(req))
        try await req.audit(.caseViewed, caseID: record.id, detail: "confirmation view")
        let missing = service.missingForConfirmation(record, members: members)
        return ConfirmationView.render(record: record, members: members, procedures: procedures, missing: missing,
                                       catalog: req.madoguchi.catalog, signedIn: req.signedIn, PageContext(request: req)).response()
    }

    /// The citizen confirmed and signed: the Case is confirmed and signed in one step, the signed PDF hashed.
    @Sendable func sign(req: Request) async throws -> Response {
        let service = CaseService(req: req)
        let (record, members, procedures) = try await service.load(try caseID(req))
        let strokes = try Self.strokes(from: (try? req.content.get(String.self, at: "strokes")) ?? "")
        if record.state == .draft { try await service.apply(.confirm, to: record) }
        guard record.state == .confirmed else { throw IllegalCaseMove(from: record.state, event: .sign) }
        let signature = Signature(strokes: strokes)
        record.signature = signature
        try await service.apply(.sign, to: record) { stored in stored.signature = signature }
        let pdf = try await CaseDocuments(req: req).pdf(record, members: members, procedures: procedures)
        let hash = CaseDocuments.sha256(pdf)
        record.signedPDFSHA256 = hash
        let entry = CaseTimelineEntry(caseID: try record.requireID(), actor: service.actor, what: "署名（PDF SHA-256 \(hash.prefix(16))…）")
        try await req.writeTransaction { db in
            try await record.save(on: db)
            try await entry.create(on: db)
        }
        return req.redirect(to: SitePath.counterCase(try record.requireID()).path)
    }

    /// The pad's strokes: JSON `[[{"x":0.1,"y":0.5}, …], …]` in 0…1, at most 100 strokes and 5,000 points.
    static func strokes(from json: String) throws -> [[SignaturePoint]] {
        guard json.utf8.count <= 200_000,
              let strokes = try? JSONDecoder().decode([[SignaturePoint]].self, from: Data(json.utf8)) else {
            throw Abort(.badRequest, reason: "署名が読み取れません。もう一度署名してください。")
        }
        let points = strokes.reduce(0) { $0 + $1.count }
        guard !strokes.isEmpty, strokes.count <= 100, points <= 5_000, strokes.contains(where: { $0.count >= 2 }),
              strokes.allSatisfy({ $0.allSatisfy { (0...1).contains($0.x) && (0...1).contains($0.y) } }) else {
            throw Abort(.badRequest, reason: "署名欄に署名してください。")
        }
        return strokes
    }

    private func caseID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        return id
    }
}
