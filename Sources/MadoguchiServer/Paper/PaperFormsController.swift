import Foundation
import MadoguchiCore
import MadoguchiPDF
import MadoguchiOCR
import Vapor

/// `GET /paper/forms/{id}.pdf`: an OCR-ready paper form, blank, for a citizen to download from the guide or for
/// staff to print at the counter. Every download is a new print job (its id is in the QR code and in small print),
/// so that a scan says which printing it came from; nothing personal is on it.
struct PaperFormsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("paper", "forms", ":file", use: blank)
    }

    @Sendable func blank(req: Request) async throws -> Response {
        let file = req.parameters.get("file") ?? ""
        guard file.hasSuffix(".pdf"), let form = req.madoguchi.catalog.paperForms[String(file.dropLast(4))] else {
            throw Abort(.notFound, reason: "この用紙はありません。")
        }
        let label = PaperSheet.Label(form: form.id, version: form.version, job: PaperSheet.Label.newJob())
        var pdf = PDFDocument(title: form.name.ja, creationDate: Date())
        pdf.append(try PaperSheet.page(form, label: label))
        let bytes = CaseDocument.render(&pdf).bytes
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(form.id).pdf\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")  // each download is its own print job
        return Response(status: .ok, headers: headers, body: .init(data: Data(bytes)))
    }
}
