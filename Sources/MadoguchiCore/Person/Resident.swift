/// One person in サンプル市's 住民記録 (resident register): the 住民票 items the counter works with.
///
/// A resident is what the register says, not what a card says: names keep their registered
/// characters (`PersonName`), and the counter pre-fills an interview from here.
public struct Resident: Sendable, Hashable {
    /// 住民票コード: 11 digits, one per person for life.
    public let code: String
    /// 世帯番号 of the household (世帯) the person belongs to.
    public let household: String
    /// 続柄 to the 世帯主, in the guide's coarse terms (`head`, `spouse`, `child`, `parent`, `other`).
    public let relation: Relation
    public let name: PersonName
    /// フリガナ in katakana; nil when none is recorded (foreign residents have none by law, and
    /// for others it may still be blank in the 2025–26 transition).
    public let furigana: String?
    public let sex: Sex
    public let birthDate: CivilDate
    /// 国籍・地域, ISO 3166-1 alpha-2.
    public let nationality: String
    /// 住所: the household's.
    public let address: Address
    /// Health insurance, as the guide spells it.
    public let insurance: Insurance
    /// 国民年金 被保険者種別 (1–3), where recorded.
    public let pensionCategory: Int?
    /// 要介護・要支援認定.
    public let careCertification: CareCertification
    public let myNumberCard: MyNumberCard
    public let receives: Set<Benefit>
    /// 印鑑登録 済み.
    public let sealRegistered: Bool
    /// A 妊娠届 is on record (母子健康手帳 issued): a birth is expected.
    public let pregnant: Bool
    /// 個人番号, only where this register may hold it; masked in every printout of a `Resident`.
    public let myNumber: MyNumber?
    /// 在留カード items, for a 中長期在留者.
    public let residenceCard: ResidenceCard?

    /// A 外国人住民 (住基法30条の45).
    public var isForeign: Bool { nationality != "JP" }

    /// Whether `text` is an 住民票コード: exactly 11 ASCII digits.
    public static func isCode(_ text: String) -> Bool {
        text.utf8.count == 11 && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
}
