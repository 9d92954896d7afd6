import Foundation
import MadoguchiCore

/// The counter's Case form as typed: values by field id, the errors to show, and the checked update.
///
/// Field ids: `eventDate`…, `dogs`, `mopeds`, `fromAbroad`; addresses `old-postcode` … `new-katagaki`;
/// members `m0-family`, `m0-given`, `m0-familyKana`, `m0-givenKana`, `m0-birthDate`, `m0-sex`, `m0-relation`,
/// `m0-nationality`, `m0-residenceStatus`, `m0-residenceExpiry`, `m0-myNumber`, and the catalog's interview
/// questions as on the guide (`m0-insurance`, `m0-receives-pension`, …).
struct CaseForm: FormValues {
    static let addressParts = ["postcode", "prefecture", "city", "town", "banchi", "katagaki"]
    static let identityFields = ["family", "given", "familyKana", "givenKana", "birthDate", "sex", "relation", "nationality",
                                 "residenceStatus", "residenceExpiry", "myNumber"]

    let event: EventDefinition
    var people: Int
    var values: [String: String]
    var errors: [FormFieldError] = []

    func error(for id: String) -> String? { errors.first { $0.fieldID == id }?.message }

    /// The form filled from what is stored. The 個人番号 is never put back into a field.
    init(event: EventDefinition, record: CaseRecord, members: [CaseMemberRecord]) {
        self.event = event
        self.people = members.count
        var values: [String: String] = [
            "eventDate": record.eventDate ?? "", "notificationDate": record.notificationDate ?? "",
            "plannedMoveOutDate": record.plannedMoveOutDate ?? "", "knownDate": record.knownDate ?? "",
            "dogs": String(record.dogs), "mopeds": String(record.mopeds),
        ]
        if record.fromAbroad { values["fromAbroad"] = "on" }
        for (prefix, address) in [("old", record.oldAddress), ("new", record.newAddress)] {
            guard let address else { continue }
            let parts = [address.postcode, address.prefecture, address.city, address.town, address.banchi, address.katagaki]
            for (part, value) in zip(Self.addressParts, parts) { values["\(prefix)-\(part)"] = value }
        }
        for (index, member) in members.sorted(by: { $0.position < $1.position }).enumerated() {
            let m = "m\(index)-"
            values[m + "id"] = member.id?.uuidString ?? ""
            values[m + "family"] = member.familyName
            values[m + "given"] = member.givenName
            values[m + "familyKana"] = member.familyKana
            values[m + "givenKana"] = member.givenKana
            values[m + "birthDate"] = member.birthDate ?? ""
            values[m + "sex"] = member.sex
            values[m + "relation"] = member.relation
            values[m + "nationality"] = member.nationality
            values[m + "residenceStatus"] = member.residenceStatus ?? ""
            values[m + "residenceExpiry"] = member.residenceExpiry ?? ""
            values[m + "insurance"] = member.facts.insurance
            values[m + "careCertification"] = member.facts.careCertification
            values[m + "myNumberCard"] = member.facts.myNumberCard
            values[m + "pensionCategory"] = member.facts.pensionCategory.map(String.init) ?? ""
            if member.facts.moving { values[m + "moving"] = "on" }
            for benefit in member.facts.receives { values[m + "receives-" + benefit] = "on" }
            for flag in member.facts.flags { values[m + flag] = "on" }
            if member.residentCode != nil { values[m + "residentCode"] = member.residentCode }
            // Only the masked form is ever shown; the field itself stays empty (empty keeps what is stored).
            if let last4 = member.myNumberLast4 { values[m + "myNumberMasked"] = "**** **** " + last4 }
        }
        self.values = values
    }

    init(event: EventDefinition, people: Int, values: [String: String]) {
        self.event = event
        self.people = people
        self.values = values
    }

    /// The checked update, or the form with every error found, each naming the person and the field in the
    /// page's language.
    func validated(_ language: Language = .ja) -> Result<CaseUpdate, CaseFormErrors> {
        var errors: [FormFieldError] = []
        func fail(_ id: String, _ ja: String, _ en: String) {
            errors.append(FormFieldError(fieldID: id, message: message(id, ja: ja, en: en, language)))
        }
        func fail(_ id: String, _ error: FieldError) { fail(id, error.messageJa ?? error.message, error.message) }

        func date(_ id: String) -> CivilDate? {
            let text = value(id).trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return nil }
            guard let date = DateInput.parse(text) else {
                fail(id, "日付を正しく入力してください（例 2026-04-01、令和8年4月1日）。", "enter a real date, for example 2026-04-01.")
                return nil
            }
            return date
        }

        var update = CaseUpdate()
        update.eventDate = date("eventDate")
        update.notificationDate = date("notificationDate")
        update.plannedMoveOutDate = event.accepts(.plannedMoveOutDate) ? date("plannedMoveOutDate") : nil
        update.knownDate = event.accepts(.knownDate) ? date("knownDate") : nil
        update.fromAbroad = isOn("fromAbroad")
        for key in ["dogs", "mopeds"] {
            let text = value(key).trimmingCharacters(in: .whitespaces)
            guard let count = text.isEmpty ? 0 : Int(text), (0...99).contains(count) else {
                fail(key, "0〜99の数で入力してください。", "enter a number from 0 to 99.")
                continue
            }
            if key == "dogs" { update.dogs = count } else { update.mopeds = count }
        }
        update.oldAddress = address("old", fail: fail)
        update.newAddress = address("new", fail: fail)

