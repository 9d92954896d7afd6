/// What a Case still lacks before it can be confirmed (or an online application submitted): one list
/// for the counter, the citizen's check page and the submission, each gap naming the person and the field
/// in the reader's language. Which addresses are needed comes from the event's catalog file, not from code.
public enum CaseGap: Sendable, Hashable {
    case eventDate
    case nobody
    /// `person` counts from 1, as the forms number people.
    case name(person: Int)
    case kana(person: Int)
    case birthDate(person: Int)
    case sex(person: Int)
    case relation(person: Int)
    case address(EventAddress)
    /// Every field is there, but the dates contradict each other (someone born after the event).
    case datesDisagree

    public func text(_ language: Language) -> String {
        let en = !language.isJapanese
        switch self {
        case .eventDate: return en ? "the date of the event" : "できごとの日付"
        case .nobody: return en ? "the people the notification is for" : "届出の対象者"
        case .name(let person): return en ? "person \(person)'s name" : "\(person)人目の氏名"
        case .kana(let person): return en ? "person \(person)'s name in kana" : "\(person)人目のフリガナ"
        case .birthDate(let person): return en ? "person \(person)'s date of birth" : "\(person)人目の生年月日"
        case .sex(let person): return en ? "person \(person)'s sex" : "\(person)人目の性別"
        case .relation(let person): return en ? "person \(person)'s relation to the head" : "\(person)人目の続柄"
        case .address(let address): return address.label.text(en ? .en : .ja)
        case .datesDisagree: return en ? "a date of birth (it is after the date of the event)" : "生年月日（できごとの日より後になっています）"
        }
    }

    /// The gaps as one sentence's list: `できごとの日付、1人目の氏名` / `the date of the event, person 1's name`.
    public static func list(_ gaps: [CaseGap], _ language: Language) -> String {
        gaps.map { $0.text(language) }.joined(separator: language.isJapanese ? "、" : ", ")
    }
}

/// Finds the gaps of a Case from what it records.
public enum CaseCompleteness {
    /// What is filled in for one person.
    public struct Person: Sendable {
        public var hasName: Bool
        public var hasKana: Bool
        public var hasBirthDate: Bool
        public var hasSex: Bool
        public var hasRelation: Bool

        public init(hasName: Bool, hasKana: Bool, hasBirthDate: Bool, hasSex: Bool, hasRelation: Bool) {
            self.hasName = hasName
            self.hasKana = hasKana
            self.hasBirthDate = hasBirthDate
            self.hasSex = hasSex
            self.hasRelation = hasRelation
        }
    }

    /// In the order a reader fills them in: the date, then each person, then the event's addresses.
    public static func gaps(event: EventDefinition, hasEventDate: Bool, people: [Person],
                            addresses recorded: Set<EventAddress.Kind>) -> [CaseGap] {
        var gaps: [CaseGap] = []
        if !hasEventDate { gaps.append(.eventDate) }
        if people.isEmpty { gaps.append(.nobody) }
        for (index, person) in people.enumerated() {
            let number = index + 1
            if !person.hasName { gaps.append(.name(person: number)) }
            if !person.hasKana { gaps.append(.kana(person: number)) }
            if !person.hasBirthDate { gaps.append(.birthDate(person: number)) }
            if !person.hasSex { gaps.append(.sex(person: number)) }
            if !person.hasRelation { gaps.append(.relation(person: number)) }
        }
        // The event's own order is the form's: for a move-in, the previous address comes first.
        for address in event.addresses where address.required && !recorded.contains(address.kind) {
            gaps.append(.address(address))
        }
        return gaps
    }
}
