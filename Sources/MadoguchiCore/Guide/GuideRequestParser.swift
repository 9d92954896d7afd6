import Foundation

/// Reads a guide request (`docs/guide-api.md`) into a `LifeEvent`, or names the first field that is wrong.
///
/// The online guide's form is turned into the same JSON shape and read here too, so both doors
/// accept and refuse exactly the same households.
public struct GuideRequestParser: Sendable {
    public static let maxMembers = HouseholdRules.maxPeople
    public static let eventDates = HouseholdRules.eventDates
    public static let earliestBirth = HouseholdRules.earliestBirth

    public let catalog: Catalog
    /// How a date text is read: strict ISO for the API; the web form also takes 和暦.
    public let readDate: @Sendable (String) -> CivilDate?

    public init(catalog: Catalog, readDate: @escaping @Sendable (String) -> CivilDate? = { CivilDate(iso: $0) }) {
        self.catalog = catalog
        self.readDate = readDate
    }

    /// Parses a JSON body.
    public func parse(json: Data) throws(GuideError) -> LifeEvent {
        let value: JSONValue
        do {
            value = try JSONReader.parse(Array(json))
        } catch {
            throw GuideError(.invalidJSON, "The body is not valid JSON (or nested deeper than \(JSONReader.maxDepth) levels).")
        }
        return try parse(value)
    }

    public func parse(_ value: JSONValue) throws(GuideError) -> LifeEvent {
        guard case .object(let body) = value else {
            throw GuideError(.invalidType, "The body must be a JSON object, not \(value.kindName).")
        }
        let fields = Fields(values: body, path: "")

        let kind = try fields.requiredString("event")
        guard let definition = catalog.event(kind) else {
            throw GuideError(.invalidValue, "Unknown event '\(kind)'. Known events: "
                + catalog.events.map(\.id).joined(separator: ", ") + ".", field: "event")
        }
        let date = try fields.requiredDate("eventDate", readDate)
        guard Self.eventDates.contains(date) else {
            throw GuideError(.invalidDate, "eventDate must be between 1980-01-01 and 2099-12-31.", field: "eventDate")
        }

        let membersValue = try fields.required("members")
        guard case .array(let items) = membersValue else {
            throw GuideError(.invalidType, "members must be a list, not \(membersValue.kindName).", field: "members")
        }
        guard !items.isEmpty else { throw GuideError(.noMembers, "members must list at least one person.", field: "members") }
        guard items.count <= Self.maxMembers else {
            throw GuideError(.tooManyMembers, "members may list at most \(Self.maxMembers) people, not \(items.count).", field: "members")
        }
        var members: [Member] = []
        for (index, item) in items.enumerated() {
            let member = try parseMember(item, index: index, eventDate: date, definition: definition)
            guard !members.contains(where: { $0.id == member.id }) else {
                throw GuideError(.invalidValue, "Member id '\(member.id)' is used twice.", field: "members[\(index)].id")
            }
            members.append(member)
        }

        var event = LifeEvent(kind: kind, date: date, members: members)
        event.notificationDate = try fields.optionalDate("notificationDate", readDate) ?? date
        let plannedMoveOut = try fields.optionalDate("plannedMoveOutDate", readDate)
        if definition.accepts(.plannedMoveOutDate) { event.plannedMoveOutDate = plannedMoveOut }
        if let known = try fields.optionalDate("knownDate", readDate), definition.accepts(.knownDate) {
            guard known >= date else {
                throw GuideError(.invalidDate, "knownDate cannot be before the date of death.", field: "knownDate",
                                 ja: "死亡を知った日は、亡くなった日より前にはできません。")
            }
            event.knownDate = known
        }
        if let from = try fields.optionalObject("from") {
            event.fromAbroad = try from.bool("abroad") ?? false
        }
        if let household = try fields.optionalObject("household") {
            event.dogs = try household.count("dogs") ?? 0
            event.mopeds = try household.count("mopeds") ?? 0
        }
        try checkSubject(of: event, definition: definition)
        return event
    }

