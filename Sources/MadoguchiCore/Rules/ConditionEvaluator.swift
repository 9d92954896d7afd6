/// Evaluates a parsed condition against one life event, and remembers which members made it true:
/// those become the procedure's `members`.
struct ConditionEvaluator {
    let event: LifeEvent
    private let facts: [DerivedFacts]
    private let headIndex: Int

    init(event: LifeEvent) {
        self.event = event
        self.facts = event.members.map { DerivedFacts(member: $0, on: event.date) }
        self.headIndex = event.members.firstIndex { $0.relation == .head } ?? 0
    }

    /// Indices of the members in `set`.
    func indices(of set: MemberSet) -> [Int] {
        let members = event.members
        switch set {
        case .members: return Array(members.indices)
        case .moving: return members.indices.filter { members[$0].moving }
        case .parents: return members.indices.filter { members[$0].isParent }
        case .children: return members.indices.filter { members[$0].isChild }
        case .newborn: return members.indices.filter { members[$0].relation == .newborn }
        case .deceased: return members.indices.filter { members[$0].deceased }
        case .survivors: return members.indices.filter { !members[$0].deceased }
        case .survivingParents: return members.indices.filter { members[$0].isParent && !members[$0].deceased }
        case .head: return members.isEmpty ? [] : [headIndex]
        }
    }

    /// Whether `condition` holds; `matched` receives the members whose facts made it hold
    /// (from `any` and `all`; nothing from `none`, `not` or `count`).
    func holds(_ condition: Condition, matched: inout [Int]) -> Bool {
        switch condition {
        case .and(let a, let b):
            var left: [Int] = [], right: [Int] = []
            guard holds(a, matched: &left), holds(b, matched: &right) else { return false }
            matched += left + right
            return true
        case .or(let a, let b):
            var left: [Int] = [], right: [Int] = []
            let l = holds(a, matched: &left), r = holds(b, matched: &right)
            if l { matched += left }
            if r { matched += right }
            return l || r
        case .not(let inner):
            var ignored: [Int] = []
            return !holds(inner, matched: &ignored)
        case .quantified(let quantifier, let set, let predicate):
            let inSet = indices(of: set)
            let hits = inSet.filter { value(predicate, member: $0) == .bool(true) }
            switch quantifier {
            case .any:
                matched += hits
                return !hits.isEmpty
            case .all:
                guard hits.count == inSet.count else { return false }
                matched += hits
                return true
            case .none:
                return hits.isEmpty
            }
        default:
            return value(condition, member: nil) == .bool(true)
        }
    }

    /// The value of an expression; `member` is the member being looked at inside a quantifier.
    private func value(_ condition: Condition, member: Int?) -> ConditionValue {
        switch condition {
        case .literal(let v): return v
        case .member(let fact):
            guard let member else { return .null }
            return facts[member].value(of: fact, member: event.members[member])
        case .event(let fact):
            switch fact {
            case .fromAbroad: return .bool(event.fromAbroad)
            case .dogs: return .int(event.dogs)
            case .mopeds: return .int(event.mopeds)
            }
        case .not(let inner):
            return .bool(value(inner, member: member) != .bool(true))
        case .and(let a, let b):
            return .bool(value(a, member: member) == .bool(true) && value(b, member: member) == .bool(true))
        case .or(let a, let b):
            return .bool(value(a, member: member) == .bool(true) || value(b, member: member) == .bool(true))
        case .compare(let a, let op, let b):
            return .bool(Self.compare(value(a, member: member), op, value(b, member: member)))
        case .contains(let element, let list):
            guard case .list(let items) = value(list, member: member),
                  case .string(let item) = value(element, member: member) else { return .bool(false) }
            return .bool(items.contains(item))
        case .quantified:
            var ignored: [Int] = []
            return .bool(holds(condition, matched: &ignored))
        case .count(let set, let predicate):
            return .int(indices(of: set).count { value(predicate, member: $0) == .bool(true) })
        }
    }

    private static func compare(_ a: ConditionValue, _ op: ComparisonOperator, _ b: ConditionValue) -> Bool {
        switch op {
        case .equal: return a == b
        case .notEqual: return a != b
        default:
            guard case .int(let x) = a, case .int(let y) = b else { return false }
            switch op {
            case .less: return x < y
            case .lessOrEqual: return x <= y
            case .greater: return x > y
            default: return x >= y
            }
        }
    }
}

/// The facts of a member that depend on the event date, computed once per evaluation.
private struct DerivedFacts {
    let age: Int
    let kouki: Bool
    let kaigo1: Bool
    let underChildLimit: Bool
    let schoolAge: Bool

    init(member: Member, on date: CivilDate) {
        let dob = member.birthDate
        age = LegalAge.age(bornOn: dob, on: date)
        kouki = LegalAge.isKouki(bornOn: dob, on: date)
        kaigo1 = LegalAge.isKaigo1(bornOn: dob, on: date)
        underChildLimit = date <= LegalAge.childLimit(bornOn: dob)
        schoolAge = LegalAge.isCompulsorySchoolAge(bornOn: dob, on: date)
    }

    func value(of fact: MemberFact, member m: Member) -> ConditionValue {
        switch fact {
        case .relation: .string(m.relation.rawValue)
        case .sex: .string(m.sex.rawValue)
        case .nationality: .string(m.nationality)
        case .insurance: .string(m.insurance.rawValue)
        case .pensionCategory: m.pensionCategory.map { .int($0) } ?? .null
        case .careCertification: .string(m.careCertification.rawValue)
        case .myNumberCard: .string(m.myNumberCard.rawValue)
        case .receives: .list(m.receives.map(\.rawValue))
        case .moving: .bool(m.moving)
        case .disabilityCertificate: .bool(m.disabilityCertificate)
        case .pregnant: .bool(m.pregnant)
        case .needsNursery: .bool(m.needsNursery)
        case .wantsSealRegistration: .bool(m.wantsSealRegistration)
        case .sealRegistered: .bool(m.sealRegistered)
        case .publicServant: .bool(m.publicServant)
        case .deceased: .bool(m.deceased)
        case .nameChanges: .bool(m.nameChanges)
        case .custodialParent: .bool(m.custodialParent)
        case .joinsSpouseEmployeeInsurance: .bool(m.joinsSpouseEmployeeInsurance)
        case .age: .int(age)
        case .kouki: .bool(kouki)
        case .kaigo1: .bool(kaigo1)
        case .underChildLimit: .bool(underChildLimit)
        case .schoolAge: .bool(schoolAge)
        case .parent: .bool(m.isParent)
        case .child: .bool(m.isChild)
        case .head: .bool(m.relation == .head)
        case .female: .bool(m.sex == .female)
        case .male: .bool(m.sex == .male)
        }
    }
}
