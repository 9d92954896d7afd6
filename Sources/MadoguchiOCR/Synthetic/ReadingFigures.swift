import MadoguchiCore

/// Accuracy as municipalities measure it (Chiba's way: per field, exact), per kind of zone, with blank fields
/// counted apart, and what matters most: fields accepted without a look that were wrong.
public struct ReadingFigures: Sendable, CustomStringConvertible {
    public struct Tally: Sendable {
        public var filled = 0, filledRight = 0, accepted = 0, acceptedWrong = 0
        public var blank = 0, blankRight = 0

        public var accuracy: Double { filled == 0 ? 1 : Double(filledRight) / Double(filled) }
        public var acceptedShare: Double { filled == 0 ? 0 : Double(accepted) / Double(filled) }
        public var wrongAcceptedShare: Double { accepted == 0 ? 0 : Double(acceptedWrong) / Double(accepted) }
        public var blankAccuracy: Double { blank == 0 ? 1 : Double(blankRight) / Double(blank) }
    }

    public var pages = 0, aligned = 0
    public var tallies: [String: Tally] = [:]
    public var readSeconds = 0.0

    public init() {}

    public static func kind(_ zone: PaperZone) -> String {
        switch zone.kind {
        case .digits: "digits"
        case .katakana: "katakana"
        case .checkbox, .choice: "ticks"
        case .date: "date"
        case .text: "kanji"
        }
    }

    public mutating func count(_ zone: PaperZone, _ reading: ZoneReading, expected: String) {
        var tally = tallies[Self.kind(zone), default: Tally()]
        if expected.isEmpty {
            tally.blank += 1
            if reading.status == .blank { tally.blankRight += 1 }
        } else {
            tally.filled += 1
            if reading.value == expected { tally.filledRight += 1 }
            if reading.status == .accepted {
                tally.accepted += 1
                if reading.value != expected { tally.acceptedWrong += 1 }
            }
        }
        tallies[Self.kind(zone)] = tally
    }

    public var description: String {
        func percent(_ value: Double) -> String { String(format: "%.2f%%", value * 100) }
        var lines = ["pages \(pages), aligned \(aligned) (\(percent(pages == 0 ? 1 : Double(aligned) / Double(pages)))), "
            + String(format: "%.2f s per page read", pages == 0 ? 0 : readSeconds / Double(pages))]
        lines.append("kind       filled  exact     accepted  wrong-accepted  blank  blank-right")
        for kind in ["digits", "katakana", "date", "ticks", "kanji"] {
            guard let t = tallies[kind] else { continue }
            lines.append(kind.padding(toLength: 10, withPad: " ", startingAt: 0) + " "
                + "\(t.filled)".padding(toLength: 7, withPad: " ", startingAt: 0)
                + percent(t.accuracy).padding(toLength: 10, withPad: " ", startingAt: 0)
                + percent(t.acceptedShare).padding(toLength: 10, withPad: " ", startingAt: 0)
                + "\(t.acceptedWrong) (\(percent(t.wrongAcceptedShare)))".padding(toLength: 16, withPad: " ", startingAt: 0)
                + "\(t.blank)".padding(toLength: 7, withPad: " ", startingAt: 0) + percent(t.blankAccuracy))
        }
        return lines.joined(separator: "\n")
    }
}
