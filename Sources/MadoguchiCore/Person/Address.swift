/// 住所: an address in Japan, kept in the parts a 住民票 has.
///
/// The text of each part is kept exactly as entered (only surrounding spaces go): 番地 is written
/// in two systems — 住居表示 `3丁目4番5号` and 地番 `1234番地5` — and a city's certificates follow
/// the notation it was registered in, so no digits or kanji numerals are rewritten.
/// Only the postcode, which is a number and not text, is normalized.
public struct Address: Sendable, Hashable {
    /// 都道府県.
    public let prefecture: Prefecture
    /// 市区町村, with its 郡 or 区 where it has one (`那須郡サンプル町`, `宇都宮市`, `横浜市中区`).
    public let city: String
    /// 町字: 大字・町名・丁目 (`本町二丁目`, `大字西原`).
    public let town: String
    /// 番地 as typed: `5191`, `1番地2`, `3丁目4番5号`, `4番5号`.
    public let banchi: String
    /// 方書: building and room (`サンプルハイツ203号室`); nil when there is none.
    public let katagaki: String?
    /// 郵便番号; nil when not known (a move-out destination, say).
    public let postcode: Postcode?

    /// Checks an address; the error names the field (`prefecture`, `city`, `town`, `banchi`,
    /// `katagaki`, `postcode`). An empty 方書 counts as none.
    public init(prefecture: String, city: String, town: String, banchi: String,
                katagaki: String? = nil, postcode: String? = nil) throws(FieldError) {
        guard let known = Prefecture(rawValue: RegisterText.trimmingSpaces(prefecture)) else {
            throw FieldError(field: "prefecture", "“\(prefecture)” is not one of the 47 都道府県 (write it in full: 栃木県, 東京都, 北海道)",
                             ja: "「\(prefecture)」は都道府県名ではありません（栃木県、東京都、北海道のように入力してください）。")
        }
        self.prefecture = known
        let city = try RegisterText.checked(city, field: "city", maxLength: 30)
        guard let last = city.last, "市区町村".contains(last) else {
            throw FieldError(field: "city", "“\(city)” must end in 市, 区, 町 or 村", ja: "「\(city)」は市・区・町・村で終わる名前で入力してください。")
        }
        self.city = city
        self.town = try RegisterText.checked(town, field: "town", maxLength: 40)
        self.banchi = try RegisterText.checked(banchi, field: "banchi", maxLength: 40)
        if let katagaki, !RegisterText.trimmingSpaces(katagaki).isEmpty {
            self.katagaki = try RegisterText.checked(katagaki, field: "katagaki", maxLength: 60)
        } else {
            self.katagaki = nil
        }
        self.postcode = try postcode.map { text throws(FieldError) in try Postcode(text) }
    }

    /// The address for printing: `栃木県サンプル市本町二丁目3番12号`, then the 方書 on a line of its own.
    public var lines: [String] {
        [prefecture.rawValue + city + town + banchi] + (katagaki.map { [$0] } ?? [])
    }

    /// Equal when every part is the same to the Unicode scalar (place names use variant
    /// characters as much as personal names do).
    public static func == (lhs: Address, rhs: Address) -> Bool {
        lhs.prefecture == rhs.prefecture && lhs.postcode == rhs.postcode
            && [lhs.city, lhs.town, lhs.banchi, lhs.katagaki ?? ""].map { Array($0.unicodeScalars) }
            == [rhs.city, rhs.town, rhs.banchi, rhs.katagaki ?? ""].map { Array($0.unicodeScalars) }
            && (lhs.katagaki == nil) == (rhs.katagaki == nil)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(prefecture)
        hasher.combine(postcode)
        for text in [city, town, banchi, katagaki ?? ""] {
            for scalar in text.unicodeScalars { hasher.combine(scalar.value) }
            hasher.combine(0 as UInt32)
        }
    }
}
