import Fluent
import Foundation
import MadoguchiCore
import NIOConcurrencyHelpers
import SQLKit

/// This instance's search index of the register copy (`ResidentSearchIndex`), rebuilt when an import changed the
/// copy's version — on any instance: the version is read from the database on each search (one small query), so
/// two instances behind a load balancer find the same residents.
final class ResidentSearchCache: Sendable {
    private let index = NIOLockedValueBox<ResidentSearchIndex?>(nil)

    func index(on db: any Database) async throws -> ResidentSearchIndex {
        let version = try await ResidentCopy.version(on: db)
        if let current = index.withLockedValue({ $0 }), current.version == version { return current }
        let sql = try db.sql()
        // Read in the order the register lists residents; only the folded keys, never a name itself.
        let rows = try await sql.select().columns("code", "search_name", "search_kana", "search_alpha").from(ResidentCopy.table)
            .where("removed", .equal, SQLBind(0)).orderBy("ordinal").all()
        let keys = try rows.map { row in
            (code: try row.decode(column: "code", as: String.self),
             keys: ResidentSearchKeys(name: try row.decode(column: "search_name", as: String.self),
                                      kana: try row.decode(column: "search_kana", as: String.self),
                                      alphabet: try row.decode(column: "search_alpha", as: String.self)))
        }
        let built = ResidentSearchIndex(version: version, keys: keys)
        index.withLockedValue { current in
            if (current?.version ?? -1) < version { current = built }
        }
        return built
    }
}
