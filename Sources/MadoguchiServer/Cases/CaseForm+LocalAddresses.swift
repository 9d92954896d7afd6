import MadoguchiCore

extension CaseForm {
    /// Fills the event's addresses in the municipality (`local: true` in its catalog file) from what the
    /// catalog knows (`LocalAddresses.completed`): before a form is checked, so that every door's Case gets the
    /// same address from the same typing, and the staff see what was filled.
    mutating func completeLocalAddresses(_ local: LocalAddresses?) {
        guard let local else { return }
        for address in event.addresses where address.local {
            let typed = self.address(address.kind)
            let completed = local.completed(typed)
            for part in AddressInput.parts where completed[part] != typed[part] { values["\(address.kind.rawValue)-\(part)"] = completed[part] }
        }
    }

    /// The form as the screen shows it: an address in the municipality that nobody has typed yet shows the
    /// municipality's 都道府県 and name (saving it unchanged stores no address: `LocalAddresses.completed`).
    func showingLocalDefaults(_ local: LocalAddresses?) -> CaseForm {
        guard let local else { return self }
        var shown = self
        for address in event.addresses where address.local {
            let prefix = address.kind.rawValue
            guard self.address(address.kind) == AddressInput() else { continue }
            shown.values["\(prefix)-prefecture"] = local.prefecture.rawValue
            shown.values["\(prefix)-city"] = local.city
        }
        return shown
    }
}
