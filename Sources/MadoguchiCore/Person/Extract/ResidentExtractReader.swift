import Foundation

/// Checks an extract row by row (`ResidentExtract`), collecting every problem with its line.
struct ResidentExtractReader {
    let file: String
    let kind: ResidentExtract.Kind
    /// Each row must say its 異動日 (an incremental extract); a row read back from the copy need not.
    var requiresChangeDates: Bool
    private var errors: [CatalogError] = []
    private var truncated = false

    init(file: String, kind: ResidentExtract.Kind) {
        self.file = file
        self.kind = kind
        self.requiresChangeDates = kind == .incremental
    }

    mutating func read(_ csv: String) throws(ResidentExtractErrors) -> ResidentExtract {
        let records: [CSVRecords.Record]
        do {
            records = try CSVRecords.parse(csv, file: file)
        } catch {
            throw ResidentExtractErrors(errors: [error], truncated: false)
        }
        guard let header = records.first else { throw failure(nil, "the file is empty: a header row is needed") }
        var columns: [ResidentColumn?] = []
        for name in header.fields {
            let column = ResidentColumn(rawValue: name.trimmingCharacters(in: .whitespaces))
            if column == nil { report(header.line, "unknown column '\(name)' (the columns are listed in docs/resident-extract.md)") }
            if let column, columns.contains(column) { report(header.line, "column '\(name)' appears twice") }
            columns.append(column)
        }
        for column in ResidentColumn.allCases where column.isRequired && !columns.contains(column) {
            report(header.line, "the required column '\(column.rawValue)' is missing")
        }
        if !errors.isEmpty { throw ResidentExtractErrors(errors: errors, truncated: truncated) }
        if records.count == 1, kind == .full { throw failure(header.line, "a full extract lists no resident") }

        var rows: [ResidentExtractRow] = []
        var codes: [String: Int] = [:], numbers: [String: Int] = [:], cards: [String: Int] = [:]
        for record in records.dropFirst() {
            guard record.fields.count == columns.count else {
                report(record.line, "\(record.fields.count) fields, but the header has \(columns.count)")
                continue
            }
            var values: [ResidentColumn: String] = [:]
            for (index, column) in columns.enumerated() {
                if let column { values[column] = record.fields[index] }
            }
            guard let row = row(values, line: record.line) else { continue }
            let code = row.resident.code
            if let other = codes[code] { report(record.line, "住民票コード \(code) is already on line \(other)") } else { codes[code] = record.line }
            if let number = row.resident.myNumber?.digits {
                // The number itself is not repeated: a 個人番号 does not belong in a message.
                if let other = numbers[number] { report(record.line, "the same 個人番号 is already on line \(other)") } else { numbers[number] = record.line }
            }
            if let card = row.resident.residenceCard?.number {
                if let other = cards[card] { report(record.line, "在留カード番号 \(card) is already on line \(other)") } else { cards[card] = record.line }
            }
            rows.append(row)
        }
        checkMunicipality(rows)
        if kind == .full { checkHouseholds(rows) }
        if !errors.isEmpty { throw ResidentExtractErrors(errors: errors, truncated: truncated) }
        return ResidentExtract(kind: kind, rows: rows)
    }

    // MARK: One row