    private func parseMember(_ value: JSONValue, index: Int, eventDate: CivilDate, definition: EventDefinition) throws(GuideError) -> Member {
        let path = "members[\(index)]"
        guard case .object(let object) = value else {
            throw GuideError(.invalidType, "Each member must be an object, not \(value.kindName).", field: path)
        }
        let fields = Fields(values: object, path: path + ".")
        let id = try fields.optionalString("id") ?? String(index + 1)
        guard (1...64).contains(id.count) else {
            throw GuideError(.invalidValue, "A member id must be 1 to 64 characters.", field: path + ".id")
        }
        let relation: Relation = try fields.requiredEnum("relation")
        let birthDate = try fields.requiredDate("birthDate", readDate)
        guard birthDate >= Self.earliestBirth else {
            throw GuideError(.invalidDate, "birthDate is before 1873-01-01.", field: path + ".birthDate")
        }
        guard birthDate <= eventDate else {
            throw GuideError(.invalidDate, "birthDate is after the event date.", field: path + ".birthDate",
                             ja: "生年月日が出来事の日より後になっています。")
        }
        if relation == .newborn, definition.subject == .newborn, birthDate != eventDate {
            throw GuideError(.invalidDate, "The newborn's birthDate must be the event date.", field: path + ".birthDate",
                             ja: "生まれた子の生年月日は、生まれた日と同じにしてください。")
        }
        var member = Member(id: id, relation: relation, sex: try fields.requiredEnum("sex"), birthDate: birthDate)
        if let nationality = try fields.optionalString("nationality") {
            guard let code = HouseholdRules.nationality(nationality) else {
                throw GuideError(.invalidValue, "nationality must be a two-letter ISO 3166-1 code such as JP.", field: path + ".nationality")
            }
            member.nationality = code
        }
        member.moving = try fields.bool("moving") ?? true
        member.insurance = try fields.optionalEnum("insurance") ?? .none
        member.careCertification = try fields.optionalEnum("careCertification") ?? .none
        member.myNumberCard = try fields.optionalEnum("myNumberCard") ?? .none
        if let category = try fields.optionalInt("pensionCategory") {
            guard (1...3).contains(category) else {
                throw GuideError(.invalidValue, "pensionCategory must be 1, 2, 3 or null.", field: path + ".pensionCategory")
            }
            member.pensionCategory = category
        }
        member.receives = try fields.enumSet("receives")
        for input in Member.flagInputs { member[yesNo: input] = try fields.bool(input.rawValue) ?? false }
        return member
    }

    /// The event needs someone it is about: a mover, a newborn, exactly one deceased; and one head at most.
    private func checkSubject(of event: LifeEvent, definition: EventDefinition) throws(GuideError) {
        let members = event.members
        if members.count(where: { $0.relation == .head }) > 1 {
            throw GuideError(.invalidValue, "Only one member can be the head of the household.", field: "members",
                             ja: "世帯主は1人だけ選んでください。")
        }
        switch definition.subject {
        case .moving where !members.contains(where: \.moving):
            throw GuideError(.invalidValue, "At least one member must be moving.", field: "members",
                             ja: "引っ越す人を1人以上選んでください。")
        case .newborn where !members.contains(where: { $0.relation == .newborn }):
            throw GuideError(.missingField, "A birth needs a member with relation \"newborn\".", field: "members",
                             ja: "続柄が「生まれた子」の人を1人以上入力してください。")
        case .deceased where members.count(where: \.deceased) != 1:
            throw GuideError(.invalidValue, "A death needs exactly one member with \"deceased\": true.", field: "members",
                             ja: "亡くなった方を1人だけ選んでください。")
        default:
            break
        }
    }
}

/// The fields of one JSON object, read with the path errors should name.
private struct Fields {
    let values: [String: JSONValue]
    let path: String

