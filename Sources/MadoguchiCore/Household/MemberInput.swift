/// The fields a member has on input (guide API, online form, counter interview).
public enum MemberInput: String, CaseIterable, Sendable {
    case relation, sex, birthDate, nationality, moving, insurance, pensionCategory, careCertification
    case myNumberCard, receives, disabilityCertificate, pregnant, needsNursery, wantsSealRegistration
    case sealRegistered, publicServant, deceased, nameChanges, custodialParent, joinsSpouseEmployeeInsurance

    /// The values an enumerated field takes, as spelled in the API.
    public var domain: [String]? {
        switch self {
        case .relation: Relation.allCases.map(\.rawValue)
        case .sex: Sex.allCases.map(\.rawValue)
        case .insurance: Insurance.allCases.map(\.rawValue)
        case .careCertification: CareCertification.allCases.map(\.rawValue)
        case .myNumberCard: MyNumberCard.allCases.map(\.rawValue)
        case .receives: Benefit.allCases.map(\.rawValue)
        case .pensionCategory: ["1", "2", "3"]
        default: nil
        }
    }

    public var isYesNo: Bool {
        switch self {
        case .relation, .sex, .birthDate, .nationality, .insurance, .pensionCategory, .careCertification,
             .myNumberCard, .receives: false
        default: true
        }
    }
}

/// The household facts asked on input.
public enum HouseholdInput: String, CaseIterable, Sendable {
    case fromAbroad, dogs, mopeds
}
