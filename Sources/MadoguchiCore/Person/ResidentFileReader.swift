import Yams

/// Reads `residents.yaml` (layout in its header) with the catalog's YAML nodes, so a broken
/// register file is reported like a broken catalog file: file, line, what is wrong.
struct ResidentFileReader {
    let file: String

    func registry(yaml: String) throws(CatalogError) -> ResidentRegistry {
        let top = try compose(yaml).mapping(allowed: ["municipality", "households"], context: file)
        let municipality = try top.required("municipality").mapping(allowed: ["prefecture", "city"], context: "municipality")
        let prefectureNode = try municipality.required("prefecture")
        let prefectureName = try prefectureNode.string("municipality.prefecture")
        guard let prefecture = Prefecture(rawValue: prefectureName) else {
            throw prefectureNode.error("municipality.prefecture '\(prefectureName)' is not one of the 47 都道府県")
        }
        let cityName = try municipality.required("city").string("municipality.city")
        let city = try checked(municipality) { () throws(FieldError) in
            try RegisterText.checked(cityName, field: "city", maxLength: 30)
        }

        var households: [Household] = []
        var residents: [Resident] = []
        var seenMyNumbers: [MyNumber: String] = [:]
        var seenCards: [String: String] = [:]
        for node in try top.required("households").sequence("households") {
            let (household, members) = try household(node, prefecture: prefecture, city: city)
            if households.contains(where: { $0.id == household.id }) {
                throw node.error("世帯番号 '\(household.id)' appears twice")
            }
            for (resident, line) in members {
                if let other = residents.first(where: { $0.code == resident.code }) {
                    throw CatalogError(file: file, line: line, message: "住民票コード \(resident.code) is already used "
                        + "(household \(other.household))")
                }
                if let number = resident.myNumber {
                    if let other = seenMyNumbers[number] {
                        throw CatalogError(file: file, line: line, message: "the same 個人番号 \(number) is already "
                            + "recorded for \(other)")
                    }
                    seenMyNumbers[number] = resident.code
                }
                if let card = resident.residenceCard?.number {
                    if let other = seenCards[card] {
                        throw CatalogError(file: file, line: line, message: "在留カード番号 \(card) is already recorded for \(other)")
                    }
                    seenCards[card] = resident.code
                }
                residents.append(resident)
            }
            households.append(household)
        }
        guard !households.isEmpty else { throw top.owner.error("households: the register lists no household") }
        return ResidentRegistry(prefecture: prefecture, city: city, households: households, residents: residents)
    }

    // MARK: Households and residents

    private static let householdKeys: Set<String> = ["id", "address", "dogs", "members"]
    private static let residentKeys: Set<String> = [
        "code", "relation", "name", "furigana", "sex", "birthDate", "nationality", "insurance", "pensionCategory",
        "careCertification", "myNumberCard", "receives", "sealRegistered", "pregnant", "myNumber", "residenceCard",
    ]

