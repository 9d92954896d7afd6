import MadoguchiCore

extension CaseForm {
    /// The form with one more person: the first is the head, the second the spouse, then children.
    static func adding(to form: CaseForm) -> CaseForm {
        var form = form
        let m = "m\(form.people)-"
        form.values[m + "nationality"] = "JP"
        form.values[m + "moving"] = "on"
        form.values[m + "relation"] = form.people == 0 ? "head" : form.people == 1 ? "spouse" : "child"
        form.people += 1
        return form
    }

    /// The form without person `index`: the people after it move up one place, values and all.
    func removing(_ index: Int) -> CaseForm {
        guard (0..<people).contains(index) else { return self }
        var values = self.values.filter { key, _ in !key.hasPrefix("m\(index)-") }
        for later in (index + 1)..<max(index + 1, people) {
            for (key, value) in self.values where key.hasPrefix("m\(later)-") {
                values.removeValue(forKey: key)
                values["m\(later - 1)-" + key.dropFirst("m\(later)-".count)] = value
            }
        }
        return CaseForm(event: event, people: people - 1, values: values)
    }

    /// Adds a resident from the 住民記録 as the next person; the first resident's address becomes the
    /// Case's current address when none is entered yet.
    mutating func add(_ resident: Resident) {
        self = Self.adding(to: self)
        let m = "m\(people - 1)-"
        values[m + "residentCode"] = resident.code
        values[m + "family"] = resident.name.family
        values[m + "given"] = resident.name.given
        let kana = (resident.furigana ?? "").split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).map(String.init)
        values[m + "familyKana"] = kana.first ?? ""
        values[m + "givenKana"] = kana.dropFirst().joined()
        values[m + "birthDate"] = resident.birthDate.iso
        values[m + "sex"] = resident.sex.rawValue
        values[m + "relation"] = resident.relation.rawValue
        values[m + "nationality"] = resident.nationality
        values[m + "residenceStatus"] = resident.residenceCard?.status ?? ""
        values[m + "residenceExpiry"] = resident.residenceCard?.periodEnd?.iso ?? ""
        values[m + "residenceCardNumber"] = resident.residenceCard?.number ?? ""
        values[m + "insurance"] = resident.insurance.rawValue
        values[m + "pensionCategory"] = resident.pensionCategory.map(String.init) ?? ""
        values[m + "careCertification"] = resident.careCertification.rawValue
        values[m + "myNumberCard"] = resident.myNumberCard.rawValue
        for benefit in resident.receives { values[m + "receives-" + benefit.rawValue] = "on" }
        if resident.sealRegistered { values[m + "sealRegistered"] = "on" }
        if resident.pregnant { values[m + "pregnant"] = "on" }
        if resident.myNumber != nil { values[m + "myNumber"] = resident.myNumber?.digits }
        let prefix = "old"
        if AddressInput.parts.allSatisfy({ value("\(prefix)-\($0)").isEmpty }) {
            let address = resident.address
            values["\(prefix)-postcode"] = address.postcode?.digits ?? ""
            values["\(prefix)-prefecture"] = address.prefecture.rawValue
            values["\(prefix)-city"] = address.city
            values["\(prefix)-town"] = address.town
            values["\(prefix)-banchi"] = address.banchi
            values["\(prefix)-katagaki"] = address.katagaki ?? ""
        }
    }

    /// The addresses the event records and what it calls them (its catalog file's `addresses:`); `prefix` is
    /// the form fields' (`old-postcode`, `new-town`, …).
    static func addressLabels(for event: EventDefinition, _ language: Language = .ja) -> [(prefix: String, label: String)] {
        event.addresses.map { ($0.kind.rawValue, $0.label.text(language.isJapanese ? .ja : .en)) }
    }
}
