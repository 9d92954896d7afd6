/// 町字: a 大字・町名・丁目 of the municipality, as the Digital Agency's address base registry (ABR) lists it,
/// with the postcode that serves it and the notation its 番地 are written in.
public struct Town: Sendable, Hashable {
    /// How the numbers after the 町字 are written.
    public enum Addressing: String, Sendable, Hashable, CaseIterable {
        /// 住居表示: 街区符号 and 住居番号, `3番12号`.
        case residenceIndication = "jukyo"
        /// 地番: the land lot, `1234番地5`.
        case lotNumber = "chiban"
    }

    /// ABR 町字ID (7 digits), unique in the municipality.
    public let id: String
    /// `本町二丁目`, `大字西原`: as the 住民票 prints it.
    public let name: String
    /// Its reading, for finding it by kana.
    public let kana: String
    public let postcode: Postcode
    public let addressing: Addressing

    public init(id: String, name: String, kana: String, postcode: Postcode, addressing: Addressing) {
        self.id = id
        self.name = name
        self.kana = kana
        self.postcode = postcode
        self.addressing = addressing
    }

    /// A 番地 typed in the counter's shorthand, written as this town writes it: `5-3` is `5番3号` where
    /// 住居表示 is in force and `5番地3` elsewhere; `12` is `12番地` in a 地番 town. Anything else (already
    /// written out, three parts, letters) is returned as typed: the register keeps notation, it does not
    /// guess it.
    public func banchi(_ typed: String) -> String {
        var groups: [[Int]] = [[]]
        for scalar in RegisterText.trimmingSpaces(typed).unicodeScalars {
            if let digit = TypedCharacters.digit(scalar) {
                groups[groups.count - 1].append(digit)
            } else if TypedCharacters.isDash(scalar), !groups[groups.count - 1].isEmpty {
                groups.append([])
            } else {
                return typed
            }
        }
        let numbers = groups.map { $0.map(String.init).joined() }
        guard numbers.allSatisfy({ !$0.isEmpty && $0.first != "0" }) else { return typed }
        switch (addressing, numbers.count) {
        case (.residenceIndication, 2): return numbers[0] + "番" + numbers[1] + "号"
        case (.lotNumber, 1): return numbers[0] + "番地"
        case (.lotNumber, 2): return numbers[0] + "番地" + numbers[1]
        default: return typed
        }
    }
}

/// The municipality's 町字 (`towns.yaml` in the catalog): what a postcode or a name stands for, so that the
/// counter types a postcode and not a whole address.
public struct TownDirectory: Sendable {
    public let towns: [Town]
    private let byPostcode: [String: [Town]]
    private let byName: [String: Town]

    public init(_ towns: [Town]) {
        self.towns = towns
        byPostcode = Dictionary(grouping: towns, by: \.postcode.digits)
        byName = Dictionary(towns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public static let empty = TownDirectory([])

    public var isEmpty: Bool { towns.isEmpty }

    /// The towns a postcode serves (one, usually; a postcode may serve several 大字).
    public func towns(postcode: Postcode) -> [Town] { byPostcode[postcode.digits] ?? [] }

    /// The town of that exact name.
    public func town(named name: String) -> Town? { byName[RegisterText.trimmingSpaces(name)] }
}
