import Fluent
import MadoguchiCore
import Vapor

/// What a page shows of an attachment: never its bytes, which are read only to be downloaded.
struct AttachmentSummary: Sendable {
    let id: UUID
    let caseID: UUID
    let fileName: String
    let kind: String
    let size: Int

    /// `写真.jpg（JPEG、120KB）`
    var label: String { "\(fileName)（\(kind.uppercased())、\(size / 1024 + 1)KB）" }
}

/// The files a citizen attached to a Case: stored while the application is a draft, shown to the citizen
/// (who may remove them until submitting), to the counter and to the sections whose procedures are in the
/// Case. Every download by staff is audited.
enum CaseAttachments {
    static let maxPerCase = 10

    struct Refused: Error {
        let messageJa: String
        let messageEn: String
    }

    /// The attachments of these Cases, without their bytes.
    static func summaries(of caseIDs: [UUID], on db: any Database) async throws -> [UUID: [AttachmentSummary]] {
        guard !caseIDs.isEmpty else { return [:] }
        let rows = try await CaseAttachment.query(on: db).filter(\.$caseRecord.$id ~~ caseIDs)
            .field(\.$id).field(\.$caseRecord.$id).field(\.$fileName).field(\.$kind).field(\.$size).field(\.$createdAt)
            .sort(\.$createdAt).all()
        return Dictionary(grouping: rows.compactMap { row in
            row.id.map { AttachmentSummary(id: $0, caseID: row.$caseRecord.id, fileName: row.fileName, kind: row.kind, size: row.size) }
        }, by: \.caseID)
    }

    /// One Case's attachments, without their bytes.
    static func summaries(of caseID: UUID, on db: any Database) async throws -> [AttachmentSummary] {
        try await summaries(of: [caseID], on: db)[caseID] ?? []
    }

    /// A file a citizen sends, checked by its bytes: not empty, 5 MB at most, JPEG, PNG or PDF.
    static func checked(_ file: File) throws(Refused) -> (kind: AttachmentKind, bytes: Data) {
        guard file.data.readableBytes > 0 else { throw Refused(messageJa: "ファイルを選んでください。", messageEn: "Choose a file.") }
        guard file.data.readableBytes <= AttachmentKind.maxBytes else {
            throw Refused(messageJa: "ファイルは5MBまでです。", messageEn: "A file may be at most 5 MB.")
        }
        let bytes = Data(file.data.readableBytesView)
        guard let kind = AttachmentKind.sniff(bytes) else {
            throw Refused(messageJa: "添付できるのは JPEG・PNG の画像と PDF だけです。", messageEn: "Only JPEG, PNG and PDF files can be attached.")
        }
        return (kind, bytes)
    }

    /// Checks a file by its bytes and stores it with the Case (at most ten per Case).
    static func store(_ file: File, procedure: String?, caseID: UUID, catalog: Catalog, req: Request) async throws {
        let (kind, bytes) = try checked(file)
        let attachment = CaseAttachment()
        attachment.$caseRecord.id = caseID
        attachment.procedureCode = procedure.flatMap { catalog.procedures[$0] != nil ? $0 : nil }
        attachment.kind = kind.rawValue
        attachment.fileName = String(file.filename.prefix(120))
        attachment.size = bytes.count
        attachment.content = bytes
        try await req.writeTransaction { db in
            guard try await CaseAttachment.query(on: db).filter(\.$caseRecord.$id == caseID).count() < maxPerCase else {
                throw Refused(messageJa: "添付は\(maxPerCase)件までです。", messageEn: "At most \(maxPerCase) files can be attached.")
            }
            try await attachment.create(on: db)
        }
    }

    /// Removes one of a draft's attachments (the caller checks that the Case is still a draft).
    static func remove(_ id: UUID, caseID: UUID, req: Request) async throws {
        try await req.writeTransaction { db in
            try await CaseAttachment.query(on: db).filter(\.$id == id).filter(\.$caseRecord.$id == caseID).delete()
        }
    }

    /// The file as a download, with its type from its bytes' kind; the read is audited.
    static func download(_ id: UUID, caseID: UUID, req: Request) async throws -> Response {
        guard let attachment = try await CaseAttachment.query(on: req.db).filter(\.$id == id)
            .filter(\.$caseRecord.$id == caseID).first() else { throw Abort(.notFound, reason: "添付ファイルが見つかりません。") }
        try await req.audit(.attachmentViewed, caseID: caseID, detail: "\(attachment.kind) \(attachment.size) bytes")
        var headers = HTTPHeaders()
        headers.contentType = AttachmentKind(rawValue: attachment.kind).flatMap { HTTPMediaType.fileExtension($0 == .jpeg ? "jpg" : $0.rawValue) }
            ?? .binary
        let name = attachment.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "attachment"
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename*=UTF-8''\(name)")
        return Response(status: .ok, headers: headers, body: .init(data: attachment.content))
    }

    /// The list of a Case's attachments with a download link each (`link` gives the link of one).
    static func list(_ attachments: [AttachmentSummary], link: (AttachmentSummary) -> String, _ context: PageContext) -> Markup {
        el("ul", ["class": "attachments", "id": "attachment-list"]) {
            for attachment in attachments {
                el("li") { el("a", ["href": link(attachment), "download": ""]) { attachment.label } }
            }
        }
    }
}
