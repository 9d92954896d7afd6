import Foundation

/// A core system's extract of the resident register (住民記録) as CSV, in the layout `docs/resident-extract.md`
/// describes: a header row naming the columns (in any order), then one row per resident, household by household,
/// each 世帯主 first. A full extract is the whole register; an incremental one the residents changed since the
/// last (by 異動日), with `removedOn` set for those who left (転出, 死亡).
///
/// Every row is checked with the rules the counter uses for the same fields, and every problem is reported
/// with its line, up to `maximumErrors`; a file with any problem is not imported at all. Names and
/// addresses are kept exactly as the file has them (髙, 﨑, 𠮷, variation sequences).
public struct ResidentExtract: Sendable {
    public enum Kind: String, Sendable { case full, incremental }

    public let kind: Kind
    public let rows: [ResidentExtractRow]

    public static let maximumErrors = 50

    /// Reads and checks an extract; `file` names it in errors.
    public static func read(csv: String, file: String, kind: Kind) throws(ResidentExtractErrors) -> ResidentExtract {
        var reader = ResidentExtractReader(file: file, kind: kind)
        return try reader.read(csv)
    }

    /// The extract of a register, as a core system would write it (UTF-8, CRLF, every column).
    public static func csv(_ registry: ResidentRegistry) -> String {
        var text = CSVRecords.line(ResidentColumn.allCases.map(\.rawValue))
        for household in registry.households {
            for code in household.memberCodes {
                guard let resident = registry.resident(code) else { continue }
                text += CSVRecords.line(ResidentColumn.allCases.map { $0.value(of: resident, dogs: household.dogs) })
            }
        }
        return text
    }
}

/// One resident of an extract, with the movement (異動) the core system recorded last.
public struct ResidentExtractRow: Sendable, Hashable {
    public let resident: Resident
    /// Dogs registered under the resident's household (the same on each of its rows).
    public let dogs: Int
    /// 住定日: the day the resident began to live at the address.
    public let movedIn: CivilDate?
    /// 異動日 of the last movement, and its 異動事由.
    public let changedOn: CivilDate?
    public let change: MovementReason?
    /// 消除日: the resident left the register (転出, 死亡); such a row is kept but no longer found.
    public let removedOn: CivilDate?
    public let line: Int
}

/// 異動事由, as the 住民記録システム標準仕様書 names them.
public enum MovementReason: String, CaseIterable, Sendable {
    case domesticMoveIn = "国内転入", moveInFromAbroad = "国外転入", birth = "出生", moveWithin = "転居"
    case domesticMoveOut = "国内転出", moveOutAbroad = "国外転出", death = "死亡"
    case householdSplit = "世帯分離", householdMerge = "世帯合併", headChange = "世帯主変更"
    case byOffice = "職権記載", correction = "職権修正", initial = "初期登録"
}

/// Every problem of an extract, each with its file and line.
public struct ResidentExtractErrors: Error, Sendable, Equatable, CustomStringConvertible {
    public let errors: [CatalogError]
    /// More problems than were listed.
    public let truncated: Bool

    public var description: String {
        errors.map(\.description).joined(separator: "\n") + (truncated ? "\n… (more problems not listed)" : "")
    }
}

/// The columns of an extract. Those marked required must be in the header; an optional one may be left
/// out or empty (its default applies).
public enum ResidentColumn: String, CaseIterable, Sendable {
    case code, household, relation, family, given, alphabetName, furigana, sex, birthDate, nationality
    case postcode, prefecture, city, town, banchi, katagaki, dogs
    case insurance, pensionCategory, careCertification, myNumberCard, receives, sealRegistered, pregnant, myNumber
    case residenceStatus, residencePeriodEnd, residenceCardNumber
    case movedIn, changedOn, change, removedOn

    public var isRequired: Bool {
        switch self {
        case .code, .household, .relation, .family, .given, .sex, .birthDate, .postcode, .prefecture, .city, .town, .banchi: true
        default: false
        }
    }

    /// The column's text for a resident of the register (the sample's extract is written with this).
    func value(of r: Resident, dogs: Int) -> String {
        switch self {
        case .code: r.code
        case .household: r.household
        case .relation: r.relation.rawValue
        case .family: r.name.family
        case .given: r.name.given
        case .alphabetName: r.name.alphabetName ?? ""
        case .furigana: r.furigana ?? ""
        case .sex: r.sex.rawValue
        case .birthDate: r.birthDate.iso
        case .nationality: r.nationality
        case .postcode: r.address.postcode.map { $0.digits.prefix(3) + "-" + $0.digits.suffix(4) } ?? ""
        case .prefecture: r.address.prefecture.rawValue
        case .city: r.address.city
        case .town: r.address.town
        case .banchi: r.address.banchi
        case .katagaki: r.address.katagaki ?? ""
        case .dogs: dogs == 0 ? "" : String(dogs)
        case .insurance: r.insurance == .none ? "" : r.insurance.rawValue
        case .pensionCategory: r.pensionCategory.map(String.init) ?? ""
        case .careCertification: r.careCertification == .none ? "" : r.careCertification.rawValue
        case .myNumberCard: r.myNumberCard == .none ? "" : r.myNumberCard.rawValue
        case .receives: Benefit.allCases.filter(r.receives.contains).map(\.rawValue).joined(separator: ";")
        case .sealRegistered: r.sealRegistered ? "true" : ""
        case .pregnant: r.pregnant ? "true" : ""
        case .myNumber: r.myNumber?.digits ?? ""
        case .residenceStatus: r.residenceCard?.status ?? ""
        case .residencePeriodEnd: r.residenceCard?.periodEnd?.iso ?? ""
        case .residenceCardNumber: r.residenceCard?.number ?? ""
        case .movedIn, .changedOn, .change, .removedOn: ""
        }
    }
}
