/// A Japanese era (元号). City-hall forms and many citizens write dates in 和暦, so every date
/// we show or accept must be convertible both ways.
public enum Era: String, CaseIterable, Sendable {
    case meiji, taisho, showa, heisei, reiwa

    public var kanji: String {
        switch self {
        case .meiji: "明治"
        case .taisho: "大正"
        case .showa: "昭和"
        case .heisei: "平成"
        case .reiwa: "令和"
        }
    }

    /// The one-letter abbreviation of JIS X 0301 ("R8.4.1").
    public var letter: Character {
        switch self {
        case .meiji: "M"
        case .taisho: "T"
        case .showa: "S"
        case .heisei: "H"
        case .reiwa: "R"
        }
    }

    /// The first day of the era. For 明治 this is 1868-01-25 (明治元年1月1日 in the old
    /// calendar, to which the era was applied retroactively); no 明治 date before 1873 is a
    /// Gregorian date anyway, so `Wareki` never produces or accepts one.
    public var firstDay: CivilDate {
        switch self {
        case .meiji: CivilDate(year: 1868, month: 1, day: 25)!
        case .taisho: CivilDate(year: 1912, month: 7, day: 30)!
        case .showa: CivilDate(year: 1926, month: 12, day: 25)!
        case .heisei: CivilDate(year: 1989, month: 1, day: 8)!
        case .reiwa: CivilDate(year: 2019, month: 5, day: 1)!
        }
    }

    /// The last day of the era, `nil` for the current one. 明治 and 大正 ended on the day the
    /// emperor died, which was also the next era's first day; 昭和 and 平成 ended at midnight.
    var lastDay: CivilDate? {
        switch self {
        case .meiji: Era.taisho.firstDay
        case .taisho: Era.showa.firstDay
        case .showa: Era.heisei.firstDay.addingDays(-1)
        case .heisei: Era.reiwa.firstDay.addingDays(-1)
        case .reiwa: nil
        }
    }

    /// Whether `date` can be written in this era: within its span, and in the Gregorian
    /// calendar, which Japan adopted on 1873-01-01 (明治6年1月1日).
    func contains(_ date: CivilDate) -> Bool {
        date >= max(firstDay, Wareki.gregorianAdoption) && (lastDay.map { date <= $0 } ?? true)
    }
}

/// A date written in a Japanese era: 令和8年4月1日 is `WarekiDate(era: .reiwa, year: 8, month: 4, day: 1)`.
public struct WarekiDate: Hashable, Sendable {
    public let era: Era
    /// The year of the era; 1 is written 元年.
    public let year: Int
    public let month: Int
    public let day: Int

    public init(era: Era, year: Int, month: Int, day: Int) {
        self.era = era
        self.year = year
        self.month = month
        self.day = day
    }

    /// "令和8年4月1日", "令和元年5月1日".
    public var formatted: String {
        era.kanji + (year == 1 ? "元" : String(year)) + "年" + String(month) + "月" + String(day) + "日"
    }

    /// The Gregorian date, or `nil` when the date does not exist in that era
    /// (平成32年, 令和元年4月30日, 明治5年…).
    var civilDate: CivilDate? {
        guard year >= 1,
              let date = CivilDate(year: era.firstDay.year + year - 1, month: month, day: day),
              era.contains(date) else { return nil }
        return date
    }
}

/// Conversion between Gregorian dates and 和暦.
public enum Wareki {
    /// Japan switched from the lunisolar calendar to the Gregorian one on this day (明治6年1月1日);
    /// earlier era dates are not Gregorian dates, so we have none for them.
    static let gregorianAdoption = CivilDate(year: 1873, month: 1, day: 1)!

    /// The era date(s) of a Gregorian date, oldest era first: two on an era's first day that is
    /// also the previous era's last day (1912-07-30 is 明治45年 and 大正元年; 1926-12-25 is
    /// 大正15年 and 昭和元年), one otherwise, none before 1873-01-01.
    public static func eras(of date: CivilDate) -> [WarekiDate] {
        Era.allCases.filter { $0.contains(date) }.map { era in
            WarekiDate(era: era, year: date.year - era.firstDay.year + 1, month: date.month, day: date.day)
        }
    }

    /// The date in the era that began last (so 1926-12-25 → 昭和元年12月25日); nil before 1873-01-01.
    public static func wareki(of date: CivilDate) -> WarekiDate? {
        eras(of: date).last
    }

    /// "令和8年4月1日" (or the ISO date when there is no era date).
    public static func format(_ date: CivilDate) -> String {
        wareki(of: date)?.formatted ?? date.iso
    }

