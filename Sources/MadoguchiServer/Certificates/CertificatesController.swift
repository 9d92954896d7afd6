import Fluent
import Foundation
import MadoguchiCore
import Vapor

/// 証明書交付 at the counter: find the resident, say who asks and why, choose the certificates; the rules of
/// the law are checked, the fee counted (or waived), the issuance logged, and a receipt printed.
struct CertificatesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let counter = routes.grouped("counter", "certificates").grouped(RequireStaff(.counter, .admin))
        counter.get(use: form)
        counter.post(use: issue)
        counter.get("log", use: log)
        counter.get(":id", use: receipt)
    }

    /// The request form: a search for the resident, then the resident's request.
    @Sendable func form(req: Request) async throws -> Response {
        let query = req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespaces) ?? ""
        var found: [Resident] = []
        if !query.isEmpty {
            found = try await req.residents.search(query, limit: 20)
            try await req.audit(.residentViewed, detail: "certificate search, \(found.count) shown")
        }
        var resident: Resident?
        if let code = req.query[String.self, at: "resident"], !code.isEmpty {
            resident = try await req.residents.resident(code: code)
            guard resident != nil else { throw Abort(.notFound, reason: "住民票コードが見つかりません。") }
            try await req.audit(.residentViewed, detail: "certificate request, resident \(code)")
        }
        return CertificateViews.form(query: query, found: found, resident: resident, request: nil, problems: [],
                                     catalog: req.madoguchi.catalog, signedIn: req.signedIn, PageContext(request: req)).response()
    }

    @Sendable func issue(req: Request) async throws -> Response {
        let values = req.formFields() ?? [:]
        let catalog = req.madoguchi.catalog
        guard let code = values["resident"], let resident = try await req.residents.resident(code: code) else {
            throw Abort(.badRequest, reason: "住民を選んでください。")
        }
        let request = Self.request(from: values, catalog: catalog.certificates)
        let rules = CertificateRules(catalog.certificates)
        let problems = rules.problems(request, sealRegistered: resident.sealRegistered)
        guard problems.isEmpty else {
            return CertificateViews.form(query: "", found: [], resident: resident, request: request, problems: problems,
                                         catalog: catalog, signedIn: req.signedIn, PageContext(request: req)).response(status: .badRequest)
        }
        let issuance = try await req.writeTransaction(rerunnable: true) { db in
            try await CertificateIssuance.issue(request, to: resident, channel: nil, req: req, on: db)
        }
        return req.redirect(to: "/counter/certificates/\(try issuance.requireID())")
    }

    /// The receipt (領収書) and the 交付 slip, printable.
    @Sendable func receipt(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let issuance = try await CertificateIssuance.find(id, on: req.db) else { throw Abort(.notFound) }
        try await req.audit(.certificateViewed, detail: issuance.number)
        return CertificateViews.receipt(issuance, catalog: req.madoguchi.catalog, signedIn: req.signedIn, PageContext(request: req)).response()
    }

    /// The 交付 log of a day (today by default), newest first.
    @Sendable func log(req: Request) async throws -> Response {
        let today = JapanTime.dayAndMinute(Date().timeIntervalSince1970).date
        let day = req.query[String.self, at: "date"].flatMap(CivilDate.init(iso:)) ?? today
        let start = Date(timeIntervalSince1970: JapanTime.unixSeconds(day))
        let issued = try await CertificateIssuance.query(on: req.db)
            .filter(\.$issuedAt >= start).filter(\.$issuedAt < start.addingTimeInterval(86_400))
            .sort(\.$issuedAt, .descending).limit(1_000).all()
        try await req.audit(.certificateViewed, detail: "log \(day.iso), \(issued.count) shown")
        return CertificateViews.log(issued, day: day, catalog: req.madoguchi.catalog, signedIn: req.signedIn, PageContext(request: req)).response()
    }

    /// The request as the form sent it: `requester`, `requesterName`, `purpose`, `letterOfAttorney`, `seen-<requirement>`,
    /// `copies-<certificate>`, `option-<certificate>-<option>`, `exemption`.
    static func request(from values: [String: String], catalog: CertificateCatalog) -> CertificateRequest {
        func on(_ name: String) -> Bool { values[name] == "on" || values[name] == "true" }
        let items = catalog.kinds.compactMap { kind -> CertificateRequest.Item? in
            let raw = values["copies-\(kind.code)"]?.trimmingCharacters(in: .whitespaces) ?? ""
            guard !raw.isEmpty, raw != "0" else { return nil }
            // Anything that is not a whole number is out of range, which the rules say in words.
            let copies = Int(raw) ?? -1
            let options = Set(CertificateOption.allCases.filter { on("option-\(kind.code)-\($0.rawValue)") })
            return CertificateRequest.Item(kind: kind.code, copies: copies, options: options)
        }
        let exemption = values["exemption"].flatMap { $0.isEmpty ? nil : $0 }
        return CertificateRequest(
            requester: values["requester"].flatMap(CertificateRequester.init(rawValue:)) ?? .person,
            requesterName: String((values["requesterName"] ?? "").prefix(100)),
            purpose: String((values["purpose"] ?? "").prefix(200)),
            letterOfAttorney: on("letterOfAttorney"),
            seen: Set(CertificateRequirement.allCases.filter { on("seen-\($0.rawValue)") }),
            items: items, exemption: exemption)
    }
}
