import Fluent
import Foundation
import MadoguchiCore
import MadoguchiOCR
import SQLKit
import Vapor

/// Scans in, pages read. A file is stored first — checked by its bytes, on disk before the upload is answered —
/// and read after, by a worker on any instance that claims it (a reader stopped mid-way leaves it to the next):
/// nothing acknowledged is lost to a crash. Each page is aligned by its marks, its form known by its QR code,
/// every zone read and cut out for the person who checks it; a page no form can be told for goes to the manual
/// queue with the reason, never dropped.
enum PaperIntake {
    /// A scanner's multi-page PDF at 600 dpi stays well under this.
    static let maxBytes = 64 * 1024 * 1024
    /// How long a claimed scan is left to its reader before another takes it.
    static let lease: TimeInterval = 600

    struct Refused: Error {
        let messageJa: String
        let messageEn: String
    }

    /// Stores a scanner's file for reading, audited; refuses what is not a scan.
    @discardableResult
    static func store(_ bytes: Data, fileName: String, source: String, by actor: String, address: String?,
                      on app: Application) async throws -> PaperScan {
        guard !bytes.isEmpty else { throw Refused(messageJa: "ファイルを選んでください。", messageEn: "Choose a file.") }
        guard bytes.count <= maxBytes else {
            throw Refused(messageJa: "1つのファイルは64MBまでです。ページを分けてください。", messageEn: "A file may be at most 64 MB: split it.")
        }
        guard let kind = ScanFile.kind(of: Array(bytes.prefix(16))), kind != .pgm else {
            throw Refused(messageJa: "読み取れるのは PDF・PNG・JPEG・TIFF のスキャン画像だけです。",
                          messageEn: "Only scans as PDF, PNG, JPEG or TIFF can be read.")
        }
        let scan = PaperScan()
        scan.fileName = String(fileName.prefix(120))
        scan.kind = kind.rawValue
        scan.size = bytes.count
        scan.content = bytes
        scan.source = source
        scan.storedBy = actor
        scan.state = .waiting
        scan.pages = 0
        scan.createdAt = Date()
        let entry = AuditEntry(at: Date(), actor: actor, action: AuditAction.paperScanStored.rawValue, caseID: nil,
                               detail: "\(source) \(kind.rawValue) \(bytes.count) bytes", address: address)
        try await app.writeTransaction { db in
            try await scan.create(on: db)
            try await entry.create(on: db)
        }
        return scan
    }

    /// Reads every scan still waiting; returns the number of pages read.
    @discardableResult
    static func run(_ app: Application, now: @escaping @Sendable () -> Date = { Date() }) async throws -> Int {
        var pages = 0
        while let id = try await claim(app, now: now()) {
            pages += try await read(id, app: app)
        }
        return pages
    }

    /// Takes the oldest waiting scan no other reader holds; nil when there is none.
    static func claim(_ app: Application, now: Date) async throws -> UUID? {
        try await app.writeTransaction { db in
            guard let candidate = try await PaperScan.query(on: db).filter(\.$state == .waiting)
                .group(.or, { $0.filter(\.$claimedUntil == nil).filter(\.$claimedUntil < now) })
                .sort(\.$createdAt).field(\.$id).first(), let id = candidate.id else { return nil }
            // The condition again in the update: of two instances that saw the same scan, one gets it.
            let taken = try await (db as! any SQLDatabase).update(PaperScan.schema)
                .set("claimed_until", to: SQLBind(now.addingTimeInterval(lease)))
                .where("id", .equal, SQLBind(id))
                .where("state", .equal, SQLBind(PaperScan.State.waiting.rawValue))
                .where { $0.where("claimed_until", .is, SQLLiteral.null).orWhere("claimed_until", .lessThan, SQLBind(now)) }
                .returning("id").all()
            return taken.isEmpty ? nil : id
        }
    }

    /// Reads a claimed scan's pages (on the paper door's own thread: `PaperEngine.thread`) and stores them with the
    /// scan's new state in one commit.
    static func read(_ id: UUID, app: Application) async throws -> Int {
        guard let scan = try await PaperScan.find(id, on: app.db) else { return 0 }
        let forms = app.madoguchi.catalog.paperForms, names = app.madoguchi.catalog.nameReadings
        let engine = app.madoguchi.paperEngine
        let bytes = Array(scan.content)
        let outcome: Result<[PaperPage], ScanFile.Unreadable> = try await PaperEngine.thread.runIfActive {
            let clock = ContinuousClock(), started = clock.now
            let images: [GrayImage]
            do { images = try ScanFile.pages(bytes) } catch let unreadable as ScanFile.Unreadable { return .failure(unreadable) }
            catch { return .failure(.damaged(ScanFile.kind(of: bytes) ?? .pdf)) }
            // A page's time is the machine's whole work on it: its share of decoding the file, reading, its images.
            let decoding = (clock.now - started).seconds / Double(images.count)
            let reader = PageReader(forms: forms, engine: engine.current.recognizer, names: names)
            return .success(images.enumerated().map { index, image in
                let pageStarted = clock.now
                let stored = page(number: index + 1, reader.read(image), original: image, forms: forms)
                stored.readSeconds = decoding + (clock.now - pageStarted).seconds
                return stored
            })
        }
        return try await app.writeTransaction { db in
            guard let current = try await PaperScan.find(id, on: db), current.state == .waiting else { return 0 }
            current.claimedUntil = nil
            current.readAt = Date()
            switch outcome {
            case .failure(let unreadable):
                current.state = .failed
                current.reason = unreadable.description
                try await current.save(on: db)
                return 0
            case .success(let pages):
                current.state = .read
                current.pages = pages.count
                try await current.save(on: db)
                for page in pages {
                    page.$scan.id = id
                    try await page.create(on: db)
                }
                return pages.count
            }
        }
    }

    /// A page as stored: what was read, its image upright (or as scanned when no marks were found), each zone's
    /// cut-out.
    static func page(number: Int, _ reading: PageReading, original: GrayImage, forms: [String: PaperForm]) -> PaperPage {
        let page = PaperPage()
        page.number = number
        page.readSeconds = reading.seconds
        page.createdAt = Date()
        if let aligned = reading.aligned {
            page.image = Data(aligned.upright().png())
        } else {
            // About the same size as an aligned page.
            page.image = Data(original.scaled(by: PaperGeometry.pageWidth * AlignedPage.pageScale / Double(original.width)).png())
        }
        switch reading.outcome {
        case .manual(let reason):
            page.state = .manual
            page.reason = reason
            page.readings = PaperZoneResult.encode([])
        case .read(let label, let readings):
            page.state = .verify
            page.formID = label.form
            page.formVersion = label.version
            page.printJob = label.job
            let form = forms[label.form]
            page.readings = PaperZoneResult.encode(readings.map { zoneReading in
                let cutout = form?.zone(zoneReading.zone).flatMap { zone in reading.aligned.map { Data($0.cutout(zone).png()) } }
                return PaperZoneResult(zoneReading, image: cutout)
            })
        }
        return page
    }
}
