import MadoguchiCore
import Vapor

/// The items of an ID card as a reader sends them — 氏名, 住所, 生年月日, 性別, optionally the 個人番号 — and how
/// they go into a person of a Case's household. The identity API and the card agent's reads both use it, and
/// the result is checked by `CaseValidator` like any other door's.
struct IdentityItems: Content, Sendable {
    var name: String?
    var familyName: String?
    var givenName: String?
    var kana: String?
    /// ISO `YYYY-MM-DD`, the card's `YYYYMMDD`, or 和暦.
    var birthDate: String?
    /// `male`/`female`, or the card's ISO 5218 codes `1` (男) / `2` (女) / `9` (not applicable: left to staff).
    var sex: String?
    /// One line, as printed on the card.
    var address: String?
    var myNumber: String?

    /// Puts the items into person `index` of the input (a new person when `index` is the count): `name` splits
    /// at its first space; the address becomes the Case's current address for the first person, or when the
    /// Case has none yet. Throws when the sex is not one the card can hold.
    func fill(_ input: inout CaseInput, person index: Int, caseHasAddress: Bool) throws {
        if index == input.people.count {
            var person = PersonInput()
            person.relation = input.people.isEmpty ? "head" : input.people.count == 1 ? "spouse" : "child"
            person.answers["moving"] = "on"
            input.people.append(person)
        }
        var person = input.people[index]
        var (family, given) = (familyName, givenName)
        if family == nil, let name {
            let parts = name.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\u{3000}" }).map(String.init)
            family = parts.first
            given = parts.count > 1 ? parts[1] : ""
        }
        if let family { person.family = family }
        if let given { person.given = given }
        if let kana {
            let parts = kana.split(maxSplits: 1, whereSeparator: { $0 == " " || $0 == "\u{3000}" }).map(String.init)
            person.familyKana = parts.first ?? ""
            person.givenKana = parts.count > 1 ? parts[1] : ""
        }
        if let birthDate {
            person.birthDate = birthDate.count == 8 && birthDate.allSatisfy({ ("0"..."9").contains($0) })
                ? "\(birthDate.prefix(4))-\(birthDate.dropFirst(4).prefix(2))-\(birthDate.suffix(2))" : birthDate
        }
        // 9 is ISO 5218's "not applicable": the card says nothing, and staff choose as for anyone else.
        if let sex, sex != "9" {
            person.sex = ["1": "male", "2": "female"][sex] ?? sex
            guard Sex(rawValue: person.sex) != nil else {
                throw GuideError(.invalidValue, "sex must be male, female, 1 or 2, not '\(sex.prefix(20))'.", field: "sex")
            }
        }
        if let myNumber { person.myNumber = myNumber }
        input.people[index] = person
        if let address, index == 0 || !caseHasAddress {
            var parts = input.addresses[.old] ?? AddressInput()
            for (part, value) in AddressLine.split(address) { parts[part] = value }
            input.addresses[.old] = parts
        }
    }

    /// The form fields whose value the items changed, for marking them on the screen (`m1-family`, `old-town`).
    static func changedFields(from before: CaseInput, to after: CaseInput, person index: Int) -> [String] {
        var changed: [String] = []
        let old = index < before.people.count ? before.people[index] : PersonInput()
        for field in PersonInput.identityFields where field != "myNumber" && old[field] != after.people[index][field] {
            changed.append(CaseField.person(index, field).formID)
        }
        for part in AddressInput.parts where (before.addresses[.old] ?? AddressInput())[part] != (after.addresses[.old] ?? AddressInput())[part] {
            changed.append(CaseField.address(.old, part).formID)
        }
        return changed
    }
}
