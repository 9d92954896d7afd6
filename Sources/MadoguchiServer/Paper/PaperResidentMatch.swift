import Foundation
import MadoguchiCore

/// A person on a paper form found in the resident records by what the machine reads well — the reading in katakana
/// and the birth date — so that the kanji of the name is taken byte-exact from the register (髙, 﨑 and all) instead
/// of keyed or guessed: offered to staff, never filled without them.
struct PaperResidentMatch: Sendable, Equatable {
    /// The person's field prefix on the Case form (`m0-`).
    let person: String
    /// `髙橋　健司（本町二丁目3番12号）`, as the register has it.
    let label: String
    /// Zone input ids (`z-claimant.family`) and the register's values for them.
    let fills: [String: String]

    /// One match per person whose reading and birth date were read and fit exactly one resident.
    static func find(form: PaperForm, values: [String: String], in directory: some ResidentDirectory) async throws -> [PaperResidentMatch] {
        var matches: [PaperResidentMatch] = []
        let people = Set(form.zones.flatMap(\.fields).compactMap { field -> String? in
            guard field.hasPrefix("m"), let dash = field.firstIndex(of: "-") else { return nil }
            return String(field[...dash])
        }).sorted()
        for person in people {
            func zone(_ field: String) -> PaperZone? { form.zone(forField: person + field) }
            guard let familyKana = zone("familyKana").flatMap({ values[$0.id] }), !familyKana.isEmpty,
                  let givenKana = zone("givenKana").flatMap({ values[$0.id] }), !givenKana.isEmpty,
                  let birth = zone("birthDate").flatMap({ values[$0.id] }).flatMap(DateInput.parse) else { continue }
            let reading = Self.folded(familyKana + givenKana)
            let found = try await directory.search(birth.iso, limit: 50).filter { $0.furigana.map(Self.folded) == reading }
            guard found.count == 1, let resident = found.first else { continue }
            var fills: [String: String] = [:]
            if let family = zone("family") { fills["z-" + family.id] = resident.name.family }
            if let given = zone("given") { fills["z-" + given.id] = resident.name.given }
            guard !fills.isEmpty else { continue }
            let place = resident.address.town + resident.address.banchi
            matches.append(PaperResidentMatch(person: person, label: "\(resident.name.full)（\(place)）", fills: fills))
        }
        return matches
    }

    /// A reading without its spaces, for comparing: `タカハシ　ケンジ` and `タカハシケンジ` are one reading.
    static func folded(_ text: String) -> String { text.filter { !$0.isWhitespace } }
}
