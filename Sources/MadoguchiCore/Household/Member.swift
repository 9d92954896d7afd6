/// One person in the household a life event concerns, as the guide and the counter interview describe them.
///
/// The raw values are the public API's spellings (`docs/guide-api.md`); the catalog's conditions use them too.
public struct Member: Sendable, Hashable {
    public var id: String
    public var relation: Relation
    public var sex: Sex
    public var birthDate: CivilDate
    /// ISO 3166-1 alpha-2.
    public var nationality: String = "JP"
    public var moving: Bool = true
    public var insurance: Insurance = .none
    public var pensionCategory: Int?
    public var careCertification: CareCertification = .none
    public var myNumberCard: MyNumberCard = .none
    public var receives: Set<Benefit> = []
    public var disabilityCertificate = false
    public var pregnant = false
    public var needsNursery = false
    public var wantsSealRegistration = false
    public var sealRegistered = false
    public var publicServant = false
    public var deceased = false
    public var nameChanges = false
    public var custodialParent = false
    public var joinsSpouseEmployeeInsurance = false

    public init(id: String, relation: Relation, sex: Sex, birthDate: CivilDate) {
        self.id = id
        self.relation = relation
        self.sex = sex
        self.birthDate = birthDate
    }

    /// 世帯主 or spouse: the catalog's "parent".
    public var isParent: Bool { relation == .head || relation == .spouse }
    /// A child of the household, the newborn included.
    public var isChild: Bool { relation == .child || relation == .newborn }
}

public enum Relation: String, CaseIterable, Sendable { case head, spouse, child, parent, other, newborn }
public enum Sex: String, CaseIterable, Sendable { case male, female }
public enum Insurance: String, CaseIterable, Sendable {
    case employee, dependent, national, lateElderly = "late-elderly", welfare, none
}
public enum CareCertification: String, CaseIterable, Sendable {
    case none, support1, support2, care1, care2, care3, care4, care5
}
public enum MyNumberCard: String, CaseIterable, Sendable { case none, standard, faceAuth = "face-auth" }
public enum Benefit: String, CaseIterable, Sendable {
    case childAllowance = "child-allowance", childRearingAllowance = "child-rearing-allowance", pension
}
