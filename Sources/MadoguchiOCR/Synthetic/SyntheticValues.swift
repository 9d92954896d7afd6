import MadoguchiCore

/// What a citizen might write on a paper form, drawn at random but the same for a seed: names and their readings
/// from the catalog's dictionary, postcodes, dates in the three eras, ticks — and some zones left blank, as real
/// forms have them (scored apart: a blank read as blank is no proof of reading).
public struct SyntheticValues {
    /// By zone id: what is written (`PaperSheet`'s spelling: a date `S610714`).
    public let written: [String: String]
    /// By zone id: what a perfect reading gives (`ZoneReading.value`: a date `S61.7.14`); "" for a blank zone.
    public let expected: [String: String]

    public init(form: PaperForm, names: NameReadings, blankShare: Double = 0.15, random: inout SeededRandom) {
        let (families, givens) = names.names
        var written: [String: String] = [:], expected: [String: String] = [:]
        // One family and one given name per person, so that kanji and reading agree.
        var people: [String: (family: (name: String, reading: String), given: (name: String, reading: String))] = [:]
        func person(_ field: String) -> (family: (name: String, reading: String), given: (name: String, reading: String)) {
            let key = String(field.prefix { $0 != "-" })
            if let known = people[key] { return known }
            let chosen = (families.randomElement(using: &random)!, givens.randomElement(using: &random)!)
            people[key] = chosen
            return chosen
        }
        for zone in form.zones {
            expected[zone.id] = ""
            if Double(random.next() % 1000) / 1000 < blankShare { continue }
            let field = zone.fields[0]
            switch zone.kind {
            case .katakana(let cells):
                let reading = field.hasSuffix("familyKana") ? person(field).family.reading : person(field).given.reading
                guard reading.count <= cells else { continue }
                written[zone.id] = reading
            case .digits(let cells):
                written[zone.id] = String((0..<cells).map { _ in Character(String(random.next() % 10)) })
            case .date:
                let era = PaperGeometry.eras.randomElement(using: &random)!.value
                let year = Int(random.next() % (era == "R" ? 8 : era == "H" ? 31 : 63)) + 1
                let month = Int(random.next() % 12) + 1, day = Int(random.next() % 28) + 1
                written[zone.id] = era + [year, month, day].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined()
                expected[zone.id] = "\(era)\(year).\(month).\(day)"
                continue
            case .choice(let options, _):
                written[zone.id] = options.randomElement(using: &random)!.value
            case .checkbox:
                written[zone.id] = "on"
            case .text:
                if field.hasSuffix("-family") { written[zone.id] = person(field).family.name }
                else if field.hasSuffix("-given") { written[zone.id] = person(field).given.name }
                else { continue }  // addresses: not drawn here
            }
            expected[zone.id] = written[zone.id]
        }
        self.written = written
        self.expected = expected
    }
}
