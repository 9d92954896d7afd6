import Foundation

/// The one check of a Case's household, whichever door it came through: the counter's form, the citizen's
/// online form, the card reader's items and the paper door's read zones all go through `validate`. Every
/// wrong field is reported at once, each naming the person and the field as the forms label them.
///
/// It checks what each value is (a real date, a 都道府県, katakana, a 個人番号's check digit), not whether
/// the Case is complete: a draft may lack a name; `CaseHousehold.gaps(for:)` says what confirming needs.
public struct CaseValidator: Sendable {
    public let event: EventDefinition
    /// Today in Japan: nobody is born after it.
    public let today: CivilDate

    public init(event: EventDefinition, today: CivilDate) {
        self.event = event
        self.today = today
    }

    public func validate(_ input: CaseInput) -> Result<CaseHousehold, CaseInputErrors> {
        var errors: [CaseFieldError] = []
        func fail(_ field: CaseField, _ ja: String, _ en: String) { errors.append(CaseFieldError(field: field, ja: ja, en: en)) }
        func fail(_ field: CaseField, _ error: FieldError) { fail(field, error.messageJa ?? error.message, error.message) }
        func date(_ text: String, _ field: CaseField) -> CivilDate? {
            let text = text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            guard let date = DateInput.parse(text) else {
                fail(field, "日付を正しく入力してください（例 2026-04-01、令和8年4月1日）。", "enter a real date, for example 2026-04-01.")
                return nil
            }
            return date
        }

        var household = CaseHousehold(eventKind: event.id)
        for name in EventDateName.allCases where name == .eventDate || name == .notificationDate || event.accepts(name) {
            let value = date(input.dates[name] ?? "", .date(name))
            if name == .eventDate, let value, !HouseholdRules.eventDates.contains(value) {
                fail(.date(name), "1980年から2099年までの日付を入力してください。", "enter a date from 1980 to 2099.")
            }
            switch name {
            case .eventDate: household.eventDate = value
            case .notificationDate: household.notificationDate = value
            case .plannedMoveOutDate: household.plannedMoveOutDate = value
            case .knownDate: household.knownDate = value
            }
        }
        household.fromAbroad = input.fromAbroad
        for (name, text) in [("dogs", input.dogs), ("mopeds", input.mopeds)] {
            let text = text.trimmingCharacters(in: .whitespaces)
            guard let count = text.isEmpty ? 0 : Int(text), HouseholdRules.counts.contains(count) else {
                fail(.count(name), "0〜99の数で入力してください。", "enter a number from 0 to 99.")
                continue
            }
            if name == "dogs" { household.dogs = count } else { household.mopeds = count }
        }
        for kind in EventAddress.Kind.allCases {
            guard let typed = input.addresses[kind], !typed.isEmpty else { continue }
            if let address = address(typed, kind, fail: fail) { household.addresses[kind] = address }
        }
        for (index, typed) in input.people.prefix(HouseholdRules.maxPeople).enumerated() {
            household.people.append(person(typed, index, fail: fail, fail: fail, date: date))
        }
        if input.people.count > HouseholdRules.maxPeople {
            fail(.person(HouseholdRules.maxPeople, "family"), "1件の届出は\(HouseholdRules.maxPeople)人までです。",
                 "a Case holds at most \(HouseholdRules.maxPeople) people.")
        }
        // One head of household: the second one named is the mistake.
        if let second = household.people.indices.filter({ household.people[$0].relation == .head }).dropFirst().first {
            fail(.person(second, "relation"), "世帯主は1人だけ選んでください。", "only one person can be the head of household.")
        }
        return errors.isEmpty ? .success(household) : .failure(CaseInputErrors(errors: errors))
    }

    private func address(_ typed: AddressInput, _ kind: EventAddress.Kind, fail: (CaseField, FieldError) -> Void) -> Address? {
        let postcode = typed.postcode.trimmingCharacters(in: .whitespaces)
        // The postcode is checked on its own too, so its error shows together with a missing prefecture.
        if !postcode.isEmpty {
            do { _ = try Postcode(postcode) } catch { fail(.address(kind, "postcode"), error) }
        }
        let katagaki = typed.katagaki.trimmingCharacters(in: .whitespaces)
        do {
            return try Address(prefecture: typed.prefecture, city: typed.city, town: typed.town, banchi: typed.banchi,
                               katagaki: katagaki.isEmpty ? nil : katagaki, postcode: postcode.isEmpty ? nil : postcode)
        } catch {
            if error.field != "postcode" { fail(.address(kind, error.field), error) }
            return nil
        }
    }

