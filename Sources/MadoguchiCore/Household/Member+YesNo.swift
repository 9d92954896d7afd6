extension Member {
    /// A yes/no fact by its input name: the one place that pairs each name with its property, for the guide
    /// API's parser, the catalog's conditions, the Case's storage (`flags`) and the forms. Not a yes/no input:
    /// false, and setting it does nothing.
    public subscript(yesNo input: MemberInput) -> Bool {
        get {
            switch input {
            case .moving: moving
            case .disabilityCertificate: disabilityCertificate
            case .pregnant: pregnant
            case .needsNursery: needsNursery
            case .wantsSealRegistration: wantsSealRegistration
            case .sealRegistered: sealRegistered
            case .publicServant: publicServant
            case .deceased: deceased
            case .nameChanges: nameChanges
            case .custodialParent: custodialParent
            case .joinsSpouseEmployeeInsurance: joinsSpouseEmployeeInsurance
            case .relation, .sex, .birthDate, .nationality, .insurance, .pensionCategory, .careCertification,
                 .myNumberCard, .receives: false
            }
        }
        set {
            switch input {
            case .moving: moving = newValue
            case .disabilityCertificate: disabilityCertificate = newValue
            case .pregnant: pregnant = newValue
            case .needsNursery: needsNursery = newValue
            case .wantsSealRegistration: wantsSealRegistration = newValue
            case .sealRegistered: sealRegistered = newValue
            case .publicServant: publicServant = newValue
            case .deceased: deceased = newValue
            case .nameChanges: nameChanges = newValue
            case .custodialParent: custodialParent = newValue
            case .joinsSpouseEmployeeInsurance: joinsSpouseEmployeeInsurance = newValue
            case .relation, .sex, .birthDate, .nationality, .insurance, .pensionCategory, .careCertification,
                 .myNumberCard, .receives: break
            }
        }
    }

    /// The yes/no inputs stored as a set of true names (`moving` has its own column: it defaults to yes).
    public static let flagInputs: [MemberInput] = MemberInput.allCases.filter { $0.isYesNo && $0 != .moving }

    /// The flags that are true, by input name, in `MemberInput`'s order.
    public var flags: [String] { Self.flagInputs.filter { self[yesNo: $0] }.map(\.rawValue) }

    /// Sets every flag from a set of true names (names not among the flags are ignored).
    public mutating func setFlags(_ names: Set<String>) {
        for input in Self.flagInputs { self[yesNo: input] = names.contains(input.rawValue) }
    }
}
