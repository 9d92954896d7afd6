import Fluent
import Foundation
import MadoguchiCore

/// A Case (案件) as stored: one life event of one household, whatever door it came through.
final class CaseRecord: Model, @unchecked Sendable {
    static let schema = "cases"

    @ID(key: .id) var id: UUID?
    /// The short reference citizens and staff read out (`K7QM-3TXA`).
    @Field(key: "reference") var reference: String
    @Field(key: "event_kind") var eventKind: String
    @Enum(key: "state") var state: CaseState
    /// ISO dates (Asia/Tokyo calendar days); nil until entered.
    @OptionalField(key: "event_date") var eventDate: String?
    @OptionalField(key: "notification_date") var notificationDate: String?
    @OptionalField(key: "planned_move_out_date") var plannedMoveOutDate: String?
    @OptionalField(key: "known_date") var knownDate: String?
    @Field(key: "from_abroad") var fromAbroad: Bool
    @Field(key: "dogs") var dogs: Int
    @Field(key: "mopeds") var mopeds: Int
    @OptionalField(key: "old_address") var oldAddress: AddressRecord?
    @OptionalField(key: "new_address") var newAddress: AddressRecord?
    /// Which door opened it: `counter`, `online`, `paper`.
    @Field(key: "channel") var channel: String
    @Field(key: "created_by") var createdBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @OptionalField(key: "signed_at") var signedAt: Date?
    /// SHA-256 of the signed PDF, so a later copy can be checked against what was signed.
    @OptionalField(key: "signed_pdf_sha256") var signedPDFSHA256: String?
    /// Staff keystrokes and clicks on this Case, counted by the counter screen.
    @Field(key: "staff_inputs") var staffInputs: Int
    @OptionalField(key: "first_printed_at") var firstPrintedAt: Date?
    /// The signature from the tablet: strokes of points in 0…1 of the signature box.
    @OptionalField(key: "signature") var signature: Signature?

    // Online applications (スマート申請)
    /// When the citizen submitted it; nil while it is a draft (or for a counter Case).
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    /// The SHA-256 of the secret in the citizen's resume link.
    @OptionalField(key: "draft_token_hash") var draftTokenHash: String?
    @OptionalField(key: "draft_expires_at") var draftExpiresAt: Date?
    /// The applicant's birth date (ISO), asked with the reference on the status page.
    @OptionalField(key: "applicant_birth_date") var applicantBirthDate: String?
    @OptionalField(key: "contact_email") var contactEmail: String?
    @OptionalField(key: "withdrawn_at") var withdrawnAt: Date?
    /// Wrong birth dates in a row on the status page, and the lock they lead to.
    @OptionalField(key: "status_failures") var statusFailures: Int?
    @OptionalField(key: "status_locked_until") var statusLockedUntil: Date?

    @Children(for: \.$caseRecord) var members: [CaseMemberRecord]
    @Children(for: \.$caseRecord) var procedures: [CaseProcedureRecord]
    @Children(for: \.$caseRecord) var attachments: [CaseAttachment]

    init() {}

    init(reference: String, eventKind: String, channel: String, createdBy: String) {
        self.reference = reference
        self.eventKind = eventKind
        self.state = .draft
        self.fromAbroad = false
        self.dogs = 0
        self.mopeds = 0
        self.channel = channel
        self.createdBy = createdBy
        self.staffInputs = 0
    }
}

/// An address as entered: 都道府県, 市区町村, 町字, 番地, 方書, 郵便番号. Stored as JSON with the Case.
struct AddressRecord: Codable, Sendable, Equatable {
    var postcode: String
    var prefecture: String
    var city: String
    var town: String
    var banchi: String
    var katagaki: String

    /// "栃木県サンプル市中央一丁目1番地1 サンプルハイツ101".
    var oneLine: String { line(separator: " ") }

    /// As printed on a form: the 方書 after a full-width space.
    var printedLine: String { line(separator: "\u{3000}") }

    /// "〒321-4300", or nil when no valid postcode was entered.
    var formattedPostcode: String? { (try? Postcode(postcode))?.formatted }

    private func line(separator: String) -> String {
        [prefecture + city + town + banchi, katagaki].filter { !$0.isEmpty }.joined(separator: separator)
    }
}

/// One person of the Case's household. The 個人番号 is stored only sealed (AES-GCM) plus its last four
/// digits for the masked display.
final class CaseMemberRecord: Model, @unchecked Sendable {
    static let schema = "case_members"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "position") var position: Int
    /// 住民票コード when taken from the resident records.
    @OptionalField(key: "resident_code") var residentCode: String?
    /// 氏名, byte-exact as entered or read (no Unicode normalization anywhere).
    @Field(key: "family_name") var familyName: String
    @Field(key: "given_name") var givenName: String
    @Field(key: "family_kana") var familyKana: String
    @Field(key: "given_kana") var givenKana: String
    @OptionalField(key: "birth_date") var birthDate: String?
    @Field(key: "sex") var sex: String
    @Field(key: "relation") var relation: String
    @Field(key: "nationality") var nationality: String
    /// Foreign residents: 在留資格, 在留期間満了日 (ISO) and 在留カード番号.
    @OptionalField(key: "residence_status") var residenceStatus: String?
    @OptionalField(key: "residence_expiry") var residenceExpiry: String?
    @OptionalField(key: "residence_card_number") var residenceCardNumber: String?
    @OptionalField(key: "my_number_sealed") var myNumberSealed: String?
    @OptionalField(key: "my_number_last4") var myNumberLast4: String?
    /// The interview answers about this person (insurance, card, benefits, …) as the guide API spells them.
    @Field(key: "facts") var facts: MemberFacts

    init() {}
}

/// A member's interview answers, in the guide API's spelling.
struct MemberFacts: Codable, Sendable, Equatable {
    var moving = true
    var insurance = "none"
    var pensionCategory: Int?
    var careCertification = "none"
    var myNumberCard = "none"
    var receives: [String] = []
    var flags: [String] = []  // the yes/no facts that are true, e.g. "pregnant", "wantsSealRegistration"

    /// What a question's answer is stored as when nobody gave one (the defaults above).
    static let unanswered: [String: String] = {
        let facts = MemberFacts()
        return ["insurance": facts.insurance, "careCertification": facts.careCertification, "myNumberCard": facts.myNumberCard]
    }()
}

/// A procedure of the Case and its progress at the section.
final class CaseProcedureRecord: Model, @unchecked Sendable {
    static let schema = "case_procedures"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "code") var code: String
    @Field(key: "section") var section: String
    /// Positions (1-based) of the members it concerns.
    @Field(key: "members") var members: [Int]
    @OptionalField(key: "deadline") var deadline: String?
    @Enum(key: "status") var status: ProcedureStatus
    @OptionalField(key: "returned_reason") var returnedReason: String?
    @OptionalField(key: "updated_by") var updatedBy: String?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    init(caseID: UUID, code: String, section: String, members: [Int], deadline: String?) {
        self.$caseRecord.id = caseID
        self.code = code
        self.section = section
        self.members = members
        self.deadline = deadline
        self.status = .waiting
    }
}

/// What happened to a Case, in order: the timeline shown on the counter screen.
final class CaseTimelineEntry: Model, @unchecked Sendable {
    static let schema = "case_timeline"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @Field(key: "at") var at: Date
    @Field(key: "actor") var actor: String
    @Field(key: "what") var what: String

    init() {}

    init(caseID: UUID, actor: String, what: String, at: Date = Date()) {
        self.$caseRecord.id = caseID
        self.actor = actor
        self.what = what
        self.at = at
    }
}
