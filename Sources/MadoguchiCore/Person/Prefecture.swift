/// 都道府県: the 47 prefectures, in the order of their JIS X 0401 codes (北海道 01 … 沖縄県 47).
/// The raw value is the name as written in an address.
public enum Prefecture: String, CaseIterable, Sendable {
    case hokkaido = "北海道", aomori = "青森県", iwate = "岩手県", miyagi = "宮城県", akita = "秋田県"
    case yamagata = "山形県", fukushima = "福島県", ibaraki = "茨城県", tochigi = "栃木県", gunma = "群馬県"
    case saitama = "埼玉県", chiba = "千葉県", tokyo = "東京都", kanagawa = "神奈川県", niigata = "新潟県"
    case toyama = "富山県", ishikawa = "石川県", fukui = "福井県", yamanashi = "山梨県", nagano = "長野県"
    case gifu = "岐阜県", shizuoka = "静岡県", aichi = "愛知県", mie = "三重県", shiga = "滋賀県"
    case kyoto = "京都府", osaka = "大阪府", hyogo = "兵庫県", nara = "奈良県", wakayama = "和歌山県"
    case tottori = "鳥取県", shimane = "島根県", okayama = "岡山県", hiroshima = "広島県", yamaguchi = "山口県"
    case tokushima = "徳島県", kagawa = "香川県", ehime = "愛媛県", kochi = "高知県", fukuoka = "福岡県"
    case saga = "佐賀県", nagasaki = "長崎県", kumamoto = "熊本県", oita = "大分県", miyazaki = "宮崎県"
    case kagoshima = "鹿児島県", okinawa = "沖縄県"

    /// The two-digit JIS X 0401 code, `"09"` for 栃木県.
    public var code: String {
        let number = (Prefecture.allCases.firstIndex(of: self) ?? 0) + 1
        return (number < 10 ? "0" : "") + String(number)
    }
}
