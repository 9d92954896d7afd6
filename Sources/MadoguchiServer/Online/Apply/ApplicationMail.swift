import Foundation
import MadoguchiCore

/// The mails a citizen gets about an online application, in plain text (Japanese, then English).
enum ApplicationMail {
    static func submitted(record: CaseRecord, catalog: Catalog, procedures: [CaseProcedure]) -> (subject: String, body: String) {
        let online = procedures.filter { catalog.procedures[$0.code]?.online == true }
        let counter = procedures.filter { catalog.procedures[$0.code]?.online != true }
        var lines = [
            "\(catalog.municipality.ja)です。オンライン申請を受け付けました。",
            "",
            "受付番号：\(record.reference)",
            "",
        ]
        if !online.isEmpty {
            lines.append("■ オンラインで手続きが進みます（担当課が確認します）")
            lines += online.compactMap { catalog.procedures[$0.code].map { "・\($0.name.ja)" } }
            lines.append("")
        }
        if !counter.isEmpty {
            lines.append("■ 窓口での手続き：受付番号（またはQRコード）を窓口かキオスクで見せるだけで、書かずに済みます")
            for procedure in counter {
                guard let definition = catalog.procedures[procedure.code] else { continue }
                lines.append("・\(definition.name.ja)")
                lines += definition.bring.map { "　　持ち物：\($0.ja)" }
            }
            lines.append("")
        }
        lines += ["状況の確認・取り下げ：/status（受付番号と申請者の生年月日）", "",
                  "Your online application was received. Reference: \(record.reference).",
                  "Show the reference (or its QR code) at the counter: you will not need to write anything."]
        return ("【\(catalog.municipality.ja)】オンライン申請を受け付けました（\(record.reference)）", lines.joined(separator: "\n"))
    }

    static func decided(record: CaseRecord, catalog: Catalog, procedure: CaseProcedureRecord) -> (subject: String, body: String) {
        let name = catalog.procedures[procedure.code]?.name.ja ?? procedure.code
        let outcome = procedure.status == .returned ? "差し戻されました" : "受理されました"
        var lines = ["\(catalog.municipality.ja)です。受付番号 \(record.reference) の「\(name)」が\(outcome)。"]
        if let reason = procedure.returnedReason { lines += ["", "理由：\(reason)"] }
        lines += ["", "状況の確認：/status（受付番号と申請者の生年月日）", "",
                  "Reference \(record.reference): \(catalog.procedures[procedure.code]?.name.en ?? procedure.code) was "
                  + (procedure.status == .returned ? "returned" : "accepted") + "."]
        return ("【\(catalog.municipality.ja)】\(name)が\(outcome)（\(record.reference)）", lines.joined(separator: "\n"))
    }
}
