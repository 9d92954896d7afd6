import Foundation

/// The 在留カード items a foreign resident's 住民票 carries (住基法30条の45, 中長期在留者).
public struct ResidenceCard: Sendable, Hashable {
    /// 在留資格 as on the card: `特定技能1号`, `技能実習2号ロ`, `永住者`.
    public let status: String
    /// 在留期間の満了の日; nil only for 永住者, whose stay has no end. Certificates show it in
    /// 西暦, not 和暦 (住民記録システム標準仕様書 1.1.9).
    public let periodEnd: CivilDate?
    /// 在留カード番号: two letters, eight digits, two letters (`AB12345678CD`).
    public let number: String?

    /// Checks the items; the error names the field (`status`, `periodEnd`, `number`).
    public init(status: String, periodEnd: CivilDate?, number: String?) throws(FieldError) {
        let status = RegisterText.trimmingSpaces(status)
        guard ResidenceCard.isKnownStatus(status) else {
            throw FieldError(field: "status", "“\(status)” is not a 在留資格 (e.g. 特定技能1号, 技能実習2号ロ, 永住者, 留学)",
                             ja: "「\(status)」は在留資格ではありません（例 特定技能1号、技能実習2号ロ、永住者、留学）。")
        }
        guard periodEnd != nil || status == "永住者" else {
            throw FieldError(field: "periodEnd", "is required for every 在留資格 but 永住者", ja: "永住者以外は在留期間の満了日が必要です。")
        }
        if let number {
            guard Self.isValidNumber(number) else {
                throw FieldError(field: "number", "must be two capital letters, eight digits and two capital letters (AB12345678CD)",
                                 ja: "英大文字2文字・数字8桁・英大文字2文字で入力してください（AB12345678CD）。")
            }
        }
        self.status = status
        self.periodEnd = periodEnd
        self.number = number
    }

    /// `AB12345678CD`: two capital letters, eight digits, two capital letters.
    public static func isValidNumber(_ number: String) -> Bool {
        let letters = number.unicodeScalars.map { ("A"..."Z").contains($0) }
        let digits = number.unicodeScalars.map { ("0"..."9").contains($0) }
        return letters.count == 12 && letters[0] && letters[1] && digits[2...9].allSatisfy { $0 } && letters[10] && letters[11]
    }

    /// A number as someone typed it: full-width or small letters, spaces or hyphens between; nil when it is none.
    public static func normalizedNumber(_ typed: String) -> String? {
        let halfWidth = typed.applyingTransform(.fullwidthToHalfwidth, reverse: false) ?? typed
        let number = halfWidth.uppercased().filter { !$0.isWhitespace && $0 != "-" }
        return isValidNumber(number) ? number : nil
    }

    /// The 在留資格 of 入管法 別表第一・第二 that a 中長期在留者 can hold (外交, 公用 and 短期滞在
    /// give no 在留カード and so no 住民票). 育成就労 replaces 技能実習 from 2027.
    public static let statuses = [
        "教授", "芸術", "宗教", "報道", "高度専門職", "経営・管理", "法律・会計業務", "医療", "研究", "教育",
        "技術・人文知識・国際業務", "企業内転勤", "介護", "興行", "技能", "特定技能", "技能実習", "育成就労",
        "文化活動", "留学", "研修", "家族滞在", "特定活動", "永住者", "日本人の配偶者等", "永住者の配偶者等", "定住者",
    ]

    /// A listed status, alone or with its 号 (`特定技能1号`, `高度専門職1号イ`, `技能実習2号ロ`).
    static func isKnownStatus(_ text: String) -> Bool {
        statuses.contains { status in
            guard text.hasPrefix(status) else { return false }
            let rest = Array(text.unicodeScalars.dropFirst(status.unicodeScalars.count))
            if rest.isEmpty { return true }
            guard rest.count == 2 || rest.count == 3, ("1"..."3").contains(rest[0]), rest[1] == "号" else { return false }
            return rest.count == 2 || "イロハ".unicodeScalars.contains(rest[2])
        }
    }
}
