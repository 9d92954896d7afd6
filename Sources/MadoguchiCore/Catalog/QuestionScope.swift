/// Whom a member question can concern, so nobody is asked what cannot apply to them: a pension category only
/// between 20 and 59, pregnancy only of women, a nursery only for small children. Catalog data
/// (`asks: {ages: "20-59", sex: female, relations: [spouse]}` on a question in questions.yaml); a question
/// without it is asked of everyone. An answer to a question that does not apply is ignored.
public struct QuestionScope: Sendable, Hashable {
    /// Age in whole years on the event's date (民法 age, as `LegalAge` counts), both ends included.
    public let minAge: Int?
    public let maxAge: Int?
    public let sex: Sex?
    public let relations: Set<Relation>?

    public init(minAge: Int? = nil, maxAge: Int? = nil, sex: Sex? = nil, relations: Set<Relation>? = nil) {
        self.minAge = minAge
        self.maxAge = maxAge
        self.sex = sex
        self.relations = relations
    }

    /// Whether the question applies to a person; what is not known yet (no birth date typed) does not exclude.
    public func applies(relation: Relation?, sex: Sex?, birthDate: CivilDate?, on date: CivilDate?) -> Bool {
        if let wanted = self.sex, let sex, sex != wanted { return false }
        if let relations, let relation, !relations.contains(relation) { return false }
        if let birthDate, let date, birthDate <= date {
            let age = LegalAge.age(bornOn: birthDate, on: date)
            if let minAge, age < minAge { return false }
            if let maxAge, age > maxAge { return false }
        }
        return true
    }

    /// `20-59`, `40-` or `-5`: the ages as the catalog writes them; nil when not that form.
    public static func ages(_ text: String) -> (min: Int?, max: Int?)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { String($0.filter { $0 != " " }) }
        guard parts.count == 2, !(parts[0].isEmpty && parts[1].isEmpty) else { return nil }
        let low = parts[0].isEmpty ? nil : Int(parts[0]), high = parts[1].isEmpty ? nil : Int(parts[1])
        if !parts[0].isEmpty, low == nil { return nil }
        if !parts[1].isEmpty, high == nil { return nil }
        if let low, let high, low > high { return nil }
        if let low, low < 0 { return nil }
        return (low, high)
    }

    /// What a page's script needs to hide the question: `data-` attributes.
    public var attributes: [String: String] {
        var attributes: [String: String] = [:]
        if minAge != nil || maxAge != nil { attributes["data-ages"] = "\(minAge.map(String.init) ?? "")-\(maxAge.map(String.init) ?? "")" }
        if let sex { attributes["data-sex"] = sex.rawValue }
        if let relations { attributes["data-relations"] = relations.map(\.rawValue).sorted().joined(separator: " ") }
        return attributes
    }
}
