/// 氏名: 氏 (family name) and 名 (given name) exactly as registered.
///
/// The characters are kept byte for byte. A registered name may use a CJK compatibility
/// ideograph or a variant (髙, 﨑 U+FA11, 邊) that Unicode normalization or a font fallback would
/// turn into the common form, and the resident would rightly object. For the same reason two
/// names are equal only when their Unicode scalars are: Swift's `String ==` treats canonically
/// equivalent text as equal (U+FA10 塚 and U+585A 塚 are canonically equivalent), which is right
/// for prose and wrong for a register.
public struct PersonName: Sendable, Hashable, CustomStringConvertible {
    /// 氏.
    public let family: String
    /// 名.
    public let given: String
    /// アルファベット表記, for a foreign resident: the name as on the 在留カード, upper-case.
    public let alphabetName: String?

    public static let maxLength = 40
    public static let maxAlphabetLength = 100

    /// Checks and keeps a name; the error names the field (`family`, `given`, `alphabetName`).
    /// Only spaces around each part are trimmed; `alphabetName` is upper-cased.
    public init(family: String, given: String, alphabetName: String? = nil) throws(FieldError) {
        self.family = try RegisterText.checked(family, field: "family", maxLength: PersonName.maxLength)
        self.given = try RegisterText.checked(given, field: "given", maxLength: PersonName.maxLength)
        self.alphabetName = try alphabetName.map { text throws(FieldError) in try PersonName.alphabet(text) }
    }

    /// `髙橋　健司`: 氏 and 名 with a full-width space, as a 住民票 prints it.
    public var full: String { family + "\u{3000}" + given }

    public var description: String { full }

    /// Equal when every Unicode scalar is the same (see the type's comment).
    public static func == (lhs: PersonName, rhs: PersonName) -> Bool {
        lhs.family.unicodeScalars.elementsEqual(rhs.family.unicodeScalars)
            && lhs.given.unicodeScalars.elementsEqual(rhs.given.unicodeScalars)
            && lhs.alphabetName?.unicodeScalars.map(\.value) == rhs.alphabetName?.unicodeScalars.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        for text in [family, given, alphabetName ?? ""] {
            for scalar in text.unicodeScalars { hasher.combine(scalar.value) }
            hasher.combine(0 as UInt32)
        }
    }

    /// A 在留カード name: A–Z, spaces, hyphens and apostrophes (`NGUYEN VAN AN`, `O'BRIEN`);
    /// lower-case letters are upper-cased, as the card writes them.
    static func alphabet(_ text: String) throws(FieldError) -> String {
        let trimmed = RegisterText.trimmingSpaces(text).uppercased()
        guard trimmed.unicodeScalars.contains(where: { ("A"..."Z").contains($0) }) else {
            throw FieldError(field: "alphabetName", "must contain letters A–Z", ja: "A〜Zの文字で入力してください。")
        }
        guard trimmed.unicodeScalars.count <= maxAlphabetLength else {
            throw FieldError(field: "alphabetName", "is longer than \(maxAlphabetLength) characters", ja: "\(maxAlphabetLength)文字までで入力してください。")
        }
        for scalar in trimmed.unicodeScalars where !(("A"..."Z").contains(scalar) || " -'".unicodeScalars.contains(scalar)) {
            throw FieldError(field: "alphabetName", "may hold only the letters A–Z, spaces, hyphens and apostrophes, not “\(scalar)”",
                                     ja: "使えるのはA〜Z、空白、ハイフン、アポストロフィだけです（「\(scalar)」は使えません）。")
        }
        return trimmed
    }
}
