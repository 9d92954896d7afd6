import FluentSQLiteDriver
import Foundation
import MadoguchiCore

/// On SQLite the live state's rows are read as SQLite's own values: `SQLRow.decode` goes through a `Decoder` for
/// every column, and for the purposes through `JSONDecoder` (after the changes above, decoding a thousand rows was a
/// tenth of the server's time in a live call to 2,000 screens). A row in a shape not expected here (an older
/// database's JSON stored as a blob, say) is read the general way, so nothing is refused that was read before.
extension LiveTicket {
    private static let selectList = columns.map { "\"\($0)\"" }.joined(separator: ", ")

    static func read(_ sqlite: any SQLiteDatabase, where condition: String, _ binds: [SQLiteData]) async throws -> [LiveTicket] {
        let rows = try await sqlite.query("SELECT \(selectList) FROM \"\(QueueTicket.schema)\" WHERE \(condition)", binds)
        return try rows.map { row in try LiveTicket(sqlite: row) ?? LiveTicket(row.sql()) }
    }

    /// The row's values when each is stored as SQLite stores it today; nil for anything else.
    init?(sqlite row: SQLiteRow) {
        guard case .text(let stateText) = row.column("state"), let state = QueueTicketState(rawValue: stateText),
              let id = row.column("id").flatMap(Self.uuid),
              case .text(let section) = row.column("section"), case .text(let label) = row.column("label"),
              case .text(let token) = row.column("token"),
              let purposes = row.column("purposes").flatMap(Self.strings),
              let priority = row.column("priority").flatMap(Bool.init(sqliteData:)),
              let lineAt = row.column("line_at").flatMap(Date.init(sqliteData:)),
              let issuedAt = row.column("issued_at").flatMap(Date.init(sqliteData:)),
              let slotAt = Self.optional(row.column("slot_at"), Date.init(sqliteData:)),
              let calledAt = Self.optional(row.column("called_at"), Date.init(sqliteData:)),
              let announcedAt = Self.optional(row.column("announced_at"), Date.init(sqliteData:)),
              let counterNumber = Self.optional(row.column("counter_number"), Int.init(sqliteData:))
        else { return nil }
        self.init(id: id, section: section, label: label, purposes: purposes, priority: priority, token: token, state: state,
                  lineAt: lineAt, issuedAt: issuedAt, slotAt: slotAt, calledAt: calledAt, announcedAt: announcedAt,
                  counterNumber: counterNumber)
    }

    /// `.some(nil)` for SQL NULL, `.some(value)` for a value read, nil (not readable here) otherwise.
    private static func optional<T>(_ data: SQLiteData?, _ read: (SQLiteData) -> T?) -> T?? {
        guard let data else { return nil }
        if data == .null { return .some(nil) }
        return read(data).map { .some($0) } ?? nil
    }

    private static func uuid(_ data: SQLiteData) -> UUID? {
        guard case .text(let text) = data else { return nil }
        return UUID(uuidString: text)
    }

    private static func strings(_ data: SQLiteData) -> [String]? {
        guard case .text(let json) = data, case .array(let items)? = try? JSONReader.parse(Array(json.utf8)) else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(items.count)
        for item in items {
            guard case .string(let text) = item else { return nil }
            strings.append(text)
        }
        return strings
    }
}
