extension Relation {
    /// 続柄 as a 住民票 prints it: 世帯主, 妻 or 夫, 子, 父 or 母 — never 「妻・夫」, which no resident record
    /// shows and a section cannot file. Without a known sex a spouse is 配偶者 and a parent 親 (words the
    /// register does not use either, but true, and a clerk sees at once that the sex is missing).
    public func residentRecordName(sex: Sex?) -> String {
        switch self {
        case .head: "世帯主"
        case .spouse: sex == .female ? "妻" : sex == .male ? "夫" : "配偶者"
        case .child, .newborn: "子"
        case .parent: sex == .female ? "母" : sex == .male ? "父" : "親"
        case .other: "その他"
        }
    }

    /// The same in English, for English pages.
    public func englishName(sex: Sex?) -> String {
        switch self {
        case .head: "head of household"
        case .spouse: sex == .female ? "wife" : sex == .male ? "husband" : "spouse"
        case .child, .newborn: "child"
        case .parent: sex == .female ? "mother" : sex == .male ? "father" : "parent"
        case .other: "other"
        }
    }
}
