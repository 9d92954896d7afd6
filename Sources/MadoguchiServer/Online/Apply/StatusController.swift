import Fluent
import MadoguchiCore
import MadoguchiQR
import Vapor

/// `/status`: whoever has the reference and the applicant's birth date sees each procedure's state and
/// may withdraw. A wrong birth date and an unknown reference get the same answer; five wrong birth dates
/// in a row lock the reference for 30 minutes. `/c/{reference}` is what the QR code carries.
struct StatusController: RouteCollection {
    static let failuresBeforeLock = 5
    static let lock: TimeInterval = 30 * 60

    func boot(routes: any RoutesBuilder) throws {
        routes.get("status", use: form)
        routes.post("status", use: lookUp)
        routes.post("status", "withdraw", use: withdraw)
        routes.get("c", ":reference", use: scanned)
        routes.get("c", ":reference", "qr.png", use: qrImage)
    }

    @Sendable func form(req: Request) async throws -> Response {
        let reference = req.query[String.self, at: "ref"].flatMap(CaseReference.normalized) ?? ""
        let page = StatusView.form(reference: reference, error: nil, hidden: CitizenForms.hiddenFields(req), PageContext(request: req))
        return CitizenForms.attach(req, to: page.response())
    }

    @Sendable func lookUp(req: Request) async throws -> Response {
        try CitizenForms.verify(req)
        try req.madoguchi.citizenLimits.allowLookup(from: req)
        let context = PageContext(request: req)
        let (referenceText, birthText) = ((try? req.content.get(String.self, at: "reference")) ?? "", (try? req.content.get(String.self, at: "birthDate")) ?? "")
        guard let record = try await verified(reference: referenceText, birthDate: birthText, req: req) else {
            return StatusView.form(reference: CaseReference.normalized(referenceText) ?? "", error: Self.notFound(context),
                                   hidden: CitizenForms.hiddenFields(req), context).response(status: .badRequest)
        }
        try await req.audit(.caseViewed, caseID: record.id, detail: "status page", actor: "citizen")
        let procedures = try await record.$procedures.query(on: req.db).all()
        return StatusView.result(record: record, procedures: procedures, birthDate: birthText, catalog: req.madoguchi.catalog,
                                 hidden: CitizenForms.hiddenFields(req), context).response()
    }

    /// Withdraws an application that the counter has not finished with.
    @Sendable func withdraw(req: Request) async throws -> Response {
        try CitizenForms.verify(req)
        try ConfirmStep.require(req)
        try req.madoguchi.citizenLimits.allowLookup(from: req)
        let context = PageContext(request: req)
        guard let record = try await verified(reference: (try? req.content.get(String.self, at: "reference")) ?? "",
                                              birthDate: (try? req.content.get(String.self, at: "birthDate")) ?? "", req: req) else {
            return StatusView.form(reference: "", error: Self.notFound(context), hidden: CitizenForms.hiddenFields(req), context)
                .response(status: .badRequest)
        }
        guard record.withdrawnAt == nil, (try? CaseStateMachine.state(after: .cancel, from: record.state)) != nil else {
            throw Abort(.conflict, reason: context.t("この申請は取り下げられません（手続きが終わっています）。", "This application can no longer be withdrawn."))
        }
        try await CaseService(req: req, actor: "citizen").apply(.cancel, to: record) { record in record.withdrawnAt = Date() }
        return StatusView.withdrawn(reference: record.reference, context).response()
    }

    /// The reference's QR code as a PNG to keep on a phone or print (it holds the reference's URL, nothing else).
    @Sendable func qrImage(req: Request) async throws -> Response {
        guard let reference = req.parameters.get("reference").flatMap(CaseReference.normalized),
              let code = try? QRCode(text: req.absoluteURL(SitePath.caseReference(reference).path)) else { throw Abort(.notFound) }
        var headers = HTTPHeaders()
        headers.contentType = .png
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"madoguchi-\(reference).png\"")
        return Response(status: .ok, headers: headers, body: .init(data: Data(code.png(moduleSize: 10, quietZone: 4))))
    }

    /// The QR code's URL: staff signed in at the counter open the Case; anyone else gets the status page.
    @Sendable func scanned(req: Request) async throws -> Response {
        let reference = req.parameters.get("reference").flatMap(CaseReference.normalized) ?? ""
        if let user = req.signedIn?.user, user.role == .counter || user.role == .admin {
            return req.redirect(to: "/counter/open?ref=\(reference)")
        }
        return req.redirect(to: PageContext(request: req).link("/status", [("ref", reference)]))
    }

    /// The submitted, not withdrawn application with this reference whose applicant was born on that day;
    /// nil for anything else, counting wrong birth dates against the reference.
    private func verified(reference text: String, birthDate: String, req: Request) async throws -> CaseRecord? {
        guard let reference = CaseReference.normalized(text),
              let found = try await CaseRecord.query(on: req.db).filter(\.$reference == reference).first(),
              found.submittedAt != nil, let id = found.id else { return nil }
        let now = Date()
        if let until = found.statusLockedUntil, until > now { return nil }
        let right = DateInput.parse(birthDate)?.iso == found.applicantBirthDate
        let lock = Self.lock, limit = Self.failuresBeforeLock
        // Counted in the row, in one write: parallel wrong dates each count, and a lock set meanwhile refuses
        // even the right date.
        return try await req.writeTransaction { db -> CaseRecord? in
            guard let failures = try await RowCounter.add(right ? 0 : 1, to: "status_failures", of: CaseRecord.schema, id: id, on: db),
                  let record = try await CaseRecord.find(id, on: db) else { return nil }
            if let until = record.statusLockedUntil, until > now { return nil }
            if right {
                if failures != 0 {
                    record.statusFailures = 0
                    try await record.save(on: db)
                }
                return record
            }
            if failures >= limit {
                record.statusFailures = 0
                record.statusLockedUntil = now.addingTimeInterval(lock)
                try await record.save(on: db)
            }
            return nil
        }
    }

    static func notFound(_ context: PageContext) -> String {
        context.t("受付番号または生年月日が一致しません。5回続けて一致しないと、その受付番号は30分間照会できなくなります。",
                  "The reference or the date of birth does not match. After five mismatches in a row the reference is locked for 30 minutes.")
    }
}
