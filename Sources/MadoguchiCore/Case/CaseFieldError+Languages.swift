/// A Case's errors in a language the catalog adds as data (Tiếng Việt, やさしい日本語): the field's label and the
/// message from the message catalogs, keyed by their Japanese, falling back as the language says. A message with a
/// value in it (「41文字あります」) has no key and falls back.
extension CaseFieldError {
    public func message(in event: EventDefinition, _ language: Language, messages: MessageCatalogs) -> String {
        guard language != .ja, language != .en else { return message(in: event, language) }
        let label = field.label(in: event, language, messages: messages)
        let text = messages.text(ja: ja, en: en, in: language)
        return language.isJapanese ? "\(label)：\(text)" : "\(label): \(text)"
    }
}

extension CaseField {
    public func label(in event: EventDefinition, _ language: Language, messages: MessageCatalogs) -> String {
        guard language != .ja, language != .en else { return label(in: event, language) }
        func t(_ pair: (ja: String, en: String)) -> String { messages.text(ja: pair.ja, en: pair.en, in: language) }
        let joined = { (whole: String, part: String) in language.isJapanese ? "\(whole)の\(part)" : "\(whole), \(part)" }
        switch self {
        case .date(let name):
            return event.dates.first { $0.name == name }.map { messages.text($0.label, in: language) } ?? name.rawValue
        case .count(let name):
            return name == "dogs" ? t(("犬の数", "number of dogs")) : name == "mopeds" ? t(("原付の台数", "number of mopeds")) : name
        case .address(let kind, let part):
            let address = messages.text((event.addresses.first { $0.kind == kind } ?? EventAddress.current).label, in: language)
            return joined(address, Self.addressParts[part].map(t) ?? part)
        case .person(let index, let name):
            let person = t(("{0}人目", "Person {0}")).replacingOccurrences(of: "{0}", with: String(index + 1))
            return joined(person, Self.personFields[name].map(t) ?? name)
        }
    }
}
