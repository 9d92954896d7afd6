/// 氏名の読みの候補: the readings a name is usually given (`name-readings.csv` in the catalog), so that staff pick
/// a name's フリガナ with one click instead of typing it. Only ever a suggestion — a reading is the person's own
/// (the 戸籍 records it since 2025) — and the suggestions are shown, never filled in by themselves.
public struct NameReadings: Sendable {
    private let family: [String: [String]]
    private let given: [String: [String]]

    /// Every reading of a family name, and of a given name: what a reading read from paper is checked against.
    private let familyReadings: Set<String>
    private let givenReadings: Set<String>

    public init(family: [String: [String]], given: [String: [String]]) {
        self.family = family
        self.given = given
        familyReadings = Set(family.values.joined())
        givenReadings = Set(given.values.joined())
    }

    /// Whether some family name (`family: true`) or given name is read so.
    public func isKnown(reading: String, family isFamily: Bool) -> Bool {
        (isFamily ? familyReadings : givenReadings).contains(reading)
    }

    public static let empty = NameReadings(family: [:], given: [:])

    public var count: Int { family.count + given.count }

    /// Every name with its most common reading, family names then given names, sorted: what test forms are filled
    /// with.
    public var names: (family: [(name: String, reading: String)], given: [(name: String, reading: String)]) {
        (family.sorted { $0.key < $1.key }.map { ($0.key, $0.value[0]) }, given.sorted { $0.key < $1.key }.map { ($0.key, $0.value[0]) })
    }

    /// The readings of a whole name, most likely first, at most `limit`: every pairing of the family name's and
    /// the given name's readings. Empty when either part is unknown. Names are matched exactly, variants apart
    /// (髙橋 is its own entry, never folded into 高橋).
    public func suggestions(family familyName: String, given givenName: String, limit: Int = 4) -> [(family: String, given: String)] {
        guard let familyReadings = family[RegisterText.trimmingSpaces(familyName)],
              let givenReadings = given[RegisterText.trimmingSpaces(givenName)] else { return [] }
        var pairs: [(family: String, given: String)] = []
        // Most likely first: the sum of the two ranks, then the family name's rank.
        for rank in 0..<(familyReadings.count + givenReadings.count) {
            for f in 0...rank where f < familyReadings.count && rank - f < givenReadings.count {
                pairs.append((familyReadings[f], givenReadings[rank - f]))
            }
        }
        return Array(pairs.prefix(limit))
    }

    /// The readings of a family name alone (for a person whose given name is not known yet).
    public func readings(family familyName: String) -> [String] { family[RegisterText.trimmingSpaces(familyName)] ?? [] }

    /// Reads `part,name,readings` lines (readings `|`-separated katakana); `#` lines are comments. A wrong line is
    /// an error naming it: a dictionary that silently skips rows hides a city's additions.
    public static func read(csv text: String) throws(CatalogError) -> NameReadings {
        var family: [String: [String]] = [:], given: [String: [String]] = [:]
        var sawHeader = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.isEmpty || line.hasPrefix("#") { continue }
            func failure(_ message: String) -> CatalogError { CatalogError(file: "name-readings.csv", line: index + 1, message: message) }
            if !sawHeader {
                guard line == "part,name,readings" else { throw failure("the first line must be the header part,name,readings") }
                sawHeader = true
                continue
            }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { throw failure("a line has three fields: part,name,readings") }
            let name = RegisterText.trimmingSpaces(fields[1])
            guard !name.isEmpty else { throw failure("the name is empty") }
            let readings = fields[2].split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard !readings.isEmpty, readings.allSatisfy({ Furigana.normalized($0) == $0 && !$0.contains("\u{3000}") }) else {
                throw failure("readings are full-width katakana separated by |")
            }
            switch fields[0] {
            case "family":
                guard family[name] == nil else { throw failure("family name \(name) appears twice") }
                family[name] = readings
            case "given":
                guard given[name] == nil else { throw failure("given name \(name) appears twice") }
                given[name] = readings
            default:
                throw failure("part is family or given")
            }
        }
        return NameReadings(family: family, given: given)
    }
}
