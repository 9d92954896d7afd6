import Foundation

/// A Case's household as a door received it, before any check: every value the text it came as. The
/// counter's and the citizen's forms, the card reader's items and (next) a paper form's read zones are each
/// turned into this shape, and `CaseValidator` makes it a `CaseHousehold` or names every field that is wrong.
public struct CaseInput: Sendable, Equatable {
    /// By `EventDateName` (`eventDate`, `notificationDate`, …); an empty or absent text is no date.
    public var dates: [EventDateName: String] = [:]
    public var fromAbroad = false
    public var dogs = ""
    public var mopeds = ""
    public var addresses: [EventAddress.Kind: AddressInput] = [:]
    public var people: [PersonInput] = []

    public init(people: [PersonInput] = []) {
        self.people = people
    }

    /// A stored household as text again, for a door that changes part of it (the 個人番号 is never put back).
    public init(_ household: CaseHousehold) {
        for name in EventDateName.allCases {
            let date: CivilDate? = switch name {
            case .eventDate: household.eventDate
            case .notificationDate: household.notificationDate
            case .plannedMoveOutDate: household.plannedMoveOutDate
            case .knownDate: household.knownDate
            }
            if let date { dates[name] = date.iso }
        }
        fromAbroad = household.fromAbroad
        dogs = String(household.dogs)
        mopeds = String(household.mopeds)
        addresses = household.addresses.mapValues(AddressInput.init)
        people = household.people.map(PersonInput.init)
    }
}

/// An address as typed, part by part.
public struct AddressInput: Sendable, Equatable {
    /// The parts in the forms' order; the names are the field names errors use.
    public static let parts = ["postcode", "prefecture", "city", "town", "banchi", "katagaki"]

    public var postcode = ""
    public var prefecture = ""
    public var city = ""
    public var town = ""
    public var banchi = ""
    public var katagaki = ""

    public init() {}

    public init(_ address: Address) {
        postcode = address.postcode?.digits ?? ""
        prefecture = address.prefecture.rawValue
        city = address.city
        town = address.town
        banchi = address.banchi
        katagaki = address.katagaki ?? ""
    }

    /// A part by its name in `parts`.
    public subscript(part: String) -> String {
        get {
            switch part {
            case "postcode": postcode
            case "prefecture": prefecture
            case "city": city
            case "town": town
            case "banchi": banchi
            case "katagaki": katagaki
            default: ""
            }
        }
        set {
            switch part {
            case "postcode": postcode = newValue
            case "prefecture": prefecture = newValue
            case "city": city = newValue
            case "town": town = newValue
            case "banchi": banchi = newValue
            case "katagaki": katagaki = newValue
            default: break
            }
        }
    }

    public var isEmpty: Bool { Self.parts.allSatisfy { self[$0].trimmingCharacters(in: .whitespaces).isEmpty } }
}

/// One person as typed.
public struct PersonInput: Sendable, Equatable {
    /// The identity fields, by the names errors use; `answers` holds the interview's.
    public static let identityFields = ["family", "given", "familyKana", "givenKana", "birthDate", "sex", "relation",
                                        "nationality", "residenceStatus", "residenceExpiry", "residenceCardNumber", "myNumber"]

    /// The stored person's id (a UUID), empty for a new one.
    public var id = ""
    public var residentCode = ""
    public var family = ""
    public var given = ""
    public var familyKana = ""
    public var givenKana = ""
    public var birthDate = ""
    public var sex = ""
    public var relation = ""
    /// Empty means Japanese (`JP`).
    public var nationality = ""
    public var residenceStatus = ""
    public var residenceExpiry = ""
    public var residenceCardNumber = ""
    /// A newly typed 個人番号; empty keeps what is stored.
    public var myNumber = ""
    public var removeMyNumber = false
    /// The interview's answers by question id, as the guide's form spells them: `insurance`, `pensionCategory`,
    /// `moving` / `pregnant` / … as `on`, and `receives-<benefit>` as `on` for each benefit received.
    public var answers: [String: String] = [:]

    public init() {}

    public init(_ person: CasePerson) {
        id = person.id?.uuidString ?? ""
        residentCode = person.residentCode ?? ""
        family = person.familyName
        given = person.givenName
        familyKana = person.familyKana
        givenKana = person.givenKana
        birthDate = person.birthDate?.iso ?? ""
        sex = person.sex?.rawValue ?? ""
        relation = person.relation?.rawValue ?? ""
        nationality = person.nationality
        residenceStatus = person.residenceStatus ?? ""
        residenceExpiry = person.residenceExpiry?.iso ?? ""
        residenceCardNumber = person.residenceCardNumber ?? ""
        let answers = person.answers
        self.answers["insurance"] = answers.insurance.rawValue
        self.answers["careCertification"] = answers.careCertification.rawValue
        self.answers["myNumberCard"] = answers.myNumberCard.rawValue
        self.answers["pensionCategory"] = answers.pensionCategory.map(String.init) ?? ""
        if answers.moving { self.answers["moving"] = "on" }
        for benefit in answers.receives { self.answers["receives-" + benefit.rawValue] = "on" }
        for flag in answers.flags { self.answers[flag] = "on" }
    }

    /// An identity field by its name in `identityFields` (plus `id` and `residentCode`).
    public subscript(field: String) -> String {
        get {
            switch field {
            case "id": id
            case "residentCode": residentCode
            case "family": family
            case "given": given
            case "familyKana": familyKana
            case "givenKana": givenKana
            case "birthDate": birthDate
            case "sex": sex
            case "relation": relation
            case "nationality": nationality
            case "residenceStatus": residenceStatus
            case "residenceExpiry": residenceExpiry
            case "residenceCardNumber": residenceCardNumber
            case "myNumber": myNumber
            default: ""
            }
        }
        set {
            switch field {
            case "id": id = newValue
            case "residentCode": residentCode = newValue
            case "family": family = newValue
            case "given": given = newValue
            case "familyKana": familyKana = newValue
            case "givenKana": givenKana = newValue
            case "birthDate": birthDate = newValue
            case "sex": sex = newValue
            case "relation": relation = newValue
            case "nationality": nationality = newValue
            case "residenceStatus": residenceStatus = newValue
            case "residenceExpiry": residenceExpiry = newValue
            case "residenceCardNumber": residenceCardNumber = newValue
            case "myNumber": myNumber = newValue
            default: break
            }
        }
    }

    /// A yes/no answer.
    public func isOn(_ question: String) -> Bool { answers[question] == "on" }
}
