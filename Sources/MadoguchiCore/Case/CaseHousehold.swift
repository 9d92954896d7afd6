import Foundation

/// What a Case says about its household: the event's dates, the addresses, the people and their interview
/// answers. The one shape every door fills — the counter's form, the online application, the card reader's
/// items, a paper form read by OCR — after `CaseValidator` has checked it, and the one the store maps to rows.
///
/// A draft may be incomplete (a name still empty, a birth date unknown); `gaps(for:)` says what confirming
/// still needs, and `lifeEvent` is what the rules evaluate once the facts they read are all there.
public struct CaseHousehold: Sendable, Equatable {
    public var eventKind: String
    public var eventDate: CivilDate?
    public var notificationDate: CivilDate?
    public var plannedMoveOutDate: CivilDate?
    public var knownDate: CivilDate?
    public var fromAbroad = false
    public var dogs = 0
    public var mopeds = 0
    /// By kind: the address the household leaves (or lives at) and the one it goes to.
    public var addresses: [EventAddress.Kind: Address] = [:]
    /// In the forms' order: the first is usually the head of household.
    public var people: [CasePerson] = []

    public init(eventKind: String) {
        self.eventKind = eventKind
    }

    /// The household the guide described (online applications start from it): the interview answers and
    /// what the rules needed; names and addresses are filled in afterwards.
    public init(_ event: LifeEvent) {
        self.eventKind = event.kind
        eventDate = event.date
        notificationDate = event.notificationDate == event.date ? nil : event.notificationDate
        plannedMoveOutDate = event.plannedMoveOutDate
        knownDate = event.knownDate == event.date ? nil : event.knownDate
        fromAbroad = event.fromAbroad
        dogs = event.dogs
        mopeds = event.mopeds
        people = event.members.map(CasePerson.init)
    }

    /// The life event the rules see: nil until the Case has an event date and every person a relation, a
    /// sex and a birth date on or before it. People are numbered from 1 in order, as procedures name them.
    public var lifeEvent: LifeEvent? {
        guard let date = eventDate, !people.isEmpty else { return nil }
        var members: [Member] = []
        for (index, person) in people.enumerated() {
            guard let member = person.member(id: String(index + 1)), member.birthDate <= date else { return nil }
            members.append(member)
        }
        var event = LifeEvent(kind: eventKind, date: date, members: members)
        event.notificationDate = notificationDate ?? date
        event.plannedMoveOutDate = plannedMoveOutDate
        event.knownDate = knownDate.map { max($0, date) } ?? date
        event.fromAbroad = fromAbroad
        event.dogs = dogs
        event.mopeds = mopeds
        return event
    }

    /// What is still missing before the Case can be confirmed or submitted; which addresses are needed comes
    /// from the event's catalog file.
    public func gaps(for event: EventDefinition) -> [CaseGap] {
        let completeness = people.map { person in
            CaseCompleteness.Person(
                hasName: !person.familyName.isEmpty && !person.givenName.isEmpty,
                hasKana: !person.familyKana.isEmpty && !person.givenKana.isEmpty,
                hasBirthDate: person.birthDate != nil, hasSex: person.sex != nil, hasRelation: person.relation != nil)
        }
        var gaps = CaseCompleteness.gaps(event: event, hasEventDate: eventDate != nil, people: completeness,
                                         addresses: Set(addresses.keys))
        if gaps.isEmpty, lifeEvent == nil { gaps.append(.datesDisagree) }
        return gaps
    }
}

/// One person of a Case's household.
public struct CasePerson: Sendable, Equatable {
    /// The stored person this is; nil for someone added since the Case was last saved.
    public var id: UUID?
    /// 住民票コード, when the person was taken from the resident records.
    public var residentCode: String?
    /// 氏名, byte-exact as entered or read (never normalized); empty while not yet entered.
    public var familyName = ""
    public var givenName = ""
    /// フリガナ in katakana.
    public var familyKana = ""
    public var givenKana = ""
    public var birthDate: CivilDate?
    public var sex: Sex?
    public var relation: Relation?
    /// ISO 3166-1 alpha-2.
    public var nationality = "JP"
    /// Foreign residents: 在留資格, 在留期間満了日 and the 在留カード番号 (two letters, eight digits, two letters).
    public var residenceStatus: String?
    public var residenceExpiry: CivilDate?
    public var residenceCardNumber: String?
    /// What happens to the stored 個人番号 (it is never read back into this type).
    public var myNumber: MyNumberChange = .keep
    public var answers = InterviewAnswers()

    public init() {}

    /// A person as the guide describes them: no name yet.
    public init(_ member: Member) {
        birthDate = member.birthDate
        sex = member.sex
        relation = member.relation
        nationality = member.nationality
        answers = InterviewAnswers(member)
    }

    /// The member the rules see, or nil while relation, sex or birth date is missing.
    public func member(id: String) -> Member? {
        guard let relation, let sex, let birthDate else { return nil }
        var member = Member(id: id, relation: relation, sex: sex, birthDate: birthDate)
        member.nationality = nationality
        answers.apply(to: &member)
        return member
    }
}

/// A change to a person's stored 個人番号: kept as it is, replaced by a newly entered one, or removed.
public enum MyNumberChange: Sendable, Equatable {
    case keep
    case set(MyNumber)
    case remove
}

/// A person's answers to the interview's questions (the catalog's `memberQuestions`), in the rules' terms.
public struct InterviewAnswers: Sendable, Equatable {
    public var moving = true
    public var insurance: Insurance = .none
    public var pensionCategory: Int?
    public var careCertification: CareCertification = .none
    public var myNumberCard: MyNumberCard = .none
    public var receives: Set<Benefit> = []
    /// The yes/no facts that are true, by input name (`pregnant`, `wantsSealRegistration`, …; not `moving`).
    public var flags: Set<String> = []

    public init() {}

    public init(_ member: Member) {
        moving = member.moving
        insurance = member.insurance
        pensionCategory = member.pensionCategory
        careCertification = member.careCertification
        myNumberCard = member.myNumberCard
        receives = member.receives
        flags = Set(member.flags)
    }

    public func apply(to member: inout Member) {
        member.moving = moving
        member.insurance = insurance
        member.pensionCategory = pensionCategory
        member.careCertification = careCertification
        member.myNumberCard = myNumberCard
        member.receives = receives
        member.setFlags(flags)
    }
}