    func value(_ key: String) -> JSONValue? {
        guard let value = values[key], value != .null else { return nil }
        return value
    }

    func required(_ key: String) throws(GuideError) -> JSONValue {
        guard let value = value(key) else { throw GuideError(.missingField, "\(key) is required.", field: path + key) }
        return value
    }

    func requiredString(_ key: String) throws(GuideError) -> String {
        guard let text = try optionalString(key) else { throw GuideError(.missingField, "\(key) is required.", field: path + key) }
        return text
    }

    func optionalString(_ key: String) throws(GuideError) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else {
            throw GuideError(.invalidType, "\(key) must be a text, not \(value.kindName).", field: path + key)
        }
        return text
    }

    func requiredDate(_ key: String, _ read: (String) -> CivilDate?) throws(GuideError) -> CivilDate {
        guard let date = try optionalDate(key, read) else { throw GuideError(.missingField, "\(key) is required.", field: path + key) }
        return date
    }

    func optionalDate(_ key: String, _ read: (String) -> CivilDate?) throws(GuideError) -> CivilDate? {
        guard let text = try optionalString(key) else { return nil }
        guard let date = read(text) else {
            throw GuideError(.invalidDate, "\(key) is not a real date in the form YYYY-MM-DD: '\(text.prefix(40))'.", field: path + key)
        }
        return date
    }

    func requiredEnum<E: RawRepresentable & CaseIterable>(_ key: String) throws(GuideError) -> E where E.RawValue == String {
        guard let value: E = try optionalEnum(key) else { throw GuideError(.missingField, "\(key) is required.", field: path + key) }
        return value
    }

    func optionalEnum<E: RawRepresentable & CaseIterable>(_ key: String) throws(GuideError) -> E? where E.RawValue == String {
        guard let text = try optionalString(key) else { return nil }
        guard let value = E(rawValue: text) else {
            throw GuideError(.invalidValue, "\(key) must be one of " + E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                + ", not '\(text.prefix(40))'.", field: path + key)
        }
        return value
    }

    func enumSet<E: RawRepresentable & CaseIterable & Hashable>(_ key: String) throws(GuideError) -> Set<E> where E.RawValue == String {
        guard let value = value(key) else { return [] }
        guard case .array(let items) = value else {
            throw GuideError(.invalidType, "\(key) must be a list, not \(value.kindName).", field: path + key)
        }
        var result = Set<E>()
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item, let element = E(rawValue: text) else {
                throw GuideError(.invalidValue, "\(key) may hold " + E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") + ".",
                                 field: path + key + "[\(index)]")
            }
            result.insert(element)
        }
        return result
    }

    func bool(_ key: String) throws(GuideError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let flag) = value else {
            throw GuideError(.invalidType, "\(key) must be true or false, not \(value.kindName).", field: path + key)
        }
        return flag
    }

    func optionalInt(_ key: String) throws(GuideError) -> Int? {
        guard let value = value(key) else { return nil }
        guard case .number(let number) = value, number.rounded() == number, abs(number) < 1_000_000 else {
            throw GuideError(.invalidType, "\(key) must be a whole number, not \(value.kindName).", field: path + key)
        }
        return Int(number)
    }

    /// A count of things the household has (dogs, mopeds): a whole number from 0 to 99.
    func count(_ key: String) throws(GuideError) -> Int? {
        guard let number = try optionalInt(key) else { return nil }
        guard HouseholdRules.counts.contains(number) else {
            throw GuideError(.invalidValue, "\(key) must be between 0 and 99.", field: path + key)
        }
        return number
    }

    func optionalObject(_ key: String) throws(GuideError) -> Fields? {
        guard let value = value(key) else { return nil }
        guard case .object(let object) = value else {
            throw GuideError(.invalidType, "\(key) must be an object, not \(value.kindName).", field: path + key)
        }
        return Fields(values: object, path: path + key + ".")
    }
}
