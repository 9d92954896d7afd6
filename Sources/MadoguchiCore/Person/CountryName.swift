/// A nationality as the 住民票 prints it (国籍・地域: ベトナム, not VN), for the countries and regions whose
/// people live in Japan in numbers (出入国在留管理庁 在留外国人統計, the largest forty). Any other code prints as
/// the code itself, which a section can still read.
public enum CountryName {
    public static func japanese(_ code: String) -> String {
        names[code.uppercased()] ?? code
    }

    static let names: [String: String] = [
        "JP": "日本", "CN": "中国", "VN": "ベトナム", "KR": "韓国", "PH": "フィリピン", "BR": "ブラジル",
        "NP": "ネパール", "ID": "インドネシア", "MM": "ミャンマー", "TW": "台湾", "US": "米国", "TH": "タイ",
        "IN": "インド", "LK": "スリランカ", "PE": "ペルー", "BD": "バングラデシュ", "KP": "朝鮮", "PK": "パキスタン",
        "KH": "カンボジア", "GB": "英国", "MN": "モンゴル", "UZ": "ウズベキスタン", "MY": "マレーシア", "FR": "フランス",
        "AU": "オーストラリア", "CA": "カナダ", "DE": "ドイツ", "BO": "ボリビア", "AF": "アフガニスタン", "LA": "ラオス",
        "IR": "イラン", "RU": "ロシア", "NG": "ナイジェリア", "UA": "ウクライナ", "TR": "トルコ", "SG": "シンガポール",
        "IT": "イタリア", "ES": "スペイン", "AR": "アルゼンチン", "MX": "メキシコ", "GH": "ガーナ", "EG": "エジプト",
    ]
}
