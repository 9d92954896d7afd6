import MadoguchiCore

/// A 個人番号 typed into a form that comes back with errors is never sent back as typed: the page carries it
/// sealed (the personal-data key, bound to this use) in a hidden field and shows it masked, so staff need not
/// type it again and the full number appears in no page, cache or screenshot. The next submission opens it.
enum MyNumberEcho {
    static let purpose = "form-echo:my-number"

    /// Before the page is rendered again: every typed number of `people` leaves the visible field.
    static func seal(_ values: inout [String: String], people: Int, vault: PersonalDataVault) {
        for index in 0..<people {
            let m = "m\(index)-"
            let typed = values[m + "myNumber"] ?? ""
            values[m + "myNumber"] = ""
            guard !typed.isEmpty else { continue }
            guard let number = MyNumber(typed), let sealed = try? vault.seal(number.digits, purpose: purpose) else {
                values.removeValue(forKey: m + "myNumberSealed")
                continue
            }
            values[m + "myNumberSealed"] = sealed
            values[m + "myNumberMasked"] = "\(number)"
        }
    }

    /// When the form is posted: a sealed number stands in for an empty field (a number typed anew wins).
    static func open(_ values: inout [String: String], vault: PersonalDataVault) {
        for (key, sealed) in values where key.hasSuffix("-myNumberSealed") {
            let field = String(key.dropLast("Sealed".count))
            values.removeValue(forKey: key)
            guard (values[field] ?? "").isEmpty, let digits = try? vault.open(sealed, purpose: purpose) else { continue }
            values[field] = digits
        }
    }
}
