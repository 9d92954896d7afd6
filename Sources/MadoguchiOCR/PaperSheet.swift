import Foundation
import MadoguchiCore
import MadoguchiPDF
import MadoguchiQR

/// Draws a paper form's page from its catalog data (`PaperForm`, `PaperGeometry`): the corner marks, the QR code,
/// the headings and every zone's boxes — blank for printing, or with values written in (the tests' "handwriting").
public enum PaperSheet {
    /// What the QR code on a printed page says: the form, its version, the page and the print job — no personal
    /// data. `MDGP:jidoteate-nintei:1:1:K7QM3TXA`.
    public struct Label: Equatable, Sendable {
        public let form: String
        public let version: Int
        public let page: Int
        public let job: String

        public var text: String { "MDGP:\(form):\(version):\(page):\(job)" }

        public init(form: String, version: Int, page: Int = 1, job: String) {
            self.form = form
            self.version = version
            self.page = page
            self.job = job
        }

        public init?(_ text: String) {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 5, parts[0] == "MDGP", !parts[1].isEmpty, let version = Int(parts[2]), let page = Int(parts[3]),
                  !parts[4].isEmpty else { return nil }
            self.init(form: parts[1], version: version, page: page, job: parts[4])
        }

        /// A new print job's id: eight characters from an alphabet without look-alikes.
        public static func newJob() -> String {
            let alphabet = Array("23456789ABCDEFGHJKLMNPQRSTUVWXYZ")
            return String((0..<8).map { _ in alphabet.randomElement()! })
        }
    }

    static func mm(_ value: Double) -> Double { value * 72 / 25.4 }

    /// The page; `values` by zone id write the zone's value in (digits and katakana one per box, a choice's value
    /// ticked, a date as `R8.4.1`-like era + YYMMDD digits `R080401`, a checkbox ticked by any value).
    public static func page(_ form: PaperForm, label: Label, values: [String: String] = [:]) throws -> PDFPage {
        var page = PDFPage(size: .a4)
        let side = PaperGeometry.markSize
        for centre in PaperGeometry.markCentres {  // the places a scan is aligned by
            page.rect(x: mm(centre.x - side / 2), y: mm(centre.y - side / 2), width: mm(side), height: mm(side), lineWidth: 0, fill: 0)
        }
        try drawQR(label.text, on: &page)
        for text in form.texts { page.text(text.text, x: mm(text.x), y: mm(text.y), size: text.size) }
        page.text("\(form.id) v\(form.version) · \(label.job)", x: mm(22), y: mm(PaperGeometry.pageHeight - 14), size: 6)
        for zone in form.zones { draw(zone, value: values[zone.id], on: &page) }
        return page
    }

    private static func drawQR(_ text: String, on page: inout PDFPage) throws {
        let code = try QRCode(text: text, level: .medium)
        // Four modules of quiet zone inside the square the geometry reserves.
        let module = PaperGeometry.qrSide / Double(code.size + 8)
        for y in 0..<code.size {
            var x = 0
            while x < code.size {
                guard code[x, y] else { x += 1; continue }
                let start = x
                while x < code.size, code[x, y] { x += 1 }
                page.rect(x: mm(PaperGeometry.qrX + Double(start + 4) * module), y: mm(PaperGeometry.qrY + Double(y + 4) * module),
                          width: mm(Double(x - start) * module) + 0.05, height: mm(module) + 0.05, lineWidth: 0, fill: 0)
            }
        }
    }

    private static func draw(_ zone: PaperZone, value: String?, on page: inout PDFPage) {
        let boxes = PaperGeometry.boxes(zone)
        let line = 0.6
        switch zone.kind {
        case .checkbox:
            page.text(zone.label.ja, x: mm(zone.x + PaperGeometry.tickSize + 1.5), y: mm(zone.y + PaperGeometry.tickSize - 0.8), size: 9)
        default:
            page.text(zone.label.ja, x: mm(zone.x), y: mm(zone.y - 1.5), size: 8)
        }
        for box in boxes { page.rect(x: mm(box.x), y: mm(box.y), width: mm(box.width), height: mm(box.height), lineWidth: line) }
        switch zone.kind {
        case .choice(let options, _):
            for (option, box) in zip(options, boxes) {
                page.text(option.label.ja, x: mm(box.x + box.width + 1.5), y: mm(box.y + box.height - 0.8), size: 9)
            }
            if let value, let index = options.firstIndex(where: { $0.value == value }) { tick(boxes[index], on: &page) }
        case .checkbox:
            if let value, !value.isEmpty { tick(boxes[0], on: &page) }
        case .date:
            for (era, box) in zip(PaperGeometry.eras, boxes) {
                page.text(era.ja, x: mm(box.x + box.width + 1), y: mm(box.y + box.height - 0.8), size: 9)
            }
            for (index, unit) in ["年", "月", "日"].enumerated() {
                let last = boxes[3 + index * 2 + 1]
                page.text(unit, x: mm(last.x + last.width + 1), y: mm(last.y + last.height - 1.5), size: 9)
            }
            if let value, let era = value.first, let index = PaperGeometry.eras.firstIndex(where: { $0.value == String(era) }) {
                tick(boxes[index], on: &page)
                write(Array(value.dropFirst()), into: Array(boxes[3...]), on: &page)
            }
        case .digits, .katakana:
            if let value { write(Array(value), into: boxes, on: &page) }
        case .text:
            if let value { page.text(value, x: mm(boxes[0].x + 2), y: mm(boxes[0].y + boxes[0].height - 2.5), size: 14) }
        }
    }

    /// One character in the middle of each box, as large as a careful hand writes it.
    private static func write(_ characters: [Character], into boxes: [(x: Double, y: Double, width: Double, height: Double)],
                              on page: inout PDFPage) {
        for (character, box) in zip(characters, boxes) {
            let size = box.height * 0.62 * 72 / 25.4
            let width = character.isASCII ? size / 2 : size  // digits are half-width in the forms' fonts
            page.text(String(character), x: mm(box.x + box.width / 2) - width / 2, y: mm(box.y + box.height * 0.78), size: size)
        }
    }

    /// A hand-drawn ✓ across a tick box.
    private static func tick(_ box: (x: Double, y: Double, width: Double, height: Double), on page: inout PDFPage) {
        page.polyline([(mm(box.x + 0.8), mm(box.y + box.height * 0.5)), (mm(box.x + box.width * 0.4), mm(box.y + box.height - 0.6)),
                       (mm(box.x + box.width + 0.6), mm(box.y - 0.8))], width: 1.6)
    }
}
