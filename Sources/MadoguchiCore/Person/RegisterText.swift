/// The rules for free text that goes onto a 住民票 (names, address parts): kept exactly as typed —
/// never Unicode-normalized, since NFC/NFKC replace CJK compatibility ideographs with other
/// characters and so change a registered name — with only the spaces around it trimmed.
enum RegisterText {
    /// `text` with surrounding half- and full-width spaces trimmed, or the reason it cannot stand
    /// in `field`: empty, longer than `maxLength` characters, or holding a character that has no
    /// place in a register (see `problem(with:)`).
    static func checked(_ text: String, field: String, maxLength: Int) throws(FieldError) -> String {
        let trimmed = trimmingSpaces(text)
        guard !trimmed.isEmpty else { throw FieldError(field: field, "must not be empty", ja: "入力してください。") }
        guard trimmed.count <= maxLength else {
            throw FieldError(field: field, "is \(trimmed.count) characters long; at most \(maxLength) are allowed",
                             ja: "\(trimmed.count)文字あります。\(maxLength)文字までで入力してください。")
        }
        for scalar in trimmed.unicodeScalars {
            if let problem = problem(with: scalar) { throw FieldError(field: field, problem.en, ja: problem.ja) }
        }
        return trimmed
    }

    /// Removes leading and trailing U+0020 and U+3000 only, touching nothing in between.
    static func trimmingSpaces(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\u{3000}" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[first...last])
        return String(view)
    }

    /// Why a character cannot stand in register text, or nil when it can.
    ///
    /// Control and format characters (line breaks, tabs, zero-width and bidirectional controls)
    /// hide or reorder text; `<>"&` and the backquote are markup, which no name or address needs;
    /// private-use characters are a vendor's 外字, meaningless outside the system that made them;
    /// U+FFFD and 〓 (ゲタ) stand for a character that was lost in a conversion. Variation
    /// selectors (IVS, for MJ glyphs) are marks, not format characters, and are kept; so are
    /// characters this Unicode version does not know yet (a newer CJK extension may hold a name).
    static func problem(with scalar: Unicode.Scalar) -> (en: String, ja: String)? {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator:
            return ("contains a control or invisible character (U+\(hex(scalar)))",
                    "改行や見えない文字（U+\(hex(scalar))）が含まれています。")
        case .privateUse:
            return ("contains a private-use character (U+\(hex(scalar))), a system's own 外字; "
                + "enter its MJ / Unicode form instead",
                    "外字（U+\(hex(scalar))）が含まれています。MJ文字・Unicodeの文字で入力してください。")
        default:
            break
        }
        if "<>\"&`".unicodeScalars.contains(scalar) {
            return ("contains the markup character \(scalar)", "記号「\(scalar)」は使えません。")
        }
        if scalar == "\u{FFFD}" || scalar == "〓" {
            return ("contains \(scalar), which stands for a character lost in a conversion; enter the real character",
                    "「\(scalar)」は変換で失われた文字の代わりです。本来の文字を入力してください。")
        }
        return nil
    }

    static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