    func household(_ node: CatalogNode, prefecture: Prefecture, city: String) throws(CatalogError) -> (Household, [(Resident, line: Int?)]) {
        let h = try node.mapping(allowed: ResidentFileReader.householdKeys, context: "a household")
        let idNode = try h.required("id")
        let id = try idNode.string("id")
        guard (1...20).contains(id.utf8.count),
              id.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("A"..."Z").contains($0) || $0 == "-" }) else {
            throw idNode.error("世帯番号 '\(id)' must be 1–20 digits, capital letters or hyphens")
        }
        let addressNode = try h.required("address")
        let address = try self.address(addressNode)
        guard address.prefecture == prefecture, address.city.unicodeScalars.elementsEqual(city.unicodeScalars) else {
            throw addressNode.error("household \(id) lives in \(address.prefecture.rawValue)\(address.city), "
                + "outside this register's municipality \(prefecture.rawValue)\(city)")
        }
        let dogs = try h["dogs"]?.int("dogs") ?? 0
        if dogs < 0, let dogsNode = h["dogs"] { throw dogsNode.error("dogs must be 0 or more") }

        let memberNodes = try h.required("members").sequence("members")
        guard !memberNodes.isEmpty else { throw node.error("household \(id) has no members") }
        var members: [(Resident, line: Int?)] = []
        for memberNode in memberNodes {
            members.append((try resident(memberNode, household: id, address: address), memberNode.line))
        }
        guard members.first?.0.relation == .head else {
            throw memberNodes[0].error("household \(id): the 世帯主 (relation: head) must be listed first")
        }
        if let extra = members.dropFirst().first(where: { $0.0.relation == .head }) {
            throw CatalogError(file: file, line: extra.line, message: "household \(id) has a second 世帯主")
        }
        if let second = members.filter({ $0.0.relation == .spouse }).dropFirst().first {
            throw CatalogError(file: file, line: second.line, message: "household \(id) has a second spouse of the 世帯主")
        }
        return (Household(id: id, address: address, dogs: dogs, memberCodes: members.map(\.0.code)), members)
    }

    func resident(_ node: CatalogNode, household: String, address: Address) throws(CatalogError) -> Resident {
        let r = try node.mapping(allowed: ResidentFileReader.residentKeys, context: "a resident")
        let codeNode = try r.required("code")
        let code = try codeNode.string("code")
        guard Resident.isCode(code) else { throw codeNode.error("住民票コード '\(code)' must be exactly 11 digits") }

        let relationNode = try r.required("relation")
        let relation = try choice(relationNode, "relation", Relation.self)
        guard relation != .newborn else {
            throw relationNode.error("relation 'newborn' is for the guide; a registered child is 'child'")
        }
        let nationalityNode = r["nationality"]
        let nationality = try nationalityNode?.string("nationality") ?? "JP"
        guard nationality.utf8.count == 2, nationality.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw (nationalityNode ?? node).error("nationality '\(nationality)' must be an ISO 3166-1 alpha-2 code such as JP or VN")
        }
        let nameNode = try r.required("name")
        let name = try self.name(nameNode)
        if name.alphabetName != nil, nationality == "JP" {
            throw nameNode.error("name.alphabetName is for foreign residents only (nationality is JP)")
        }
        var furigana: String?
        if let furiganaNode = r["furigana"] {
            let text = try furiganaNode.string("furigana")
            guard let reading = Furigana.normalized(text) else {
                throw furiganaNode.error("furigana '\(text)' must be katakana or hiragana (with ー, ・ and spaces only)")
            }
            furigana = reading
        }
        let sexNode = try r.required("sex")
        let sex = try choice(sexNode, "sex", Sex.self)
        let birthDate = try isoDate(try r.required("birthDate"), "birthDate")

        var pensionCategory: Int?
        if let pensionNode = r["pensionCategory"] {
            let category = try pensionNode.int("pensionCategory")
            guard (1...3).contains(category) else { throw pensionNode.error("pensionCategory must be 1, 2 or 3") }
            pensionCategory = category
        }
        var receives: Set<Benefit> = []
        for item in try r["receives"]?.sequence("receives") ?? [] {
            let benefit = try choice(item, "receives", Benefit.self)
            guard receives.insert(benefit).inserted else { throw item.error("receives lists '\(benefit.rawValue)' twice") }
        }
        let pregnant = try r["pregnant"]?.bool("pregnant") ?? false
        if pregnant, sex != .female, let pregnantNode = r["pregnant"] {
            throw pregnantNode.error("pregnant: true is for a female resident")
        }

        var myNumber: MyNumber?
        if let numberNode = r["myNumber"] {
            guard let number = MyNumber(try numberNode.string("myNumber")) else {
                // The value itself is not repeated: a 個人番号 does not belong in a log.
                throw numberNode.error("myNumber is not a valid 個人番号 (12 digits with a correct check digit)")
            }
            myNumber = number
        }
        var residenceCard: ResidenceCard?
        if let cardNode = r["residenceCard"] {
            guard nationality != "JP" else { throw cardNode.error("residenceCard is for foreign residents only (nationality is JP)") }
            residenceCard = try self.residenceCard(cardNode)
        }

        return Resident(
            code: code, household: household, relation: relation, name: name, furigana: furigana, sex: sex,
            birthDate: birthDate, nationality: nationality, address: address,
            insurance: try r["insurance"].map { n throws(CatalogError) in try choice(n, "insurance", Insurance.self) } ?? .none,
            pensionCategory: pensionCategory,
            careCertification: try r["careCertification"].map { n throws(CatalogError) in
                try choice(n, "careCertification", CareCertification.self)
            } ?? .none,
            myNumberCard: try r["myNumberCard"].map { n throws(CatalogError) in try choice(n, "myNumberCard", MyNumberCard.self) } ?? .none,
            receives: receives,
            sealRegistered: try r["sealRegistered"]?.bool("sealRegistered") ?? false,
            pregnant: pregnant, myNumber: myNumber, residenceCard: residenceCard)
    }

    // MARK: Values

    func name(_ node: CatalogNode) throws(CatalogError) -> PersonName {
        let n = try node.mapping(allowed: ["family", "given", "alphabetName"], context: "name")
        let family = try n.required("family").string("name.family")
        let given = try n.required("given").string("name.given")
        let alphabetName = try n["alphabetName"]?.string("name.alphabetName")
        return try checked(n) { () throws(FieldError) in
            try PersonName(family: family, given: given, alphabetName: alphabetName)
        }
    }

    func address(_ node: CatalogNode) throws(CatalogError) -> Address {
        let a = try node.mapping(allowed: ["prefecture", "city", "town", "banchi", "katagaki", "postcode"], context: "address")
        let prefecture = try a.required("prefecture").string("address.prefecture")
        let city = try a.required("city").string("address.city")
        let town = try a.required("town").string("address.town")
        let banchi = try a.required("banchi").string("address.banchi")
        let katagaki = try a["katagaki"]?.string("address.katagaki")
        let postcode = try a.required("postcode").string("address.postcode")
        return try checked(a) { () throws(FieldError) in
            try Address(prefecture: prefecture, city: city, town: town, banchi: banchi, katagaki: katagaki, postcode: postcode)
        }
    }

    func residenceCard(_ node: CatalogNode) throws(CatalogError) -> ResidenceCard {
        let c = try node.mapping(allowed: ["status", "periodEnd", "number"], context: "residenceCard")
        let periodEnd = try c["periodEnd"].map { n throws(CatalogError) in try isoDate(n, "residenceCard.periodEnd") }
        let status = try c.required("status").string("residenceCard.status")
        let number = try c["number"]?.string("residenceCard.number")
        return try checked(c) { () throws(FieldError) in
            try ResidenceCard(status: status, periodEnd: periodEnd, number: number)
        }
    }

    func isoDate(_ node: CatalogNode, _ context: String) throws(CatalogError) -> CivilDate {
        let text = try node.string(context)
        guard let date = CivilDate(iso: text) else { throw node.error("\(context) '\(text)' must be a real date written YYYY-MM-DD") }
        return date
    }

    func choice<Value: RawRepresentable & CaseIterable>(_ node: CatalogNode, _ context: String, _: Value.Type)
        throws(CatalogError) -> Value where Value.RawValue == String {
        let text = try node.string(context)
        guard let value = Value(rawValue: text) else {
            throw node.error("\(context) '\(text)' is not one of: " + Value.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    // MARK: Plumbing

    /// Runs a value check whose `FieldError` names a key of `entries`, and reports it at that key's line.
    /// A `CatalogError` thrown while reading the entries passes through unchanged.
    func checked<Value>(_ entries: CatalogNode.Entries, _ make: () throws(FieldError) -> Value) throws(CatalogError) -> Value {
        do {
            return try make()
        } catch {
            let node = entries[error.field] ?? entries.owner
            throw node.error("\(entries.context).\(error.field) \(error.message)")
        }
    }

    func compose(_ yaml: String) throws(CatalogError) -> CatalogNode {
        try CatalogNode.parse(yaml, file: file)
    }
}
