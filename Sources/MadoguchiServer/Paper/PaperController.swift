import Fluent
import Foundation
import MadoguchiCore
import MadoguchiOCR
import Vapor

/// `/paper`: the paper door for back-office staff. Scans are uploaded (or arrive from the scanner's folder), read
/// in the background, and checked here page by page: the cut-out of every zone beside its value, the doubtful ones
/// marked, 判別不能 where the machine offers no guess; accepted, a page becomes a Case at its section.
struct PaperController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let paper = routes.grouped("paper").grouped(RequireStaff(.section, .counter, .admin))
        paper.get(use: home)
        // A file of up to 64 MB and the form around it.
        paper.on(.POST, "scans", body: .collect(maxSize: "65mb"), use: upload).collectsUpTo(65 * 1_048_576)
        paper.post("scans", ":id", "retry", use: retry)
        paper.get("pages", ":id", use: page)
        paper.get("pages", ":id", "image", use: pageImage)
        paper.get("pages", ":id", "zones", ":zone", use: zoneImage)
        paper.on(.POST, "pages", ":id", body: .collect(maxSize: "256kb"), use: act)
    }

    /// Upload, the lists by state, the figures.
    @Sendable func home(req: Request) async throws -> Response {
        let allowed = allowedForms(req)
        let pages = try await PaperPage.query(on: req.db).filter(\.$state ~~ [.verify, .manual])
            .field(\.$id).field(\.$scan.$id).field(\.$number).field(\.$state).field(\.$formID).field(\.$reason).field(\.$createdAt)
            .field(\.$firstKeyBy).sort(\.$createdAt).limit(500).all()
            .filter { $0.formID.map(allowed.contains) ?? true }
        let done = try await PaperPage.query(on: req.db).filter(\.$state ~~ [.done, .rejected])
            .field(\.$id).field(\.$scan.$id).field(\.$number).field(\.$state).field(\.$formID).field(\.$reason).field(\.$caseID)
            .field(\.$checkedBy).field(\.$checkedAt).field(\.$createdAt)
            .sort(\.$checkedAt, .descending).limit(20).all()
            .filter { $0.formID.map(allowed.contains) ?? true }
        let scans = try await PaperScan.query(on: req.db).filter(\.$state ~~ [.waiting, .failed])
            .field(\.$id).field(\.$fileName).field(\.$state).field(\.$reason).field(\.$createdAt).field(\.$source)
            .sort(\.$createdAt).limit(200).all()
        let figures = try await Self.figures(on: req.db)
        let context = PageContext(request: req)
        var notice: String?
        if let stored = req.query[Int.self, at: "stored"] { notice = context.t("\(stored)件のファイルを受け付けました。読み取りが終わると下の一覧に出ます。",
                                                                                "\(stored) file(s) stored. Their pages appear below once read.") }
        if req.query[String.self, at: "keyed"] != nil {
            notice = context.t("1回目の入力を保存しました。2回目はほかの職員が入力します。", "The first keying is kept: another member of staff keys it a second time.")
        }
        if req.query[String.self, at: "made"] != nil { notice = context.t("案件にして担当課へ引き継ぎました。", "Made a Case and handed it to the section.") }
        return PaperHomeView.render(pages: pages, done: done, scans: scans, figures: figures, catalog: req.madoguchi.catalog,
                                    engineMissing: req.madoguchi.paperEngine.current.missing, notice: notice, error: req.query[String.self, at: "error"],
                                    signedIn: req.signedIn, context).response()
    }

    /// One or more files from the upload form; each stored before the answer.
    @Sendable func upload(req: Request) async throws -> Response {
        let context = PageContext(request: req)
        let files = ((try? req.content.get([File].self, at: "files")) ?? []) + [(try? req.content.get(File.self, at: "file"))].compactMap { $0 }
        let chosen = files.filter { $0.data.readableBytes > 0 }
        guard !chosen.isEmpty else {
            return req.redirect(to: "/paper?error=" + (context.t("ファイルを選んでください。", "Choose a file.").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
        var stored = 0
        var refused: [String] = []
        for file in chosen {
            do {
                try await PaperIntake.store(Data(file.data.readableBytesView), fileName: file.filename, source: "upload",
                                            by: req.signedIn?.user.username ?? "staff", address: req.clientAddress, on: req.application)
                stored += 1
            } catch let refusal as PaperIntake.Refused {
                refused.append("\(file.filename)：\(context.t(refusal.messageJa, refusal.messageEn))")
            }
        }
        if stored > 0 { PaperIntake.nudge(req.application) }
        guard refused.isEmpty else {
            let message = refused.joined(separator: " ") + (stored > 0 ? context.t("（ほかの\(stored)件は受け付けました）", " (\(stored) other file(s) stored)") : "")
            return req.redirect(to: "/paper?error=" + (message.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""), redirectType: .normal)
        }
        return req.redirect(to: "/paper?stored=\(stored)")
    }

    /// A file that could not be read (a tool was missing) is read again.
    @Sendable func retry(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        try await req.writeTransaction { db in
            guard let scan = try await PaperScan.find(id, on: db), scan.state == .failed else { return }
            scan.state = .waiting
            scan.reason = nil
            scan.claimedUntil = nil
            try await scan.save(on: db)
        }
        PaperIntake.nudge(req.application)
        return req.redirect(to: "/paper")
    }

    /// The check screen of one page (audited: it shows what a citizen wrote).
    @Sendable func page(req: Request) async throws -> Response {
        let page = try await load(req)
        try await req.audit(.paperPageViewed, detail: "\(page.formID ?? "unknown") page \(page.number)")
        let form = page.formID.flatMap { req.madoguchi.catalog.paperForms[$0] }
        let results = PaperZoneResult.decode(page.readings)
        var values: [String: String] = [:]
        for result in results { values[result.zone] = result.value }
        let stage = Self.stage(page, form: form, user: req.signedIn?.user.username)
        if stage == .blind {
            // The second keyer sees the first one's values, except the zones keyed twice: those start empty.
            values = page.firstValues
            for zone in form?.zones ?? [] where zone.doubleKey { values[zone.id] = "" }
        }
        let matches = try await residentMatches(form: form, values: values, page: page, req: req)
        let twins = try await Self.samePrinting(page, on: req.db)
        return PaperPageView.render(page: page, form: form, results: results, values: values, errors: [], matches: matches, stage: stage,
                                    twins: twins, catalog: req.madoguchi.catalog, signedIn: req.signedIn, PageContext(request: req)).response()
    }

    /// Other pages of the same printing (the same print job and page) already made Cases: a scan sent twice, or a
    /// copy filled again — staff are told before they make a second Case of it.
    static func samePrinting(_ page: PaperPage, on db: any Database) async throws -> [PaperPage] {
        guard let job = page.printJob, let form = page.formID, let id = page.id else { return [] }
        return try await PaperPage.query(on: db).filter(\.$printJob == job).filter(\.$formID == form).filter(\.$id != id)
            .filter(\.$state == .done).field(\.$id).field(\.$caseID).field(\.$checkedAt).field(\.$scan.$id).field(\.$number)
            .field(\.$state).field(\.$createdAt).all()
    }

    /// Where a page is in its double keying, for this user.
    static func stage(_ page: PaperPage, form: PaperForm?, user: String?) -> PaperPageView.Stage {
        guard let form, form.zones.contains(where: \.doubleKey), let first = page.firstKeyBy else { return .single }
        return first == user ? .waitingForSecond : .blind
    }

    /// The people of the page found in the resident records by reading and birth date (the look-up is audited).
    private func residentMatches(form: PaperForm?, values: [String: String], page: PaperPage, req: Request) async throws -> [PaperResidentMatch] {
        guard let form, page.state == .verify else { return [] }
        let matches = try await PaperResidentMatch.find(form: form, values: values, in: req.residents)
        if !matches.isEmpty {
            try await req.audit(.residentViewed, detail: "paper page \(page.number): \(matches.count) found by reading and birth date")
        }
        return matches
    }

    @Sendable func pageImage(req: Request) async throws -> Response {
        let page = try await load(req)
        return Self.png(page.image)
    }

    @Sendable func zoneImage(req: Request) async throws -> Response {
        let page = try await load(req)
        let zone = (req.parameters.get("zone") ?? "").replacingOccurrences(of: ".png", with: "")
        guard let image = PaperZoneResult.decode(page.readings).first(where: { $0.zone == zone })?.image else { throw Abort(.notFound) }
        return Self.png(image)
    }

    /// `accept` makes the Case; `reject` sets the page aside with a reason; `assign` tells a manual page's form.
    @Sendable func act(req: Request) async throws -> Response {
        let page = try await load(req)
        let context = PageContext(request: req)
        let posted = req.formFields() ?? [:]
        guard page.state == .verify || page.state == .manual else {
            throw Abort(.conflict, reason: context.t("このページはすでに処理されています。", "This page was already dealt with."))
        }
        let catalog = req.madoguchi.catalog
        switch posted["action"] ?? "" {
        case "reject":
            let reason = (posted["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty, reason.count <= 200 else { throw Abort(.badRequest, reason: context.t("不受理の理由を入力してください（200文字まで）。", "Give the reason (up to 200 characters).")) }
            let id = try page.requireID(), actor = req.signedIn?.user.username ?? "staff", address = req.clientAddress
            try await req.writeTransaction { db in
                guard let current = try await PaperPage.find(id, on: db), current.state == .verify || current.state == .manual else { return }
                current.state = .rejected
                current.reason = reason
                current.checkedBy = actor
                current.checkedAt = Date()
                try await current.save(on: db)
                try await AuditEntry(at: Date(), actor: actor, action: AuditAction.paperPageRejected.rawValue, caseID: nil,
                                     detail: "page \(current.number): \(reason)", address: address).create(on: db)
            }
            return req.redirect(to: "/paper")
        case "assign":
            guard page.state == .manual, let form = posted["form"].flatMap({ catalog.paperForms[$0] }) else {
                throw Abort(.badRequest, reason: context.t("用紙を選んでください。", "Choose the form."))
            }
            let id = try page.requireID()
            try await req.writeTransaction { db in
                guard let current = try await PaperPage.find(id, on: db), current.state == .manual else { return }
                // Nothing read: every zone is the person's to key, beside the page.
                current.formID = form.id
                current.formVersion = form.version
                current.state = .verify
                current.readings = PaperZoneResult.encode([])
                try await current.save(on: db)
            }
            return req.redirect(to: "/paper/pages/\(id.uuidString)")
        case "accept":
            guard let form = page.formID.flatMap({ catalog.paperForms[$0] }) else {
                throw Abort(.badRequest, reason: context.t("用紙がわかりません。先に用紙を選んでください。", "The form is not known: choose it first."))
            }
            var values: [String: String] = [:]
            for zone in form.zones { values[zone.id] = Self.cleaned(posted["z-" + zone.id] ?? "", zone: zone) }
            let results = PaperZoneResult.decode(page.readings)
            let check = PaperCheck(req: req)
            let stage = Self.stage(page, form: form, user: req.signedIn?.user.username)
            func refused(_ errors: [FormFieldError], stage: PaperPageView.Stage) async throws -> Response {
                let matches = try await residentMatches(form: form, values: values, page: page, req: req)
                return PaperPageView.render(page: page, form: form, results: results, values: values, errors: errors, matches: matches,
                                            stage: stage, catalog: catalog, signedIn: req.signedIn, context).response(status: .badRequest)
            }
            if form.zones.contains(where: \.doubleKey) {
                if case .failure(let failure) = try check.validate(form: form, values: values) { return try await refused(failure.errors, stage: stage) }
                switch stage {
                case .waitingForSecond:
                    throw Abort(.conflict, reason: context.t("2回目の入力は、ほかの職員がします。", "The second keying is for another member of staff."))
                case .single:
                    try await PaperCheck.keepFirstKeying(page, values: values, by: req.signedIn?.user.username ?? "staff", on: req)
                    return req.redirect(to: "/paper?keyed=1")
                case .blind, .resolving:
                    let first = page.firstValues
                    let differing = form.zones.filter { $0.doubleKey && !PaperCheck.same(first[$0.id] ?? "", values[$0.id] ?? "", in: $0) }
                    if !differing.isEmpty, posted["resolve"] != "1" {
                        return try await refused(differing.map { zone in
                            let theirs = first[zone.id].flatMap { $0.isEmpty ? nil : $0 } ?? context.t("空欄", "blank")
                            return FormFieldError(fieldID: zone.id, message: context.t(
                                "1人目の入力と違います（1人目：\(theirs)）。記入を見直して正しい値を入れ、下の「違いを確かめた」にチェックしてください。",
                                "Differs from the first keying (\(theirs)). Look again, key the right value and tick “Differences checked” below."))
                        }, stage: .resolving)
                    }
                }
            }
            switch try await check.makeCase(page: page, form: form, values: values, results: results) {
            case .made:
                return req.redirect(to: "/paper?made=1")
            case .refused(let errors):
                return try await refused(errors, stage: stage)
            }
        default:
            throw Abort(.badRequest, reason: context.t("不明な操作です。", "Unknown action."))
        }
    }

    /// A value as keyed: spaces gone (boxes hold one character each), full-width digits made ASCII in digit zones.
    static func cleaned(_ value: String, zone: PaperZone) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        switch zone.kind {
        case .digits:
            return String(trimmed.unicodeScalars.compactMap { scalar -> Character? in
                if (0xFF10...0xFF19).contains(scalar.value) { return Character(Unicode.Scalar(scalar.value - 0xFEE0)!) }
                return scalar.properties.isWhitespace || scalar == "-" ? nil : Character(scalar)
            })
        case .katakana:
            return trimmed.filter { !$0.isWhitespace }
        default:
            return trimmed
        }
    }

    /// The page, if this user may see it: section staff see their own section's forms and the unsorted pages.
    private func load(_ req: Request) async throws -> PaperPage {
        guard let id = req.parameters.get("id").flatMap(UUID.init(uuidString:)),
              let page = try await PaperPage.find(id, on: req.db) else { throw Abort(.notFound, reason: "ページが見つかりません。") }
        if let form = page.formID, !allowedForms(req).contains(form) { throw Abort(.forbidden, reason: "この用紙は担当外です。") }
        return page
    }

    /// The forms this user works on: all of them, or a section user's section's.
    private func allowedForms(_ req: Request) -> Set<String> {
        let forms = req.madoguchi.catalog.paperForms.values
        guard let user = req.signedIn?.user, user.role == .section, let section = user.sectionCode else { return Set(forms.map(\.id)) }
        let catalog = req.madoguchi.catalog
        return Set(forms.filter { form in form.procedures.contains { catalog.procedures[$0]?.section == section } }.map(\.id))
    }

    private static func png(_ data: Data) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .png
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    /// Every checked page's figures, by field kind, and the machine's time per page.
    static func figures(on db: any Database) async throws -> (PaperFigures, pages: Int, seconds: Double) {
        let checked = try await PaperPage.query(on: db).filter(\.$state == .done).field(\.$figures).field(\.$readSeconds).all()
        let zones = checked.flatMap { page in page.figures.flatMap { try? JSONDecoder().decode([PaperZoneFigure].self, from: $0) } ?? [] }
        let read = try await PaperPage.query(on: db).field(\.$readSeconds).all()
        let seconds = read.isEmpty ? 0 : read.map(\.readSeconds).reduce(0, +) / Double(read.count)
        return (PaperFigures(zones), read.count, seconds)
    }
}
