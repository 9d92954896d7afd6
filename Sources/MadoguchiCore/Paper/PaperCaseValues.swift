/// A checked paper form as the Case form's values: each zone's value goes to its fields, the form's own presets
/// (`m1-relation: newborn`) are added, and the people are counted from the fields (`m0-…`, `m1-…`). The Case is
/// then made through the one validator every door uses.
extension PaperForm {
    /// The people are those something was written for: a form's second person left blank is nobody (and the form's
    /// presets for them go too).
    public func caseValues(_ zoneValues: [String: String]) -> (people: Int, values: [String: String]) {
        func person(_ field: String) -> Int? {
            guard field.hasPrefix("m"), let dash = field.firstIndex(of: "-") else { return nil }
            return Int(field.dropFirst().prefix(upTo: dash))
        }
        let written = zones.filter { !(zoneValues[$0.id] ?? "").isEmpty }.flatMap(\.fields).compactMap(person)
        let people = written.max().map { $0 + 1 } ?? 0
        func present(_ field: String) -> Bool { person(field).map { $0 < people } ?? true }
        var values = preset.filter { present($0.key) }
        for zone in zones {
            let value = zoneValues[zone.id] ?? ""
            for field in zone.fields where field != PaperZone.detailField && present(field) && (!value.isEmpty || values[field] == nil) {
                values[field] = value
            }
        }
        return (people, values)
    }

    /// What the form asks that the Case's household does not hold (a dog's registration number, its breed), by the
    /// zone's label, in the form's order: kept with the Case for the section that handles it.
    public func details(_ zoneValues: [String: String]) -> [(label: LocalizedText, value: String)] {
        zones.filter { $0.fields.contains(PaperZone.detailField) }.compactMap { zone in
            let value = zoneValues[zone.id] ?? ""
            return value.isEmpty ? nil : (zone.label, value)
        }
    }

    /// The zone a Case form field is read from (to show a validator's error beside the right cut-out).
    public func zone(forField field: String) -> PaperZone? {
        zones.first { $0.fields.contains(field) }
    }
}

extension PaperZone {
    /// The `field` of a zone whose value is a detail of the application itself, not of the household.
    public static let detailField = "detail"

    /// The kind of field the figures are kept by: digits, katakana, date, tick, kanji.
    public var figureKind: String {
        switch kind {
        case .digits: "digits"
        case .katakana: "katakana"
        case .date: "date"
        case .checkbox, .choice: "tick"
        case .text: "kanji"
        }
    }
}

/// How much a person had to correct on one zone, measured as the reported municipal trials measure it: characters
/// corrected (edits from what the machine read to what was kept) of all characters kept, blank fields counted
/// apart — a blank read as blank proves nothing about reading.
public struct PaperZoneFigure: Codable, Sendable, Equatable {
    public var kind: String
    /// Characters of the value kept (a tick counts as one).
    public var characters: Int
    /// Edits from the machine's value to the kept one.
    public var corrected: Int
    /// The machine accepted it without a look.
    public var accepted: Bool
    /// Nothing was written (and nothing kept).
    public var blank: Bool

    public init(kind: String, read: String, kept: String, accepted: Bool) {
        self.kind = kind
        self.accepted = accepted
        blank = kept.isEmpty && read.isEmpty
        if kind == "tick" || kind == "date" {
            // A tick or a date is one choice: right or corrected.
            characters = kept.isEmpty ? 0 : (kind == "tick" ? 1 : kept.count)
            corrected = read == kept ? 0 : max(1, kind == "tick" ? 1 : Self.edits(Array(read), Array(kept)))
        } else {
            characters = kept.count
            corrected = Self.edits(Array(read), Array(kept))
        }
    }

    /// Levenshtein distance.
    static func edits(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

/// The figures of many checked pages by field kind: accuracy 1 − corrected ÷ characters over filled fields, the
/// share of filled fields the machine accepted, blank fields apart.
public struct PaperFigures: Sendable, Equatable {
    public struct Kind: Sendable, Equatable {
        public var filled = 0, blank = 0, accepted = 0, changed = 0, characters = 0, corrected = 0
        public init() {}
        public var accuracy: Double? { characters > 0 ? max(0, 1 - Double(corrected) / Double(characters)) : nil }
        public var acceptedShare: Double? { filled > 0 ? Double(accepted) / Double(filled) : nil }
    }

    public var kinds: [String: Kind] = [:]

    public init(_ zones: [PaperZoneFigure]) {
        for zone in zones {
            var kind = kinds[zone.kind] ?? Kind()
            if zone.blank {
                kind.blank += 1
            } else {
                kind.filled += 1
                if zone.accepted { kind.accepted += 1 }
                if zone.corrected > 0 { kind.changed += 1 }
                kind.characters += zone.characters
                kind.corrected += zone.corrected
            }
            kinds[zone.kind] = kind
        }
    }

    public static let order = ["digits", "katakana", "date", "tick", "kanji"]
}
