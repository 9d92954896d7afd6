/// A municipality's catalog: its sections, the procedures they handle, the life events and
/// the rules that tie them together. Loaded from the YAML files under `Catalog/`.
public struct Catalog: Sendable {
    public let municipality: LocalizedText
    /// In the order a citizen visits them (市民課 first).
    public let sections: [Section]
    public let procedures: [String: Procedure]
    /// In the order the guide offers them.
    public let events: [EventDefinition]
    public let deadlineRules: [String: DeadlineRule]
    public let memberQuestions: [Question]
    public let householdQuestions: [Question]
    /// The paper forms, by id.
    public let forms: [String: FormLayout]
    /// A digest of the catalog files, to tell which version of the rules answered.
    public let version: String
    /// When the counters are open (`hours` in municipality.yaml; 8:30–17:15 when absent).
    public var hours: OpeningHours = .standard
    /// The core systems procedures are handed to (`handoffs.yaml`; none when absent).
    public var handoffTargets: [HandoffTarget] = []
    /// The municipality's 都道府県 and 町字 (`prefecture:` in municipality.yaml, `towns.yaml`); nil when the
    /// catalog does not say where the municipality is.
    public var localAddresses: LocalAddresses?
    /// The OCR-ready paper forms (`paper/*.yaml`), by id.
    public var paperForms: [String: PaperForm] = [:]
    /// The readings staff are offered for a name (`name-readings.csv`).
    public var nameReadings: NameReadings = .empty
    /// The certificates the counter issues and their fees (`certificates.yaml`; none when absent).
    public var certificates = CertificateCatalog()
    /// The citizen screens' texts in more languages (`messages/`).
    public var messages = MessageCatalogs()

    public func event(_ id: String) -> EventDefinition? { events.first { $0.id == id } }
    public func section(_ code: String) -> Section? { sections.first { $0.code == code } }
}

/// A 課 (or its role): where a citizen goes for a procedure.
public struct Section: Sendable, Hashable {
    public let code: String
    public let name: LocalizedText
    /// Where the counter is (建物・階・窓口番号).
    public let place: LocalizedText?
    /// Its queue (tickets, counters, reservations); nil when it does not issue tickets.
    public var queue: SectionQueue? = nil
}

/// One 手続き a section handles.
public struct Procedure: Sendable, Hashable {
    public let code: String
    public let section: String
    public let name: LocalizedText
    /// The form ids it prints.
    public let forms: [String]
    /// 持ち物.
    public let bring: [LocalizedText]
    /// 届出人: who may file (本人, 世帯員, 代理人 with 委任状…).
    public let whoMayFile: [LocalizedText]
    /// May be completed online (スマート申請).
    public let online: Bool
    /// 個人番号利用事務: only these forms may show or store the 個人番号.
    public let handlesMyNumber: Bool
}

/// A life event the guide and the counter know (転入, 出生, …) and the procedures it may trigger.
public struct EventDefinition: Sendable {
    public let id: String
    public let name: LocalizedText
    /// Whom an "always" procedure concerns: the moving members, the newborn, the deceased or everyone.
    public let subject: MemberSet
    /// The dates this event asks for, with their labels; `eventDate` is always there.
    public let dates: [(name: EventDateName, label: LocalizedText)]
    /// The interview: which member and household questions this event asks, in order.
    public let memberQuestions: [String]
    public let householdQuestions: [String]
    /// The addresses its Cases record, in the forms' order (`addresses:`; else the current address only).
    public let addresses: [EventAddress]
    public let triggers: [Trigger]

    public func accepts(_ date: EventDateName) -> Bool { dates.contains { $0.name == date } }
}

/// "This procedure applies when …": one row of an event's table in the catalog.
public struct Trigger: Sendable {
    public let code: String
    public let condition: Condition
    /// The condition as written in the catalog, for people reading a result.
    public let conditionText: String
    /// Overrides whom the procedure concerns (for household conditions: the head).
    public let members: MemberSet?
    public let deadline: DeadlineRule
    /// Prints one form per member named.
    public let perMember: Bool
    /// Why it applies, in words.
    public let reason: LocalizedText
}

/// How a deadline is counted (`JUKI_14`, `KOSEKI_BIRTH_14`, …).
public struct DeadlineRule: Sendable, Hashable {
    public let id: String
    /// The dates to count from, the first one the event has; empty for "no deadline".
    public let from: [EventDateName]
    public let days: Int
    /// Move a last day that falls on a closed day to the next open day.
    public let rollsForward: Bool
    public let description: LocalizedText

    /// The last day, or `nil` when the rule sets none.
    public func lastDay(for event: LifeEvent) -> CivilDate? {
        guard let base = from.lazy.compactMap({ event.date(named: $0) }).first else { return nil }
        let last = base.addingDays(days)
        return rollsForward ? ClosedDays.rollForward(last) : last
    }
}

/// One interview question: a member field or a household fact, with its label and choices.
public struct Question: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case choice([Option])
        case multipleChoice([Option])
        case date
        case yesNo
        case count
        case country
    }

    public struct Option: Sendable, Hashable {
        public let value: String
        public let label: LocalizedText
        /// What this answer of the first person offers the rest of the household, where it is not the same answer
        /// (`others:`; a household whose first person is 勤務先の健康保険（本人） is usually its 扶養家族).
        public var forOthers: String? = nil
    }

    public let id: String
    public let label: LocalizedText
    public let hint: LocalizedText?
    public let kind: Kind
    /// Whom the question can concern (nil: everyone).
    public var scope: QuestionScope? = nil
    /// A household usually answers it alike (`family: true`): the counter offers the first person's answer to the
    /// others not answered yet, marked for staff to check.
    public var family = false
}
