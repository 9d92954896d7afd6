/// 基本4情報 — name, address, birth date and sex — as EF 0002 of the 券面事項入力補助AP holds them.
///
/// Everything is kept byte-exact: the name may hold characters outside JIS X 0208 (外字, 𠮷) and how the card
/// encodes those is unconfirmed (domain brief §5.4), so staff must be able to see exactly what the card said.
public struct BasicFourItems: Sendable, Hashable {
    /// Tag 33 (`DF 21`): opaque header bytes, kept as read.
    public var header: [UInt8]
    /// 氏名 (tag 34, `DF 22`).
    public var name: CardText
    /// 住所 (tag 35, `DF 23`).
    public var address: CardText
    /// 生年月日 (tag 36, `DF 24`).
    public var birthDate: CardBirthDate
    /// 性別 (tag 37, `DF 25`).
    public var sex: CardSex
    /// The whole container as read (`FF 20 …`), for the J-LIS signature check of EF 0003 later.
    public var rawTLV: [UInt8]

    public init(header: [UInt8], name: CardText, address: CardText, birthDate: CardBirthDate, sex: CardSex, rawTLV: [UInt8]) {
        self.header = header
        self.name = name
        self.address = address
        self.birthDate = birthDate
        self.sex = sex
        self.rawTLV = rawTLV
    }

    /// Decodes EF 0002: the container, then its children found by tag (in any order; unknown tags ignored, the
    /// first of a repeated tag wins). Birth date and sex that do not parse are kept raw, not refused: the counter
    /// can still show them and staff correct them.
    public init(ef0002 bytes: [UInt8]) throws(CardDataError) {
        let first: (object: BERTLV, range: Range<Int>)?
        do { first = try BERTLV.firstObject(in: bytes) } catch { throw .tlv(error) }
        guard let first, first.object.tag == CardInputSupportAP.Tag.basicFourItems else { throw .missingContainer }
        let container = first.object
        let children: [BERTLV]
        do { children = try container.children() } catch { throw .tlv(error) }

        func item(_ tag: BERTag, _ label: String) throws(CardDataError) -> [UInt8] {
            guard let object = children.first(where: { $0.tag == tag }) else { throw .missingItem(label) }
            return object.value
        }
        let header = try item(CardInputSupportAP.Tag.header, "header (tag 33)")
        let name = try item(CardInputSupportAP.Tag.name, "name (tag 34)")
        let address = try item(CardInputSupportAP.Tag.address, "address (tag 35)")
        let birth = try item(CardInputSupportAP.Tag.birthDate, "birth date (tag 36)")
        let sex = try item(CardInputSupportAP.Tag.sex, "sex (tag 37)")
        self.init(
            header: header, name: CardText(bytes: name), address: CardText(bytes: address),
            birthDate: CardBirthDate(bytes: birth), sex: CardSex(bytes: sex),
            rawTLV: Array(bytes[first.range]))
    }
}

/// A text item (name, address) exactly as on the card.
public struct CardText: Sendable, Hashable {
    public var bytes: [UInt8]
    /// The text when the bytes are valid UTF-8; nil otherwise (the bytes stay available).
    public var string: String?

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        // Strict check that works on every platform: decoding repairs invalid sequences with U+FFFD, so the
        // bytes are valid exactly when re-encoding gives them back.
        let decoded = String(decoding: bytes, as: UTF8.self)
        string = Array(decoded.utf8) == bytes ? decoded : nil
    }

    /// True when staff should look at the card itself: the bytes are not UTF-8, or the text holds U+FFFD, the
    /// geta mark 〓 that stands for a character that could not be printed, or a private-use character (外字
    /// mapped to PUA: U+E000–F8FF, planes 15 and 16) — the domain brief's §5.4 rule 5.
    public var needsManualCheck: Bool {
        guard let string else { return true }
        return string.unicodeScalars.contains { scalar in
            scalar == "\u{FFFD}" || scalar == "〓" || (0xE000...0xF8FF).contains(scalar.value) || scalar.value >= 0xF0000
        }
    }
}

/// 生年月日 as on the card. The brief expects 8-digit Gregorian `YYYYMMDD` but marks it unconfirmed (other sources
/// show `H01.01.01`), so the text is always kept and `date` is set only when it really is a valid `YYYYMMDD`.
public struct CardBirthDate: Sendable, Hashable {
    public var bytes: [UInt8]
    /// The bytes as text (invalid UTF-8 repaired with U+FFFD; `bytes` is the truth).
    public var text: String
    public var date: YearMonthDay?

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        text = String(decoding: bytes, as: UTF8.self)
        date = YearMonthDay(yyyymmdd: bytes)
    }
}

/// A Gregorian calendar date, checked (month 1–12, day within the month, 29 February only in leap years).
public struct YearMonthDay: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...YearMonthDay.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Exactly 8 ASCII digits `YYYYMMDD`.
    public init?(yyyymmdd bytes: [UInt8]) {
        guard bytes.count == 8, bytes.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        let n = bytes.map { Int($0 - 0x30) }
        self.init(year: n[0] * 1000 + n[1] * 100 + n[2] * 10 + n[3], month: n[4] * 10 + n[5], day: n[6] * 10 + n[7])
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (a: YearMonthDay, b: YearMonthDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// 性別 as on the card: one ISO 5218 digit.
public struct CardSex: Sendable, Hashable {
    public var bytes: [UInt8]
    /// nil when the bytes are not one of the ISO 5218 digits.
    public var code: ISO5218Sex?

    public init(bytes: [UInt8]) {
        self.bytes = bytes
        code = bytes.count == 1 ? ISO5218Sex(rawValue: Int(bytes[0]) - 0x30) : nil
    }
}

/// ISO/IEC 5218 codes for the representation of human sexes.
public enum ISO5218Sex: Int, Sendable, Hashable, CaseIterable {
    case notKnown = 0
    case male = 1
    case female = 2
    case notApplicable = 9

    /// As the counter screen says it.
    public var labelJa: String {
        switch self {
        case .notKnown: "不明"
        case .male: "男"
        case .female: "女"
        case .notApplicable: "適用不能"
        }
    }
}
