import Foundation
import MadoguchiCore

/// The mails a citizen gets about an online certificate request, in plain text (Japanese, then English).
enum CertificateOrderMail {
    static func paid(_ order: CertificateOrder, catalog: Catalog, link: String) -> (subject: String, body: String) {
        let lines = ["\(catalog.municipality.ja)です。証明書の郵送請求のお支払いを確認しました。",
                     "", "受付番号：\(order.reference)"] + itemLines(order, catalog) + [
                     "合計：\(order.total)円", "",
                     "職員が本人確認書類を確かめてから、住民登録をしている住所に郵送します。", "状況：\(link)", "",
                     "We received the payment for your certificate request \(order.reference) (\(order.total) yen).",
                     "City staff check your photo ID, then post it to your registered address. State: \(link)"]
        return ("【\(catalog.municipality.ja)】証明書の郵送請求を受け付けました（\(order.reference)）", lines.joined(separator: "\n"))
    }

    static func decided(_ order: CertificateOrder, catalog: Catalog, link: String) -> (subject: String, body: String) {
        let posted = order.state == .issued
        var lines = ["\(catalog.municipality.ja)です。受付番号 \(order.reference) の証明書を"
                     + (posted ? "郵送しました。" : "交付できませんでした。お支払いの全額を返金しました。")]
        lines += itemLines(order, catalog)
        if let refusal = order.refusal, !posted { lines += ["", "理由：\(refusal)"] }
        lines += ["", "状況：\(link)", "",
                  posted ? "Your certificates (\(order.reference)) were posted to your registered address."
                      : "Your certificates (\(order.reference)) could not be issued; the payment was refunded in full."]
        return ("【\(catalog.municipality.ja)】証明書を" + (posted ? "郵送しました" : "交付できませんでした") + "（\(order.reference)）",
                lines.joined(separator: "\n"))
    }

    private static func itemLines(_ order: CertificateOrder, _ catalog: Catalog) -> [String] {
        order.items.items.map { "・\(catalog.certificates.kind($0.kind)?.name.ja ?? $0.kind)　\($0.copies)通" }
    }
}