    /// Parses an era date: "令和8年4月1日", "令和元年5月1日", "R8.4.1", "r08.04.01", "R8/4/1",
    /// "令8.4.1", "H31.4.30", full-width digits ("令和８年４月１日"), spaces tolerated.
    /// Returns nil for a date that does not exist in that era (平成32年1月1日, 令和元年4月30日,
    /// 昭和64年1月8日, 大正15年12月26日) or does not exist at all.
    public static func parse(_ text: String) -> CivilDate? {
        var scanner = DateTextScanner(text)
        guard let era = scanner.era() else { return nil }
        let year: Int
        if scanner.take("元") {
            year = 1
        } else if let number = scanner.number(digits: 1...2) {
            year = number
        } else {
            return nil
        }
        guard let fields = scanner.monthAndDay() else { return nil }
        return WarekiDate(era: era, year: year, month: fields.month, day: fields.day).civilDate
    }
}

/// What a citizen or staff member types for a date: 西暦 ("2026-04-01", "2026/4/1", "2026.4.1",
/// "2026年4月1日", full-width digits) or 和暦 (as `Wareki.parse`). Returns nil when it is not a
/// real date.
public enum DateInput {
    public static func parse(_ text: String) -> CivilDate? {
        var scanner = DateTextScanner(text)
        guard scanner.startsWithDigit else { return Wareki.parse(text) }
        guard let year = scanner.number(digits: 4...4),
              let fields = scanner.monthAndDay() else { return nil }
        return CivilDate(year: year, month: fields.month, day: fields.day)
    }
}

/// Reads the pieces of a typed date. Text typed with a Japanese IME often has full-width digits,
/// letters and punctuation ("Ｒ８．４．１") and stray spaces, so the text is first reduced to
/// ASCII where it has an ASCII twin, upper-cased, and stripped of whitespace; era ligatures
/// such as "㋿" are spelled out.
private struct DateTextScanner {
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ text: String) {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                // Most dates are typed in ASCII: no look-up of Unicode's properties (1 % of the guide's result page).
                if scalar == " " || (0x09...0x0D).contains(scalar.value) { continue }
                scalars.append((0x61...0x7A).contains(scalar.value) ? Unicode.Scalar(UInt8(scalar.value - 0x20)) : scalar)
                continue
            }
            if scalar.properties.isWhitespace { continue }
            if let era = DateTextScanner.squareEraNames[scalar.value] {
                scalars += era.kanji.unicodeScalars
                continue
            }
            var value = scalar.value
            if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }  // Full-width ASCII block.
            if (0x61...0x7A).contains(value) { value -= 0x20 }  // a-z → A-Z.
            scalars.append(Unicode.Scalar(value)!)
        }
        self.scalars = scalars
    }

    /// The one-character era ligatures some IMEs offer: ㍾ ㍽ ㍼ ㍻ ㋿.
    private static let squareEraNames: [UInt32: Era] = [
        0x337E: .meiji, 0x337D: .taisho, 0x337C: .showa, 0x337B: .heisei, 0x32FF: .reiwa,
    ]

    var startsWithDigit: Bool {
        scalars.first.map(DateTextScanner.isDigit) ?? false
    }

    /// Consumes `literal` if the text continues with it.
    mutating func take(_ literal: String) -> Bool {
        let wanted = Array(literal.unicodeScalars)
        guard scalars[position...].starts(with: wanted) else { return false }
        position += wanted.count
        return true
    }

    /// Consumes a run of ASCII digits whose length is in `digits`.
    mutating func number(digits: ClosedRange<Int>) -> Int? {
        var end = position
        var value = 0
        while end < scalars.count, DateTextScanner.isDigit(scalars[end]), end - position < digits.upperBound {
            value = value * 10 + Int(scalars[end].value - 48)
            end += 1
        }
        let isFollowedByDigit = end < scalars.count && DateTextScanner.isDigit(scalars[end])
        guard digits.contains(end - position), !isFollowedByDigit else { return nil }
        position = end
        return value
    }

    /// An era as "令和", "令" or "R".
    mutating func era() -> Era? {
        for era in Era.allCases where take(era.kanji) { return era }
        for era in Era.allCases where take(String(era.kanji.prefix(1))) { return era }
        for era in Era.allCases where take(String(era.letter)) { return era }
        return nil
    }

    /// The rest of the text after the year: "年M月D日", or ".M.D" with "/" or "-" in place of
    /// "." (the same separator both times). Nothing may follow.
    mutating func monthAndDay() -> (month: Int, day: Int)? {
        let month: Int, day: Int
        if take("年") {
            guard let m = number(digits: 1...2), take("月"),
                  let d = number(digits: 1...2), take("日") else { return nil }
            (month, day) = (m, d)
        } else {
            guard let separator = nextSeparator(), let m = number(digits: 1...2), take(separator),
                  let d = number(digits: 1...2) else { return nil }
            (month, day) = (m, d)
        }
        return position == scalars.count ? (month, day) : nil
    }

    private mutating func nextSeparator() -> String? {
        for separator in [".", "/", "-"] where take(separator) { return separator }
        return nil
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(scalar.value)
    }
}
