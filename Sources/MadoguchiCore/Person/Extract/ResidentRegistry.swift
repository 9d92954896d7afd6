/// A 住民記録 held in memory, read from a core system's extract (`ResidentExtract`): who lives where, in which
/// household, so the counter can find a resident and pre-fill a life event from the register
/// instead of asking what the city already knows.
public struct ResidentRegistry: Sendable {
    /// The municipality the register belongs to; every household lives in it.
    public let prefecture: Prefecture
    public let city: String
    /// In file order.
    public let households: [Household]
    /// In file order: household by household, each 世帯主 first.
    public let residents: [Resident]
    private let residentIndex: [String: Int]
    private let householdIndex: [String: Int]

    init(prefecture: Prefecture, city: String, households: [Household], residents: [Resident]) {
        self.prefecture = prefecture
        self.city = city
        self.households = households
        self.residents = residents
        self.residentIndex = Dictionary(residents.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        self.householdIndex = Dictionary(households.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Reads and checks a full extract (`ResidentExtract`); every problem is reported with its line.
    /// `file` is the name used in error messages.
    public static func load(csv: String, file: String) throws(ResidentExtractErrors) -> ResidentRegistry {
        ResidentRegistry(try ResidentExtract.read(csv: csv, file: file, kind: .full))
    }

    /// The register of an extract: its residents still registered (no 消除日), household by household.
    public init(_ extract: ResidentExtract) {
        var households: [Household] = []
        var residents: [Resident] = []
        var index: [String: Int] = [:]
        var members: [[String]] = []
        for row in extract.rows where row.removedOn == nil {
            let resident = row.resident
            if let at = index[resident.household] {
                members[at].append(resident.code)
            } else {
                index[resident.household] = households.count
                households.append(Household(id: resident.household, address: resident.address, dogs: row.dogs, memberCodes: []))
                members.append([resident.code])
            }
            residents.append(resident)
        }
        let complete = households.enumerated().map { at, household in
            Household(id: household.id, address: household.address, dogs: household.dogs, memberCodes: members[at])
        }
        let first = residents.first?.address
        self.init(prefecture: first?.prefecture ?? .tochigi, city: first?.city ?? "", households: complete, residents: residents)
    }

    /// The household with 世帯番号 `id`.
    public func household(_ id: String) -> Household? {
        householdIndex[id].map { households[$0] }
    }

    /// The resident with 住民票コード `code`.
    public func resident(_ code: String) -> Resident? {
        residentIndex[code].map { residents[$0] }
    }

    /// The members of a household, 世帯主 first; empty for an unknown household.
    public func members(ofHousehold id: String) -> [Resident] {
        household(id)?.memberCodes.compactMap { resident($0) } ?? []
    }

    /// Residents matching what staff typed at the counter, in register order:
    /// a 住民票コード (11 digits, full-width too), a birth date (`1982-05-14`, `昭和57年5月14日`,
    /// `S57.5.14` — anything `DateInput` reads), or part of a name: the kanji name (variant
    /// characters fold, so 高橋 finds 髙橋), the reading in katakana or hiragana, or the
    /// アルファベット表記. Spaces in the query and the names are ignored.
    public func search(_ query: String) -> [Resident] {
        let text = RegisterText.trimmingSpaces(query)
        guard !text.isEmpty else { return [] }
        if let digits = TypedCharacters.digits(text), digits.count == 11 {
            let code = digits.map(String.init).joined()
            return resident(code).map { [$0] } ?? []
        }
        if let date = DateInput.parse(text) {
            return residents.filter { $0.birthDate == date }
        }
        let nameKey = SearchKey.of(text)
        let readingKey = Furigana.normalized(text).map(SearchKey.of)
        return residents.filter { resident in
            SearchKey.text(resident.name.family + resident.name.given, contains: nameKey)
                || resident.name.alphabetName.map { SearchKey.text($0, contains: nameKey) } ?? false
                || readingKey.map { key in resident.furigana.map { SearchKey.text($0, contains: key) } ?? false } ?? false
        }
    }

    /// The guide's view of a resident for a life event: the `Member` the rules evaluate, with the
    /// 住民票コード as its id. What the register cannot know (wishes such as a new seal
    /// registration, a nursery place) is left at the guide's defaults for the interview to ask.
    public func member(for resident: Resident, moving: Bool) -> Member {
        var member = Member(id: resident.code, relation: resident.relation, sex: resident.sex, birthDate: resident.birthDate)
        member.nationality = resident.nationality
        member.moving = moving
        member.insurance = resident.insurance
        member.pensionCategory = resident.pensionCategory
        member.careCertification = resident.careCertification
        member.myNumberCard = resident.myNumberCard
        member.receives = resident.receives
        member.sealRegistered = resident.sealRegistered
        member.pregnant = resident.pregnant
        return member
    }
}

