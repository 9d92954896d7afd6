import Fluent
import FluentSQL
import MadoguchiCore
import Vapor

/// What the audit log page is asked: who, which action, which Case, and where in the log.
struct AuditLogQuery: Sendable {
    static let pageSize = 100

    /// A staff user name; empty for anyone.
    var actor: String
    /// An `AuditAction` code; empty for any.
    var action: String
    /// A Case as typed: its reference (`K7QM-3TXA`), the start of its ID as the log shows it, or its whole ID.
    var caseText: String
    /// Entries older than this one (the "older" link) …
    var before: UUID?
    /// … or newer than this one (the "newer" link).
    var after: UUID?

    init(actor: String = "", action: String = "", caseText: String = "", before: UUID? = nil, after: UUID? = nil) {
        self.actor = actor
        self.action = action
        self.caseText = caseText
        self.before = before
        self.after = after
    }

    init(request: Request) {
        func text(_ name: String) -> String {
            String((request.query[String.self, at: name] ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        }
        self.init(actor: text("actor"), action: text("action"), caseText: text("case"),
                  before: UUID(uuidString: text("before")), after: UUID(uuidString: text("after")))
    }

    /// The filters as query items, for links that keep them.
    var filterItems: [(String, String)] {
        [("actor", actor), ("action", action), ("case", caseText)].filter { !$0.1.isEmpty }
    }

    /// Which Cases the typed Case filter means.
    enum CaseMatch: Sendable {
        case any
        /// Neither a reference nor the start of an ID.
        case unreadable
        /// The Cases of a reference, and the IDs that start with what was typed (nothing found: no entries).
        case cases(ids: [UUID], idRange: (low: UUID, high: UUID)?)
    }

    func caseMatch(on db: any Database) async throws -> CaseMatch {
        guard !caseText.isEmpty else { return .any }
        let reference = CaseReference.normalized(caseText)
        let range = Self.idRange(startingWith: caseText)
        guard reference != nil || range != nil else { return .unreadable }
        var ids: [UUID] = []
        if let reference {
            ids = try await CaseRecord.query(on: db).filter(\.$reference == reference).field(\.$id).all().compactMap(\.id)
        }
        return .cases(ids: ids, idRange: range)
    }

    /// One page of entries, newest first, with the cursors of the pages around it.
    func page(_ match: CaseMatch, on db: any Database) async throws -> AuditLogPage {
        var query = AuditEntry.query(on: db)
        switch match {
        case .any: break
        case .unreadable: return AuditLogPage(entries: [], newer: nil, older: nil, references: [:])
        case .cases(let ids, let range):
            guard !ids.isEmpty || range != nil else { return AuditLogPage(entries: [], newer: nil, older: nil, references: [:]) }
            query = query.group(.or) { either in
                if !ids.isEmpty { either.filter(\.$caseID ~~ ids.map { Optional($0) }) }
                if let range { either.group(.and) { $0.filter(\.$caseID >= range.low).filter(\.$caseID <= range.high) } }
            }
        }
        if !actor.isEmpty { query = query.filter(\.$actor == actor) }
        if !action.isEmpty { query = query.filter(\.$action == action) }
        let newestFirst = after == nil
        if let cursor = before ?? after {
            query = query.filter(.sql(embed: Self.beyond(cursor, older: newestFirst)))
        }
        let direction: DatabaseQuery.Sort.Direction = newestFirst ? .descending : .ascending
        var entries = try await query.sort(\.$at, direction).sort(\.$id, direction).limit(Self.pageSize + 1).all()
        let more = entries.count > Self.pageSize
        entries = Array(entries.prefix(Self.pageSize))
        if !newestFirst { entries.reverse() }
        // Going older, newer entries exist (the cursor's); going newer, older ones do.
        let newer = (newestFirst ? before != nil : more) ? entries.first?.id : nil
        let older = (newestFirst ? more : true) ? entries.last?.id : nil
        return AuditLogPage(entries: entries, newer: newer, older: older, references: try await Self.references(of: entries, on: db))
    }

    /// Entries past the cursor in the log's order (time, then ID), compared with the cursor's row as stored,
    /// so that no rounding of its time on the way out and back can skip or repeat an entry.
    private static func beyond(_ cursor: UUID, older: Bool) -> SQLQueryString {
        let table = AuditEntry.schema
        return """
            (\(ident: table).\(ident: "at"), \(ident: table).\(ident: "id")) \(unsafeRaw: older ? "<" : ">") \
            (SELECT \(ident: "cursor").\(ident: "at"), \(ident: "cursor").\(ident: "id") FROM \(ident: table) AS \(ident: "cursor") \
            WHERE \(ident: "cursor").\(ident: "id") = \(bind: cursor))
            """
    }

    /// The references of the Cases on a page (a Case deleted since, such as an expired draft, has none).
    private static func references(of entries: [AuditEntry], on db: any Database) async throws -> [UUID: String] {
        let ids = Array(Set(entries.compactMap(\.caseID)))
        guard !ids.isEmpty else { return [:] }
        let cases = try await CaseRecord.query(on: db).filter(\.$id ~~ ids).field(\.$id).field(\.$reference).all()
        return Dictionary(cases.compactMap { record in record.id.map { ($0, record.reference) } }, uniquingKeysWith: { first, _ in first })
    }

    /// The lowest and highest ID that start with `text`: hex digits, with hyphens only where an ID has them
    /// (so `K7QM-3TXA`, a reference, is not read as an ID). At least four digits.
    static func idRange(startingWith text: String) -> (low: UUID, high: UUID)? {
        let template = Array("00000000-0000-0000-0000-000000000000")
        let typed = Array(text.uppercased())
        var digits: [Character] = []
        if typed.contains("-") {
            guard typed.count <= template.count else { return nil }
            for (index, character) in typed.enumerated() {
                if template[index] == "-" {
                    guard character == "-" else { return nil }
                } else {
                    guard character.isHexDigit else { return nil }
                    digits.append(character)
                }
            }
        } else {
            guard typed.count <= 32, typed.allSatisfy(\.isHexDigit) else { return nil }
            digits = typed
        }
        guard digits.count >= 4 else { return nil }
        func filled(with pad: Character) -> UUID? {
            var all = digits + Array(repeating: pad, count: 32 - digits.count)
            for position in [8, 13, 18, 23] { all.insert("-", at: position) }
            return UUID(uuidString: String(all))
        }
        guard let low = filled(with: "0"), let high = filled(with: "F") else { return nil }
        return (low, high)
    }
}

/// One page of the audit log and the cursors of the pages before and after it.
struct AuditLogPage: Sendable {
    let entries: [AuditEntry]
    /// The first entry shown, when newer entries exist: the "newer" link asks for entries after it.
    let newer: UUID?
    /// The last entry shown, when older entries exist: the "older" link asks for entries before it.
    let older: UUID?
    /// The reference of each Case on the page.
    let references: [UUID: String]
}