    private mutating func row(_ values: [ResidentColumn: String], line: Int) -> ResidentExtractRow? {
        let before = errors.count
        func text(_ column: ResidentColumn) -> String { values[column] ?? "" }
        func optional(_ column: ResidentColumn) -> String? {
            let value = text(column).trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }

        let code = text(.code)
        if !Resident.isCode(code) { report(line, "code: 住民票コード '\(code)' must be exactly 11 digits") }
        let household = text(.household)
        if !(1...20).contains(household.utf8.count)
            || !household.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("A"..."Z").contains($0) || $0 == "-" }) {
            report(line, "household: 世帯番号 '\(household)' must be 1–20 digits, capital letters or hyphens")
        }
        let relation = choice(text(.relation), .relation, Relation.self, line: line, aliases: Self.relationAliases)
        if relation == .newborn { report(line, "relation: 'newborn' is for the guide; a registered child is 'child'") }
        let nationality = optional(.nationality) ?? "JP"
        if nationality.utf8.count != 2 || !nationality.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) {
            report(line, "nationality: '\(nationality)' must be an ISO 3166-1 alpha-2 code such as JP or VN")
        }
        let name = checked(line) { () throws(FieldError) in
            try PersonName(family: text(.family), given: text(.given), alphabetName: optional(.alphabetName))
        }
        if name?.alphabetName != nil, nationality == "JP" { report(line, "alphabetName: for foreign residents only (nationality is JP)") }
        var furigana: String?
        if let reading = optional(.furigana) {
            furigana = Furigana.normalized(reading)
            if furigana == nil { report(line, "furigana: '\(reading)' must be katakana or hiragana (with ー, ・ and spaces only)") }
        }
        let sex = choice(text(.sex), .sex, Sex.self, line: line, aliases: ["1": .male, "2": .female, "男": .male, "女": .female])
        let birthDate = date(text(.birthDate), .birthDate, line: line)
        let address = checked(line) { () throws(FieldError) in
            try Address(prefecture: text(.prefecture), city: text(.city), town: text(.town), banchi: text(.banchi),
                        katagaki: optional(.katagaki), postcode: text(.postcode))
        }
        var dogs = 0
        if let value = optional(.dogs) {
            if let count = Int(value), count >= 0 { dogs = count } else { report(line, "dogs: '\(value)' must be 0 or more") }
        }
        let insurance = optional(.insurance).map { choice($0, .insurance, Insurance.self, line: line) } ?? Insurance.none
        var pensionCategory: Int?
        if let value = optional(.pensionCategory) {
            pensionCategory = Int(value)
            if !(1...3).contains(pensionCategory ?? 0) { report(line, "pensionCategory: must be 1, 2 or 3") }
        }
        let care = optional(.careCertification).map { choice($0, .careCertification, CareCertification.self, line: line) } ?? CareCertification.none
        let card = optional(.myNumberCard).map { choice($0, .myNumberCard, MyNumberCard.self, line: line) } ?? MyNumberCard.none
        var receives: Set<Benefit> = []
        for item in (optional(.receives) ?? "").split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            if let benefit = choice(item, .receives, Benefit.self, line: line), !receives.insert(benefit).inserted {
                report(line, "receives: lists '\(item)' twice")
            }
        }
        let sealRegistered = flag(optional(.sealRegistered), .sealRegistered, line: line)
        let pregnant = flag(optional(.pregnant), .pregnant, line: line)
        if pregnant, sex != .female { report(line, "pregnant: true is for a female resident") }
        var myNumber: MyNumber?
        if let value = optional(.myNumber) {
            myNumber = MyNumber(value)
            // The value itself is not repeated: a 個人番号 does not belong in a message or a log.
            if myNumber == nil { report(line, "myNumber: not a valid 個人番号 (12 digits with a correct check digit)") }
        }
        var residenceCard: ResidenceCard?
        if let status = optional(.residenceStatus) {
            if nationality == "JP" { report(line, "residenceStatus: for foreign residents only (nationality is JP)") }
            let periodEnd = optional(.residencePeriodEnd).flatMap { date($0, .residencePeriodEnd, line: line) }
            residenceCard = checked(line) { () throws(FieldError) in
                try ResidenceCard(status: status, periodEnd: periodEnd, number: optional(.residenceCardNumber))
            }
        } else if optional(.residencePeriodEnd) != nil || optional(.residenceCardNumber) != nil {
            report(line, "residenceStatus: needed when a residence card's period or number is given")
        }
        let movedIn = optional(.movedIn).flatMap { date($0, .movedIn, line: line) }
        let changedOn = optional(.changedOn).flatMap { date($0, .changedOn, line: line) }
        let change = optional(.change).flatMap { choice($0, .change, MovementReason.self, line: line) }
        let removedOn = optional(.removedOn).flatMap { date($0, .removedOn, line: line) }
        if requiresChangeDates, changedOn == nil { report(line, "changedOn: an incremental extract needs the 異動日 of every row") }

        guard errors.count == before, let relation, let name, let sex, let birthDate, let address else { return nil }
        let resident = Resident(code: code, household: household, relation: relation, name: name, furigana: furigana, sex: sex,
                                birthDate: birthDate, nationality: nationality, address: address, insurance: insurance ?? .none,
                                pensionCategory: pensionCategory, careCertification: care ?? .none, myNumberCard: card ?? .none,
                                receives: receives, sealRegistered: sealRegistered, pregnant: pregnant, myNumber: myNumber,
                                residenceCard: residenceCard)
        return ResidentExtractRow(resident: resident, dogs: dogs, movedIn: movedIn, changedOn: changedOn, change: change,
                                  removedOn: removedOn, line: line)
    }

    static let relationAliases: [String: Relation] = [
        "世帯主": .head, "妻": .spouse, "夫": .spouse, "子": .child, "父": .parent, "母": .parent, "その他": .other,
    ]

    // MARK: The whole file

    /// One municipality: every address in the prefecture and city of the first row.
    private mutating func checkMunicipality(_ rows: [ResidentExtractRow]) {
        guard let first = rows.first?.resident.address else { return }
        for row in rows where row.resident.address.prefecture != first.prefecture
            || !row.resident.address.city.unicodeScalars.elementsEqual(first.city.unicodeScalars) {
            report(row.line, "the address is in \(row.resident.address.prefecture.rawValue)\(row.resident.address.city), "
                + "outside this register's municipality \(first.prefecture.rawValue)\(first.city)")
        }
    }

    /// A full extract lists each household together, its 世帯主 first, one address and at most one spouse.
    private mutating func checkHouseholds(_ rows: [ResidentExtractRow]) {
        var seen: Set<String> = []
        var index = 0
        while index < rows.count {
            let id = rows[index].resident.household
            var end = index
            while end < rows.count, rows[end].resident.household == id { end += 1 }
            let members = rows[index..<end].filter { $0.removedOn == nil }
            if !seen.insert(id).inserted { report(rows[index].line, "household \(id): its residents must be listed together") }
            if let first = members.first {
                if first.resident.relation != .head { report(first.line, "household \(id): the 世帯主 (relation: head) must be listed first") }
                for extra in members.dropFirst() where extra.resident.relation == .head { report(extra.line, "household \(id) has a second 世帯主") }
                for second in members.filter({ $0.resident.relation == .spouse }).dropFirst() {
                    report(second.line, "household \(id) has a second spouse of the 世帯主")
                }
                for other in members.dropFirst() where other.resident.address != first.resident.address || other.dogs != first.dogs {
                    report(other.line, "household \(id): every member must have the household's address and dogs (as on line \(first.line))")
                }
            }
            index = end
        }
    }

    // MARK: Values

    private mutating func choice<Value: RawRepresentable & CaseIterable>(
        _ text: String, _ column: ResidentColumn, _: Value.Type, line: Int, aliases: [String: Value] = [:]
    ) -> Value? where Value.RawValue == String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let value = Value(rawValue: trimmed) ?? aliases[trimmed] { return value }
        report(line, "\(column.rawValue): '\(text)' is not one of: " + Value.allCases.map(\.rawValue).joined(separator: ", "))
        return nil
    }

    private mutating func date(_ text: String, _ column: ResidentColumn, line: Int) -> CivilDate? {
        if let date = CivilDate(iso: text.trimmingCharacters(in: .whitespaces)) { return date }
        report(line, "\(column.rawValue): '\(text)' must be a real date written YYYY-MM-DD")
        return nil
    }

    private mutating func flag(_ text: String?, _ column: ResidentColumn, line: Int) -> Bool {
        switch text {
        case nil, "false", "0": return false
        case "true", "1": return true
        default:
            report(line, "\(column.rawValue): '\(text ?? "")' must be true or false")
            return false
        }
    }

    private mutating func checked<Value>(_ line: Int, _ make: () throws(FieldError) -> Value) -> Value? {
        do {
            return try make()
        } catch {
            report(line, "\(error.field): \(error.message)")
            return nil
        }
    }

    private mutating func report(_ line: Int?, _ message: String) {
        guard errors.count < ResidentExtract.maximumErrors else { truncated = true; return }
        errors.append(CatalogError(file: file, line: line, message: message))
    }

    private func failure(_ line: Int?, _ message: String) -> ResidentExtractErrors {
        ResidentExtractErrors(errors: [CatalogError(file: file, line: line, message: message)], truncated: false)
    }
}
