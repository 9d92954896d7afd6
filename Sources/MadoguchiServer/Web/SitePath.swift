import Foundation

/// The site's own addresses, in one typed place: redirects, links and form actions ask for a page by what it
/// is (`.counterCase(id)`) instead of spelling its path. Parts that come from data (tokens, codes,
/// references) are percent-encoded as one path segment; ids are their `uuidString`. The routes themselves are
/// declared in each controller's `boot`; `SitePathTests` checks the two agree.
enum SitePath: Hashable, Sendable {
    // The counter (書かない窓口)
    case counterCase(UUID)
    case counterCaseForms(UUID)
    case counterCaseConfirm(UUID)
    case counterCaseSignature(UUID)
    case counterCaseTransition(UUID)
    case counterCaseResidents(UUID)
    case counterCaseAttachment(UUID, attachment: UUID)
    case counterCaseProcedureResend(UUID, procedure: UUID)
    case counterCaseCardRead(UUID, read: UUID)
    case counterCaseCardMyNumber(UUID)
    case counterCardReads
    case counterCardAgentPairing

    // Sections' work lists
    case section(code: String)
    case sectionProcedure(code: String, procedure: UUID)
    case sectionAttachment(code: String, attachment: UUID)

    // Administration
    case adminHandoffs
    case adminHandoff(String)
    case adminAccount(UUID)
    case adminAccountUnlock(UUID)
    case adminAccountResetPassword(UUID)
    case adminAccountEnable(UUID)
    case adminAccountDisable(UUID)
    case adminAccountRole(UUID)

    // The queue: staff desks, the kiosk's receipts, the citizen's live ticket, reservations
    case queueDesk(section: String, number: Int)
    case kioskTicket(token: String)
    case ticket(token: String)
    case ticketLive(token: String)
    case reserve(section: String)
    case reservation(token: String)
    case reservationCancel(token: String)

    // Citizens online: the guide, applications, the reference's QR code
    case guide(event: String)
    case apply(token: String)
    case applyCheck(token: String)
    case applySubmit(token: String)
    case applyDone(token: String)
    case caseReference(String)
    case caseReferenceQR(String)

    /// The path, starting with `/`, without a query.
    var path: String {
        switch self {
        case .counterCase(let id): Self.join("counter", "cases", id.uuidString)
        case .counterCaseForms(let id): Self.join("counter", "cases", id.uuidString, "forms.pdf")
        case .counterCaseConfirm(let id): Self.join("counter", "cases", id.uuidString, "confirm")
        case .counterCaseSignature(let id): Self.join("counter", "cases", id.uuidString, "signature")
        case .counterCaseTransition(let id): Self.join("counter", "cases", id.uuidString, "transition")
        case .counterCaseResidents(let id): Self.join("counter", "cases", id.uuidString, "residents")
        case .counterCaseAttachment(let id, let attachment):
            Self.join("counter", "cases", id.uuidString, "attachments", attachment.uuidString)
        case .counterCaseProcedureResend(let id, let procedure):
            Self.join("counter", "cases", id.uuidString, "procedures", procedure.uuidString, "resend")
        case .counterCaseCardRead(let id, let read): Self.join("counter", "cases", id.uuidString, "card-reads", read.uuidString)
        case .counterCaseCardMyNumber(let id): Self.join("counter", "cases", id.uuidString, "card-my-number")
        case .counterCardReads: Self.join("counter", "card-reads")
        case .counterCardAgentPairing: Self.join("counter", "card-agent")

        case .section(let code): Self.join("sections", Self.segment(code))
        case .sectionProcedure(let code, let procedure): Self.join("sections", Self.segment(code), "procedures", procedure.uuidString)
        case .sectionAttachment(let code, let attachment): Self.join("sections", Self.segment(code), "attachments", attachment.uuidString)

        case .adminHandoffs: Self.join("admin", "handoffs")
        case .adminHandoff(let id): Self.join("admin", "handoffs", Self.segment(id))
        case .adminAccount(let id): Self.join("admin", "accounts", id.uuidString)
        case .adminAccountUnlock(let id): Self.join("admin", "accounts", id.uuidString, "unlock")
        case .adminAccountResetPassword(let id): Self.join("admin", "accounts", id.uuidString, "reset-password")
        case .adminAccountEnable(let id): Self.join("admin", "accounts", id.uuidString, "enable")
        case .adminAccountDisable(let id): Self.join("admin", "accounts", id.uuidString, "disable")
        case .adminAccountRole(let id): Self.join("admin", "accounts", id.uuidString, "role")

        case .queueDesk(let section, let number): Self.join("queue", "desk", Self.segment(section), String(number))
        case .kioskTicket(let token): Self.join("kiosk", "tickets", Self.segment(token))
        case .ticket(let token): Self.join("t", Self.segment(token))
        case .ticketLive(let token): Self.join("t", Self.segment(token), "live")
        case .reserve(let section): Self.join("reserve", Self.segment(section))
        case .reservation(let token): Self.join("reserve", "r", Self.segment(token))
        case .reservationCancel(let token): Self.join("reserve", "r", Self.segment(token), "cancel")

        case .guide(let event): Self.join("guide", Self.segment(event))
        case .apply(let token): Self.join("apply", Self.segment(token))
        case .applyCheck(let token): Self.join("apply", Self.segment(token), "check")
        case .applySubmit(let token): Self.join("apply", Self.segment(token), "submit")
        case .applyDone(let token): Self.join("apply", Self.segment(token), "done")
        case .caseReference(let reference): Self.join("c", Self.segment(reference))
        case .caseReferenceQR(let reference): Self.join("c", Self.segment(reference), "qr.png")
        }
    }

    /// The path with a query string, each name and value percent-encoded (`&`, `=` and `+` included); the
    /// path alone when there is no query.
    func path(query: [(String, String)]) -> String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { Self.queryPart($0.0) + "=" + Self.queryPart($0.1) }.joined(separator: "&")
    }

    /// What may stay as it is in one path segment: a `/` from data must not open another segment.
    static let segmentAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))
    /// What may stay as it is in a query's name or value (`?` too is encoded: harmless, and never ambiguous).
    static let queryAllowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#?"))

    /// One path segment from data, percent-encoded (`.` and `..` too, which a browser would resolve away).
    static func segment(_ text: String) -> String {
        if text == "." || text == ".." { return text.replacingOccurrences(of: ".", with: "%2E") }
        return text.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? text
    }

    /// A query's name or value, percent-encoded: the site's one query encoder (`PageContext.link` uses it too).
    static func queryPart(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? text
    }

    private static func join(_ segments: String...) -> String {
        "/" + segments.joined(separator: "/")
    }
}
