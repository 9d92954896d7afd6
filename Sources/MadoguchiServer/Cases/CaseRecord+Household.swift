import Foundation
import MadoguchiCore

/// How the rows that store a Case read as the core's `CaseHousehold`: dates as ISO text, addresses as JSON,
/// people as `case_members` rows with their answers as JSON. (`CaseRows` writes them, with the same value
/// mappings below.) The 個人番号 is not part of it: the store seals a new one, and it is never read back.
extension CaseRecord {
    /// The household as stored, people in order.
    func household(members: [CaseMemberRecord]) -> CaseHousehold {
        var household = CaseHousehold(eventKind: eventKind)
        household.eventDate = eventDate.flatMap(CivilDate.init(iso:))
        household.notificationDate = notificationDate.flatMap(CivilDate.init(iso:))
        household.plannedMoveOutDate = plannedMoveOutDate.flatMap(CivilDate.init(iso:))
        household.knownDate = knownDate.flatMap(CivilDate.init(iso:))
        household.fromAbroad = fromAbroad
        household.dogs = dogs
        household.mopeds = mopeds
        for (kind, stored) in [(EventAddress.Kind.old, oldAddress), (.new, newAddress)] {
            if let address = stored?.address { household.addresses[kind] = address }
        }
        household.people = members.sorted { $0.position < $1.position }.map(\.person)
        return household
    }
}

extension CaseMemberRecord {
    /// The person as stored (the 個人番号 stays sealed in the row).
    var person: CasePerson {
        var person = CasePerson()
        person.id = id
        person.residentCode = residentCode
        person.familyName = familyName
        person.givenName = givenName
        person.familyKana = familyKana
        person.givenKana = givenKana
        person.birthDate = birthDate.flatMap(CivilDate.init(iso:))
        person.sex = Sex(rawValue: sex)
        person.relation = Relation(rawValue: relation)
        person.nationality = nationality
        person.residenceStatus = residenceStatus
        person.residenceExpiry = residenceExpiry.flatMap(CivilDate.init(iso:))
        person.residenceCardNumber = residenceCardNumber
        person.answers = facts.answers
        return person
    }
}

extension MemberFacts {
    init(_ answers: InterviewAnswers) {
        self.init(moving: answers.moving, insurance: answers.insurance.rawValue, pensionCategory: answers.pensionCategory,
                  careCertification: answers.careCertification.rawValue, myNumberCard: answers.myNumberCard.rawValue,
                  receives: answers.receives.map(\.rawValue).sorted(),
                  flags: Member.flagInputs.map(\.rawValue).filter(answers.flags.contains))
    }

    /// The answers in the rules' terms; a value no longer known reads as not answered.
    var answers: InterviewAnswers {
        var answers = InterviewAnswers()
        answers.moving = moving
        answers.insurance = Insurance(rawValue: insurance) ?? .none
        answers.pensionCategory = pensionCategory
        answers.careCertification = CareCertification(rawValue: careCertification) ?? .none
        answers.myNumberCard = MyNumberCard(rawValue: myNumberCard) ?? .none
        answers.receives = Set(receives.compactMap(Benefit.init(rawValue:)))
        answers.flags = Set(flags)
        return answers
    }
}

extension AddressRecord {
    init(_ address: Address) {
        self.init(postcode: address.postcode?.digits ?? "", prefecture: address.prefecture.rawValue, city: address.city,
                  town: address.town, banchi: address.banchi, katagaki: address.katagaki ?? "")
    }

    /// The address checked again; nil for a stored value that no longer passes (it reads as not entered).
    var address: Address? {
        try? Address(prefecture: prefecture, city: city, town: town, banchi: banchi,
                     katagaki: katagaki.isEmpty ? nil : katagaki, postcode: postcode.isEmpty ? nil : postcode)
    }
}