        for index in 0..<people {
            update.members.append(member(index, fail: fail, fail: fail, date: date))
        }
        if errors.isEmpty { return .success(update) }
        return .failure(CaseFormErrors(errors: errors))
    }

    private func address(_ prefix: String, fail: (String, FieldError) -> Void) -> AddressRecord? {
        let parts = Self.addressParts.map { value("\(prefix)-\($0)").trimmingCharacters(in: .whitespaces) }
        guard parts.contains(where: { !$0.isEmpty }) else { return nil }
        // The postcode is checked on its own too, so its error shows together with a missing prefecture.
        if !parts[0].isEmpty {
            do { _ = try Postcode(parts[0]) } catch { fail("\(prefix)-postcode", error) }
        }
        do {
            let address = try Address(prefecture: parts[1], city: parts[2], town: parts[3], banchi: parts[4],
                                      katagaki: parts[5].isEmpty ? nil : parts[5], postcode: parts[0].isEmpty ? nil : parts[0])
            return AddressRecord(postcode: address.postcode?.digits ?? "", prefecture: address.prefecture.rawValue,
                                 city: address.city, town: address.town, banchi: address.banchi, katagaki: address.katagaki ?? "")
        } catch {
            if error.field != "postcode" { fail("\(prefix)-\(error.field)", error) }
            return nil
        }
    }

    private func member(_ index: Int, fail: (String, String, String) -> Void, fail failWith: (String, FieldError) -> Void,
                        date: (String) -> CivilDate?) -> MemberUpdate {
        let m = "m\(index)-"
        var update = MemberUpdate()
        update.id = UUID(uuidString: value(m + "id"))
        update.residentCode = values[m + "residentCode"].flatMap { $0.isEmpty ? nil : $0 }
        let family = value(m + "family"), given = value(m + "given")
        if !family.isEmpty || !given.isEmpty {
            do {
                let name = try PersonName(family: family, given: given)
                update.familyName = name.family
                update.givenName = name.given
            } catch {
                failWith(m + (error.field == "given" ? "given" : "family"), error)
            }
        }
        for part in ["familyKana", "givenKana"] {
            let text = value(m + part)
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            if let kana = Furigana.normalized(text) {
                if part == "familyKana" { update.familyKana = kana } else { update.givenKana = kana }
            } else {
                fail(m + part, "フリガナはカタカナで入力してください。", "write it in katakana.")
            }
        }
        update.birthDate = date(m + "birthDate")
        if let birth = update.birthDate, birth > CivilDate(dayNumber: Int(Date().timeIntervalSince1970 / 86_400) + 1) {
            fail(m + "birthDate", "生年月日が未来の日付です。", "the date is in the future.")
        }
        update.sex = Sex(rawValue: value(m + "sex"))
        update.relation = Relation(rawValue: value(m + "relation"))
        let nationality = value(m + "nationality").trimmingCharacters(in: .whitespaces).uppercased()
        if nationality.isEmpty || (nationality.count == 2 && nationality.allSatisfy { $0.isASCII && $0.isLetter }) {
            update.nationality = nationality.isEmpty ? "JP" : nationality
        } else {
            fail(m + "nationality", "2文字の国コード（日本は JP）で入力してください。", "enter the two-letter country code (JP for Japan).")
        }
        update.residenceStatus = value(m + "residenceStatus").trimmingCharacters(in: .whitespaces).nilIfEmpty
        update.residenceExpiry = date(m + "residenceExpiry")
        let number = value(m + "myNumber")
        if !number.trimmingCharacters(in: .whitespaces).isEmpty {
            if let myNumber = MyNumber(number) { update.myNumber = myNumber } else {
                fail(m + "myNumber", "正しくありません（12桁・検査数字を確認してください）。", "is not a valid number (12 digits; check the last digit).")
            }
        }
        update.removeMyNumber = isOn(m + "removeMyNumber")

        var facts = MemberFacts()
        facts.moving = event.memberQuestions.contains("moving") ? isOn(m + "moving") : true
        facts.insurance = Insurance(rawValue: value(m + "insurance"))?.rawValue ?? "none"
        facts.careCertification = CareCertification(rawValue: value(m + "careCertification"))?.rawValue ?? "none"
        facts.myNumberCard = MyNumberCard(rawValue: value(m + "myNumberCard"))?.rawValue ?? "none"
        facts.pensionCategory = Int(value(m + "pensionCategory")).flatMap { (1...3).contains($0) ? $0 : nil }
        facts.receives = Benefit.allCases.map(\.rawValue).filter { isOn(m + "receives-" + $0) }
        facts.flags = Member.flagInputs.map(\.rawValue).filter { isOn(m + $0) }
        update.facts = facts
        return update
    }
}

struct CaseFormErrors: Error {
    let errors: [FormFieldError]
}

/// A checked Case form, ready to store.
struct CaseUpdate {
    var eventDate: CivilDate?
    var notificationDate: CivilDate?
    var plannedMoveOutDate: CivilDate?
    var knownDate: CivilDate?
    var fromAbroad = false
    var dogs = 0
    var mopeds = 0
    var oldAddress: AddressRecord?
    var newAddress: AddressRecord?
    var members: [MemberUpdate] = []
}

struct MemberUpdate {
    /// The stored row this is, nil for a person added on this screen.
    var id: UUID?
    var residentCode: String?
    var familyName = ""
    var givenName = ""
    var familyKana = ""
    var givenKana = ""
    var birthDate: CivilDate?
    var sex: Sex?
    var relation: Relation?
    var nationality = "JP"
    var residenceStatus: String?
    var residenceExpiry: CivilDate?
    /// A newly entered 個人番号; nil keeps what is stored.
    var myNumber: MyNumber?
    var removeMyNumber = false
    var facts = MemberFacts()
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