    private func person(_ typed: PersonInput, _ index: Int, fail: (CaseField, String, String) -> Void,
                        fail failWith: (CaseField, FieldError) -> Void, date: (String, CaseField) -> CivilDate?) -> CasePerson {
        func field(_ name: String) -> CaseField { .person(index, name) }
        var person = CasePerson()
        person.id = UUID(uuidString: typed.id)
        person.residentCode = typed.residentCode.isEmpty ? nil : typed.residentCode
        if !typed.family.isEmpty || !typed.given.isEmpty {
            do {
                let name = try PersonName(family: typed.family, given: typed.given)
                person.familyName = name.family
                person.givenName = name.given
            } catch {
                failWith(field(error.field == "given" ? "given" : "family"), error)
            }
        }
        for part in ["familyKana", "givenKana"] {
            let text = typed[part]
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            if let kana = Furigana.normalized(text) {
                if part == "familyKana" { person.familyKana = kana } else { person.givenKana = kana }
            } else {
                fail(field(part), "フリガナはカタカナで入力してください。", "write it in katakana.")
            }
        }
        person.birthDate = date(typed.birthDate, field("birthDate"))
        if let birth = person.birthDate, birth > today {
            fail(field("birthDate"), "生年月日が未来の日付です。", "the date is in the future.")
        } else if let birth = person.birthDate, birth < HouseholdRules.earliestBirth {
            fail(field("birthDate"), "1873年（明治6年）より前の日付です。", "the date is before 1873.")
        }
        let sex = typed.sex.trimmingCharacters(in: .whitespaces)
        person.sex = Sex(rawValue: sex)
        if !sex.isEmpty, person.sex == nil { fail(field("sex"), "男・女から選んでください。", "choose male or female.") }
        let relation = typed.relation.trimmingCharacters(in: .whitespaces)
        person.relation = Relation(rawValue: relation)
        if !relation.isEmpty, person.relation == nil { fail(field("relation"), "続柄を選んでください。", "choose the relation to the head of household.") }
        let nationality = typed.nationality.trimmingCharacters(in: .whitespaces)
        if nationality.isEmpty {
            person.nationality = "JP"
        } else if let code = HouseholdRules.nationality(nationality) {
            person.nationality = code
        } else {
            fail(field("nationality"), "2文字の国コード（日本は JP）で入力してください。", "enter the two-letter country code (JP for Japan).")
        }
        let status = typed.residenceStatus.trimmingCharacters(in: .whitespaces)
        person.residenceStatus = status.isEmpty ? nil : status
        person.residenceExpiry = date(typed.residenceExpiry, field("residenceExpiry"))
        let card = typed.residenceCardNumber.trimmingCharacters(in: .whitespaces)
        if !card.isEmpty {
            if let number = ResidenceCard.normalizedNumber(card) { person.residenceCardNumber = number } else {
                fail(field("residenceCardNumber"), "英字2文字・数字8桁・英字2文字で入力してください（AB12345678CD）。",
                     "enter two letters, eight digits and two letters (AB12345678CD).")
            }
        }
        if !typed.myNumber.trimmingCharacters(in: .whitespaces).isEmpty {
            if let number = MyNumber(typed.myNumber) { person.myNumber = .set(number) } else {
                fail(field("myNumber"), "正しくありません（12桁・検査数字を確認してください）。", "is not a valid number (12 digits; check the last digit).")
            }
        } else if typed.removeMyNumber {
            person.myNumber = .remove
        }
        person.answers = answers(typed)
        return person
    }

    /// The interview's answers. An answer the event does not ask about keeps its neutral value; a choice
    /// outside its list counts as not answered (the forms offer only the list).
    private func answers(_ typed: PersonInput) -> InterviewAnswers {
        var answers = InterviewAnswers()
        answers.moving = event.memberQuestions.contains("moving") ? typed.isOn("moving") : true
        answers.insurance = Insurance(rawValue: typed.answers["insurance"] ?? "") ?? .none
        answers.careCertification = CareCertification(rawValue: typed.answers["careCertification"] ?? "") ?? .none
        answers.myNumberCard = MyNumberCard(rawValue: typed.answers["myNumberCard"] ?? "") ?? .none
        answers.pensionCategory = Int(typed.answers["pensionCategory"] ?? "").flatMap { (1...3).contains($0) ? $0 : nil }
        answers.receives = Set(Benefit.allCases.filter { typed.isOn("receives-" + $0.rawValue) })
        answers.flags = Set(Member.flagInputs.map(\.rawValue).filter { typed.isOn($0) })
        return answers
    }
}

