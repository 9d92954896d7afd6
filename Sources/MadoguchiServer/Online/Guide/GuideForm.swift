import Foundation
import MadoguchiCore

/// The guide's household form as the citizen filled it in: the raw texts, the errors to show, and the
/// translation to the guide API's request shape (so the page and the API validate alike).
struct GuideForm: FormValues {
    typealias FieldError = FormFieldError

    static let maxPeople = GuideRequestParser.maxMembers

    let event: EventDefinition
    let people: Int
    var values: [String: String]
    var errors: [FieldError] = []
    /// Whom each member question can concern, from the catalog (set by the page that has the catalog).
    var scopes: [String: QuestionScope] = [:]

    static func scopes(_ catalog: Catalog) -> [String: QuestionScope] {
        Dictionary(catalog.memberQuestions.compactMap { question in question.scope.map { (question.id, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// A fresh form: everyone moving, Japanese nationality, the first two people head and spouse.
    static func initial(event: EventDefinition, people: Int) -> GuideForm {
        var values: [String: String] = [:]
        for index in 0..<people {
            values[memberField(index, .moving)] = "on"
            values[memberField(index, .nationality)] = "JP"
            let relation: Relation
            switch (event.subject, index) {
            case (.newborn, people - 1) where people > 1: relation = .newborn
            case (_, 0): relation = .head
            case (_, 1): relation = .spouse
            default: relation = .child
            }
            values[memberField(index, .relation)] = relation.rawValue
        }
        return GuideForm(event: event, people: people, values: values)
    }

    static func memberField(_ index: Int, _ input: MemberInput) -> String {
        index < memberFields.count ? memberFields[index][input]! : "m\(index)-\(input.rawValue)"
    }

    /// The names of every member question of every person, made once: a posted form reads each of them, and
    /// building the name each time was most of reading a form (4 % of the result page).
    private static let memberFields: [[MemberInput: String]] = (0..<maxPeople).map { index in
        Dictionary(uniqueKeysWithValues: MemberInput.allCases.map { ($0, "m\(index)-\($0.rawValue)") })
    }
    static func benefitField(_ index: Int, _ value: String) -> String { "m\(index)-receives-\(value)" }

    func error(for id: String) -> String? { errors.first { $0.fieldID == id }?.message }

    /// The dates, relations, sexes and birth dates that are missing or not a date, all at once, named as
    /// the API names them (`members[1].birthDate`), so the citizen can fix every one in one go.
    func basicErrors() -> [GuideError] {
        var errors: [GuideError] = []
        func checkDate(_ id: String, field: String, required: Bool) {
            let text = value(id).trimmedOfSpaces
            if text.isEmpty {
                if required { errors.append(GuideError(.missingField, "\(field) is required.", field: field)) }
            } else if DateInput.parse(text) == nil {
                errors.append(GuideError(.invalidDate, "\(field) is not a real date: '\(text.prefix(40))'.", field: field))
            }
        }
        for (name, _) in event.dates { checkDate(name.rawValue, field: name.rawValue, required: name == .eventDate) }
        for index in 0..<people {
            for input in [MemberInput.relation, .sex] where value(Self.memberField(index, input)).isEmpty {
                errors.append(GuideError(.missingField, "\(input.rawValue) is required.", field: "members[\(index)].\(input.rawValue)"))
            }
            checkDate(Self.memberField(index, .birthDate), field: "members[\(index)].birthDate", required: true)
            // Health insurance decides 国民健康保険 and more: asked of everyone but a newborn, never assumed.
            if event.memberQuestions.contains(MemberInput.insurance.rawValue),
               value(Self.memberField(index, .relation)) != Relation.newborn.rawValue,
               value(Self.memberField(index, .insurance)).isEmpty {
                errors.append(GuideError(.missingField, "insurance is required.", field: "members[\(index)].insurance"))
            }
        }
        return errors
    }

    /// The guide API request this form stands for.
    func request() -> JSONValue {
        var body: [String: JSONValue] = ["event": .string(event.id)]
        for (name, _) in event.dates {
            let text = value(name.rawValue).trimmedOfSpaces
            if !text.isEmpty { body[name.rawValue] = .string(text) }
        }
        var household: [String: JSONValue] = [:]
        for id in event.householdQuestions {
            switch HouseholdInput(rawValue: id) {
            case .fromAbroad: body["from"] = .object(["abroad": .bool(isOn(id))])
            case .dogs, .mopeds: household[id] = Self.number(value(id))
            case nil: break
            }
        }
        body["household"] = .object(household)
        let on = DateInput.parse(value(EventDateName.eventDate.rawValue))
        body["members"] = .array((0..<people).map { member($0, on: on) })
        return .object(body)
    }

    private func member(_ index: Int, on: CivilDate?) -> JSONValue {
        var fields: [String: JSONValue] = ["id": .string(String(index + 1))]
        // A question that cannot concern this person (by age, sex or relation) is not passed on, whatever was sent.
        let relation = Relation(rawValue: value(Self.memberField(index, .relation)))
        let sex = Sex(rawValue: value(Self.memberField(index, .sex)))
        let birth = DateInput.parse(value(Self.memberField(index, .birthDate)))
        for id in ["relation", "sex", "birthDate"] + event.memberQuestions {
            guard let input = MemberInput(rawValue: id) else { continue }
            if let scope = scopes[id], !scope.applies(relation: relation, sex: sex, birthDate: birth, on: on) { continue }
            let key = Self.memberField(index, input)
            switch input {
            case .receives:
                fields[id] = .array(Benefit.allCases.map(\.rawValue).filter { isOn(Self.benefitField(index, $0)) }.map(JSONValue.string))
            case .pensionCategory:
                if !value(key).isEmpty { fields[id] = Self.number(value(key)) }
            case _ where input.isYesNo:
                fields[id] = .bool(isOn(key))
            default:
                let text = value(key).trimmedOfSpaces
                if !text.isEmpty { fields[id] = .string(text) }
            }
        }
        return .object(fields)
    }

    private static func number(_ text: String) -> JSONValue {
        let trimmed = text.trimmedOfSpaces
        if trimmed.isEmpty { return .null }
        if let n = Int(trimmed) { return .number(Double(n)) }
        return .string(trimmed)
    }

    /// The form field an API error path points at: `members[2].birthDate` → `m2-birthDate`.
    static func fieldID(forAPIField field: String?) -> String {
        guard let field else { return "form" }
        switch field {
        case "household.dogs": return "dogs"
        case "household.mopeds": return "mopeds"
        case "from.abroad": return "fromAbroad"
        default: break
        }
        guard field.hasPrefix("members["), let close = field.firstIndex(of: "]") else { return field }
        let index = field[field.index(field.startIndex, offsetBy: 8)..<close]
        let rest = field[field.index(after: close)...]
        guard rest.hasPrefix(".") else { return "m\(index)" }
        let name = rest.dropFirst().prefix { $0 != "[" }
        return "m\(index)-\(name)"
    }
}
