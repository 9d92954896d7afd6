/// A catalog condition, parsed: when a procedure applies to a life event.
///
/// Conditions are written in the catalog files in a small language (see `Catalog/README.md`), for example
/// `any(moving, insurance in ["national", "none"] and not kouki)`. They are parsed and type-checked
/// when the catalog loads, so a typo in a field or an enum value stops the start with the file and line.
public indirect enum Condition: Sendable, Hashable {
    case literal(ConditionValue)
    /// A fact about the member being looked at, inside `any(…)`, `all(…)`, `none(…)` or `count(…)`.
    case member(MemberFact)
    /// A fact about the event or household.
    case event(EventFact)
    case not(Condition)
    case and(Condition, Condition)
    case or(Condition, Condition)
    case compare(Condition, ComparisonOperator, Condition)
    /// `element in list`.
    case contains(element: Condition, list: Condition)
    case quantified(Quantifier, MemberSet, Condition)
    case count(MemberSet, Condition)
}

public enum ConditionValue: Sendable, Hashable {
    case bool(Bool)
    case int(Int)
    case string(String)
    case list([String])
    case null
}

public enum ComparisonOperator: String, Sendable, Hashable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
}

public enum Quantifier: String, Sendable, Hashable { case any, all, none }

/// The members a quantifier ranges over.
public enum MemberSet: String, CaseIterable, Sendable, Hashable {
    /// Everyone listed.
    case members
    /// Members with `moving: true`.
    case moving
    /// 世帯主 and spouse.
    case parents
    /// Relation `child` or `newborn`.
    case children
    case newborn
    case deceased
    /// Everyone but the deceased.
    case survivors
    /// 世帯主 and spouse, but not the deceased: who claims anew after a death.
    case survivingParents
    /// The 世帯主 (or, when nobody is marked head, the first member).
    case head
}

/// What a condition may ask about a member. Derived facts are taken on the event date.
public enum MemberFact: String, CaseIterable, Sendable, Hashable {
    case relation, sex, nationality, insurance, pensionCategory, careCertification, myNumberCard, receives
    case moving, disabilityCertificate, pregnant, needsNursery, wantsSealRegistration, sealRegistered
    case publicServant, deceased, nameChanges, custodialParent, joinsSpouseEmployeeInsurance
    /// Legal age on the event date.
    case age
    /// 後期高齢者医療 age (75th birthday reached).
    case kouki
    /// 介護保険 第1号 age (the day before the 65th birthday reached).
    case kaigo1
    /// The event date is on or before the end of 高校生年代.
    case underChildLimit
    /// 義務教育 age on the event date.
    case schoolAge
    /// Relation `head` or `spouse`.
    case parent
    /// Relation `child` or `newborn`.
    case child
    /// Relation `head`.
    case head
    case female
    case male
}

/// What a condition may ask about the event and the household.
public enum EventFact: String, CaseIterable, Sendable, Hashable {
    case fromAbroad = "from.abroad"
    case dogs = "household.dogs"
    case mopeds = "household.mopeds"
}

/// The static type of an expression, for checking conditions when the catalog loads.
enum ConditionType: Equatable {
    case bool
    case int
    /// A string; `domain` lists the values it can take, when it is an enumeration.
    case string(domain: [String]?)
    case stringList(domain: [String]?)
    case optionalInt
    case null

    var name: String {
        switch self {
        case .bool: "a yes/no value"
        case .int: "a number"
        case .string: "a text value"
        case .stringList: "a list"
        case .optionalInt: "a number or null"
        case .null: "null"
        }
    }
}

extension MemberFact {
    var type: ConditionType {
        switch self {
        case .relation: .string(domain: Relation.allCases.map(\.rawValue))
        case .sex: .string(domain: Sex.allCases.map(\.rawValue))
        case .nationality: .string(domain: nil)
        case .insurance: .string(domain: Insurance.allCases.map(\.rawValue))
        case .careCertification: .string(domain: CareCertification.allCases.map(\.rawValue))
        case .myNumberCard: .string(domain: MyNumberCard.allCases.map(\.rawValue))
        case .receives: .stringList(domain: Benefit.allCases.map(\.rawValue))
        case .pensionCategory: .optionalInt
        case .age: .int
        default: .bool
        }
    }
}

extension EventFact {
    var type: ConditionType { self == .fromAbroad ? .bool : .int }
}
