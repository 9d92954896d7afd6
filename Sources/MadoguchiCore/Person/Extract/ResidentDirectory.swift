import Foundation

/// Where the counter finds residents: the register copy in the database (the server's), or a register held in
/// memory (`ResidentRegistry`, for tests and tools). Both find the same people for the same query.
public protocol ResidentDirectory: Sendable {
    /// Residents matching what staff typed (see `ResidentRegistry.search`), in register order, at most `limit`.
    func search(_ query: String, limit: Int) async throws -> [Resident]
    /// The resident with 住民票コード `code`, if still registered.
    func resident(code: String) async throws -> Resident?
    /// The members of a household, 世帯主 first; empty for an unknown household.
    func residents(inHousehold id: String) async throws -> [Resident]
    /// How many registered members each of the households has.
    func householdSizes(_ ids: Set<String>) async throws -> [String: Int]
}

extension ResidentRegistry: ResidentDirectory {
    public func search(_ query: String, limit: Int) async throws -> [Resident] {
        Array(search(query).prefix(limit))
    }

    public func resident(code: String) async throws -> Resident? {
        resident(code)
    }

    public func residents(inHousehold id: String) async throws -> [Resident] {
        members(ofHousehold: id)
    }

    public func householdSizes(_ ids: Set<String>) async throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: ids.compactMap { id in household(id).map { (id, $0.memberCodes.count) } })
    }
}

/// What a register copy stores for finding a resident: folded keys (never shown, never printed) and the
/// query a search makes of them, so the SQL copy and the in-memory register match alike.
public struct ResidentSearchKeys: Sendable, Equatable {
    /// The kanji (or registered) name, folded (`SearchKey`): 髙橋 is stored as 高橋.
    public let name: String
    /// The reading, katakana, folded; empty when none.
    public let kana: String
    /// The アルファベット表記, folded; empty when none.
    public let alphabet: String

    /// Keys as a copy stored them.
    public init(name: String, kana: String, alphabet: String) {
        self.name = name
        self.kana = kana
        self.alphabet = alphabet
    }

    public init(_ resident: Resident) {
        name = Self.key(resident.name.family + resident.name.given)
        kana = resident.furigana.map(Self.key) ?? ""
        alphabet = resident.name.alphabetName.map(Self.key) ?? ""
    }

    /// A folded key, in canonical composition so that byte comparison (SQL `LIKE`) agrees with Swift's
    /// canonical equivalence (U+FA10 塚 and 塚 alike).
    static func key(_ text: String) -> String {
        String(SearchKey.of(text)).precomposedStringWithCanonicalMapping
    }

    /// What a typed query asks for.
    public enum Query: Sendable, Equatable {
        case code(String)
        case birthDate(CivilDate)
        /// Part of the name key, or of the reading key (when the query reads as kana).
        case name(String, reading: String?)
    }

    /// The query staff typed, understood as `ResidentRegistry.search` understands it; nil for nothing to find.
    public static func query(_ text: String) -> Query? {
        let text = RegisterText.trimmingSpaces(text)
        guard !text.isEmpty else { return nil }
        if let digits = TypedCharacters.digits(text), digits.count == 11 {
            return .code(digits.map(String.init).joined())
        }
        if let date = DateInput.parse(text) { return .birthDate(date) }
        return .name(key(text), reading: Furigana.normalized(text).map(key))
    }
}

extension ResidentExtractRow {
    /// The row as the copy stores it: one CSV line in the full layout, without the 個人番号 (sealed apart).
    public var storedLine: String {
        CSVRecords.line(ResidentColumn.allCases.map { column in
            switch column {
            case .myNumber: ""
            case .movedIn: movedIn?.iso ?? ""
            case .changedOn: changedOn?.iso ?? ""
            case .change: change?.rawValue ?? ""
            case .removedOn: removedOn?.iso ?? ""
            default: column.value(of: resident, dogs: dogs)
            }
        })
    }

    /// A row the copy stored (`storedLine`), with its 個人番号 opened apart; nil if the line no longer reads
    /// (a layout changed under stored rows).
    public init?(storedLine: String, myNumber: MyNumber?) {
        var reader = ResidentExtractReader(file: "stored", kind: .incremental)
        reader.requiresChangeDates = false
        guard let row = try? reader.read(CSVRecords.line(ResidentColumn.allCases.map(\.rawValue)) + storedLine).rows.first else { return nil }
        let r = row.resident
        self.init(resident: Resident(code: r.code, household: r.household, relation: r.relation, name: r.name, furigana: r.furigana,
                                     sex: r.sex, birthDate: r.birthDate, nationality: r.nationality, address: r.address,
                                     insurance: r.insurance, pensionCategory: r.pensionCategory, careCertification: r.careCertification,
                                     myNumberCard: r.myNumberCard, receives: r.receives, sealRegistered: r.sealRegistered,
                                     pregnant: r.pregnant, myNumber: myNumber, residenceCard: r.residenceCard),
                  dogs: row.dogs, movedIn: row.movedIn, changedOn: row.changedOn, change: row.change, removedOn: row.removedOn,
                  line: row.line)
    }
}