/// Where in a Case a value goes: a date, a count, a part of an address, or a field of the n-th person.
public enum CaseField: Sendable, Hashable {
    case date(EventDateName)
    /// `dogs`, `mopeds`.
    case count(String)
    /// An address part by its name in `AddressInput.parts`.
    case address(EventAddress.Kind, String)
    /// The person's index from 0, and the field by its name in `PersonInput.identityFields`.
    case person(Int, String)

    /// The HTML forms' field id: `eventDate`, `dogs`, `old-postcode`, `m0-birthDate`.
    public var formID: String {
        switch self {
        case .date(let name): name.rawValue
        case .count(let name): name
        case .address(let kind, let part): "\(kind.rawValue)-\(part)"
        case .person(let index, let name): "m\(index)-\(name)"
        }
    }

    /// The JSON API's path: `eventDate`, `addresses.old.postcode`, `members[0].birthDate`.
    public var apiPath: String {
        switch self {
        case .date(let name): name.rawValue
        case .count(let name): name
        case .address(let kind, let part): "addresses.\(kind.rawValue).\(part)"
        case .person(let index, let name): "members[\(index)].\(name)"
        }
    }

    public static let personFields: [String: (ja: String, en: String)] = [
        "family": ("氏", "family name"), "given": ("名", "given name"),
        "familyKana": ("フリガナ（氏）", "family name in katakana"), "givenKana": ("フリガナ（名）", "given name in katakana"),
        "birthDate": ("生年月日", "date of birth"), "sex": ("性別", "sex"), "relation": ("続柄", "relation"),
        "nationality": ("国籍", "nationality"), "residenceStatus": ("在留資格", "residence status"),
        "residenceExpiry": ("在留期間満了日", "residence card expiry"), "residenceCardNumber": ("在留カード番号", "residence card number"),
        "myNumber": ("個人番号", "My Number"),
    ]
    public static let addressParts: [String: (ja: String, en: String)] = [
        "postcode": ("郵便番号", "postcode"), "prefecture": ("都道府県", "prefecture"), "city": ("市区町村", "city"),
        "town": ("町字", "town"), "banchi": ("番地", "block number"), "katagaki": ("建物名・部屋番号", "building and room"),
    ]

    /// The field as the forms label it, naming the person: `2人目の名` / `Person 2, given name`;
    /// an address by the event's own label for it (`前住所の郵便番号`).
    public func label(in event: EventDefinition, _ language: Language) -> String {
        let en = !language.isJapanese
        func t(_ pair: (ja: String, en: String)) -> String { en ? pair.en : pair.ja }
        switch self {
        case .date(let name):
            return event.dates.first { $0.name == name }?.label.text(en ? .en : .ja) ?? name.rawValue
        case .count(let name):
            return name == "dogs" ? t(("犬の数", "number of dogs")) : name == "mopeds" ? t(("原付の台数", "number of mopeds")) : name
        case .address(let kind, let part):
            let address = (event.addresses.first { $0.kind == kind } ?? EventAddress.current).label.text(en ? .en : .ja)
            let partLabel = Self.addressParts[part].map(t) ?? part
            return en ? "\(address), \(partLabel)" : "\(address)の\(partLabel)"
        case .person(let index, let name):
            let field = Self.personFields[name].map(t) ?? name
            return en ? "Person \(index + 1), \(field)" : "\(index + 1)人目の\(field)"
        }
    }
}

/// One wrong value: where it is and what is wrong, in Japanese and English.
public struct CaseFieldError: Error, Sendable, Equatable {
    public let field: CaseField
    public let ja: String
    public let en: String

    public init(field: CaseField, ja: String, en: String) {
        self.field = field
        self.ja = ja
        self.en = en
    }

    /// `2人目の名：41文字あります。…` / `Person 2, given name: is 41 characters long …`.
    public func message(in event: EventDefinition, _ language: Language) -> String {
        let label = field.label(in: event, language)
        return language.isJapanese ? "\(label)：\(ja)" : "\(label): \(en)"
    }
}

/// Every wrong value of one input, in the forms' order.
public struct CaseInputErrors: Error, Sendable, Equatable {
    public let errors: [CaseFieldError]
}
