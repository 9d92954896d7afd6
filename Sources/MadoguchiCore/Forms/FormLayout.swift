/// A paper form as catalog data: an A4 page of boxes, lines and labels, and the places where the Case's
/// data is printed. Measures are millimetres from the top-left corner; a text's `y` is its baseline.
/// The municipality edits these files to match its own paper forms (`Catalog/forms/`).
public struct FormLayout: Sendable {
    public let id: String
    public let name: LocalizedText
    /// The heading printed on the form (`form.title`): the form's own name unless the file says otherwise.
    public let title: String
    /// To whom the form is addressed (`form.addressee`), e.g. 「サンプル市教育委員会　あて」; nil: the mayor.
    public let addressee: String?
    /// The printed frame: boxes, lines, fixed labels.
    public let marks: [FormMark]
    /// Case-level data: dates, addresses, the applicant.
    public let fields: [FormField]
    /// One row per member the procedure concerns.
    public let table: FormTable?
    /// Where the signature goes, if the form is signed.
    public let signature: FormBox?
}

public struct FormBox: Sendable, Hashable {
    public let x: Double
    public let y: Double
    public let width: Double
    public let height: Double
}

public enum FormMark: Sendable, Hashable {
    case box(FormBox, lineWidth: Double)
    case line(x1: Double, y1: Double, x2: Double, y2: Double, lineWidth: Double)
    case text(String, x: Double, y: Double, size: Double)
}

/// A value printed at a place; `cells` spreads the characters over equal boxes (個人番号, 郵便番号).
public struct FormField: Sendable, Hashable {
    public let value: FormValue
    public let format: FormFormat
    public let x: Double
    public let y: Double
    public let size: Double
    /// Characters that do not fit are made smaller to fit this width, never cut.
    public let width: Double?
    public let cells: FormCells?
    /// What a keyed value reads: the question of `member.answer`, the label of `detail`, the event of `event.tick`.
    public var key: String? = nil
}

public struct FormCells: Sendable, Hashable {
    public let count: Int
    public let width: Double
}

/// Rows of member data: the first row's baseline at `y`, then every `rowHeight`.
public struct FormTable: Sendable, Hashable {
    public let y: Double
    public let rowHeight: Double
    public let rows: Int
    public let columns: [FormField]
}

/// What a field prints. Case values name the whole Case; `member.*` values are read per table row or,
/// on a per-member form, for the member the form is for.
public enum FormValue: String, CaseIterable, Sendable, Hashable {
    case reference, municipality, today, eventDate, notificationDate, plannedMoveOutDate, knownDate
    case oldAddress, oldPostcode, oldKatagaki, newAddress, newPostcode, newKatagaki
    case headName = "head.name", headKana = "head.kana"
    case procedureName = "procedure.name", procedureDeadline = "procedure.deadline", sectionName = "section.name"
    case dogs, mopeds
    /// The form's heading and addressee, so that forms sharing a `base` frame print their own.
    case formTitle = "form.title", formAddressee = "form.addressee"
    /// ■ when the Case's life event is the field's `key` (異動事由 ticked: 転入, 転居, 転出).
    case eventTick = "event.tick"
    /// What the application says beyond the household (`key`: its label, e.g. 登録番号 or 本籍), kept with
    /// the Case (`case_details`): typed at the counter or read from a paper form.
    case detail
    /// The member's answer to the question `key`, as the question's Japanese label reads (国民健康保険).
    case memberAnswer = "member.answer"
    case memberName = "member.name", memberKana = "member.kana", memberBirthDate = "member.birthDate"
    case memberSex = "member.sex", memberRelation = "member.relation", memberNationality = "member.nationality"
    case memberResidenceStatus = "member.residenceStatus", memberResidenceExpiry = "member.residenceExpiry"
    /// The 在留カード番号; in a table it prints on the row's upper line, as the フリガナ does.
    case memberResidenceCardNumber = "member.residenceCardNumber"
    /// Printed only on forms of 個人番号利用事務 procedures; blank elsewhere, whatever the layout says.
    case memberMyNumber = "member.myNumber"

    public var isMemberValue: Bool { rawValue.hasPrefix("member.") }

    /// Values that need a `key`.
    public var isKeyed: Bool { self == .eventTick || self == .detail || self == .memberAnswer }
}

public enum FormFormat: String, CaseIterable, Sendable, Hashable {
    /// As stored.
    case text
    /// A date in 和暦 (西暦 for a foreign resident's own dates, as the 住民票 does).
    case wareki
    /// A date as YYYY-MM-DD.
    case iso
    /// A postcode as 〒123-4567.
    case postcode
}
