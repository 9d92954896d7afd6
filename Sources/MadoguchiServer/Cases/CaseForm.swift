import Foundation
import MadoguchiCore

/// The counter's and the citizen's Case form as typed: values by field id, the errors to show. `input` is the
/// same as the core's `CaseInput`, which `CaseValidator` checks for every door.
///
/// Field ids: `eventDate`…, `dogs`, `mopeds`, `fromAbroad`; addresses `old-postcode` … `new-katagaki`;
/// members `m0-family`, `m0-given`, `m0-familyKana`, `m0-givenKana`, `m0-birthDate`, `m0-sex`, `m0-relation`,
/// `m0-nationality`, `m0-residenceStatus`, `m0-residenceExpiry`, `m0-myNumber`, and the catalog's interview
/// questions as on the guide (`m0-insurance`, `m0-receives-pension`, …).
struct CaseForm: FormValues {
    let event: EventDefinition
    var people: Int
    var values: [String: String]
    var errors: [FormFieldError] = []
    /// Fields just filled from a card read, marked on the screen.
    var changed: Set<String> = []

    func error(for id: String) -> String? { errors.first { $0.fieldID == id }?.message }
    func isChanged(_ id: String) -> Bool { changed.contains(id) }

    /// The form filled from what is stored. The 個人番号 is never put back into a field; only its masked form
    /// is shown.
    init(event: EventDefinition, record: CaseRecord, members: [CaseMemberRecord]) {
        self.init(event: event, input: CaseInput(record.household(members: members)))
        for (index, member) in members.sorted(by: { $0.position < $1.position }).enumerated() {
            if let last4 = member.myNumberLast4 { values["m\(index)-myNumberMasked"] = "**** **** " + last4 }
        }
    }

    init(event: EventDefinition, people: Int, values: [String: String]) {
        self.event = event
        self.people = people
        self.values = values
    }

    /// The form showing an input.
    init(event: EventDefinition, input: CaseInput) {
        var values: [String: String] = ["dogs": input.dogs, "mopeds": input.mopeds]
        for (name, text) in input.dates { values[name.rawValue] = text }
        if input.fromAbroad { values["fromAbroad"] = "on" }
        for (kind, address) in input.addresses {
            for part in AddressInput.parts { values["\(kind.rawValue)-\(part)"] = address[part] }
        }
        for (index, person) in input.people.enumerated() {
            let m = "m\(index)-"
            for field in ["id", "residentCode"] + PersonInput.identityFields where !person[field].isEmpty { values[m + field] = person[field] }
            for (question, answer) in person.answers where !answer.isEmpty { values[m + question] = answer }
        }
        self.init(event: event, people: input.people.count, values: values)
    }

    /// The form's values as the core's input: field ids `eventDate`, `old-town`, `m0-family`, `m0-insurance`, ….
    var input: CaseInput {
        var input = CaseInput()
        for name in EventDateName.allCases { input.dates[name] = value(name.rawValue) }
        input.fromAbroad = isOn("fromAbroad")
        input.dogs = value("dogs")
        input.mopeds = value("mopeds")
        for kind in EventAddress.Kind.allCases { input.addresses[kind] = address(kind) }
        for index in 0..<people {
            let m = "m\(index)-"
            var person = PersonInput()
            for field in ["id", "residentCode"] + PersonInput.identityFields { person[field] = value(m + field) }
            person.removeMyNumber = isOn(m + "removeMyNumber")
            for (key, answer) in values where key.hasPrefix(m) {
                let question = String(key.dropFirst(m.count))
                if !Self.formOnlyFields.contains(question) && !PersonInput.identityFields.contains(question) { person.answers[question] = answer }
            }
            input.people.append(person)
        }
        return input
    }

    /// An address as typed: fields `old-postcode` … `old-katagaki`.
    func address(_ kind: EventAddress.Kind) -> AddressInput {
        var address = AddressInput()
        for part in AddressInput.parts { address[part] = value("\(kind.rawValue)-\(part)") }
        return address
    }

    /// Per-person fields of the form that are not the person's data.
    private static let formOnlyFields: Set<String> = ["id", "residentCode", "removeMyNumber", "myNumberMasked"]

    /// The checked household, or the form's errors, each naming the person and the field in the page's language.
    func validated(_ language: Language = .ja, messages: MessageCatalogs? = nil) -> Result<CaseHousehold, CaseFormErrors> {
        switch CaseValidator(event: event, today: CaseDocuments.today()).validate(input) {
        case .success(let household): .success(household)
        case .failure(let failure):
            .failure(CaseFormErrors(errors: failure.errors.map { error in
                FormFieldError(fieldID: error.field.formID,
                               message: messages.map { Ruby.marked(error.message(in: event, language, messages: $0)) } ?? error.message(in: event, language))
            }))
        }
    }
}

struct CaseFormErrors: Error {
    let errors: [FormFieldError]
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
