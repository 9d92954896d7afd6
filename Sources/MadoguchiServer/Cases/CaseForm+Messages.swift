import MadoguchiCore

/// How the Case form names its fields in an error: the person and the field as the page labels them, in the
/// page's language — 「2人目の名：41文字あります。40文字までで入力してください。」, not "is 41 characters long".
extension CaseForm {
    private static let memberFields: [String: (ja: String, en: String)] = [
        "family": ("氏", "family name"), "given": ("名", "given name"),
        "familyKana": ("フリガナ（氏）", "family name in katakana"), "givenKana": ("フリガナ（名）", "given name in katakana"),
        "birthDate": ("生年月日", "date of birth"), "nationality": ("国籍", "nationality"),
        "residenceExpiry": ("在留期間満了日", "residence card expiry"), "myNumber": ("個人番号", "My Number"),
    ]
    private static let addressFields: [String: (ja: String, en: String)] = [
        "postcode": ("郵便番号", "postcode"), "prefecture": ("都道府県", "prefecture"), "city": ("市区町村", "city"),
        "town": ("町字", "town"), "banchi": ("番地", "block number"), "katagaki": ("建物名・部屋番号", "building and room"),
    ]

    /// The label of a field of this form, naming the person for a member's field.
    func fieldLabel(_ id: String, _ language: Language) -> String {
        func t(_ pair: (ja: String, en: String)) -> String { language == .en ? pair.en : pair.ja }
        if id.hasPrefix("m"), let dash = id.firstIndex(of: "-"), let index = Int(id.dropFirst().prefix(upTo: dash)) {
            let name = String(id[id.index(after: dash)...])
            let field = Self.memberFields[name].map(t) ?? name
            return language == .en ? "Person \(index + 1), \(field)" : "\(index + 1)人目の\(field)"
        }
        if let dash = id.firstIndex(of: "-"), let address = Self.addressLabels(for: event, language).first(where: { $0.prefix == id.prefix(upTo: dash) }) {
            let part = Self.addressFields[String(id[id.index(after: dash)...])].map(t) ?? id
            return language == .en ? "\(address.label), \(part)" : "\(address.label)の\(part)"
        }
        if let date = event.dates.first(where: { $0.name.rawValue == id }) { return date.label.text(language) }
        switch id {
        case "dogs": return t(("犬の数", "number of dogs"))
        case "mopeds": return t(("原付の台数", "number of mopeds"))
        default: return id
        }
    }

    /// `label：message` in Japanese, `label: message` in English.
    func message(_ id: String, ja: String, en: String, _ language: Language) -> String {
        language == .en ? "\(fieldLabel(id, language)): \(en)" : "\(fieldLabel(id, language))：\(ja)"
    }
}
