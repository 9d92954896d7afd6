import Fluent
import Foundation
import MadoguchiCore
import SQLKit
import Vapor

extension Request {
    /// The queue's service on the SQL store, this request's database and the one write path.
    var queueDesk: QueueDesk {
        let context = madoguchi
        return QueueDesk(store: SQLQueueStore(db: db, writes: writePath, hub: context.queueHub), catalog: context.catalog,
                         clock: context.clock, noShowGrace: context.noShowGrace, ticketToken: { String(Tokens.random().prefix(16)) })
    }
}

extension QueueRefusal: AbortError {
    public var status: HTTPResponseStatus {
        switch kind {
        case .notFound: .notFound
        case .conflict: .conflict
        case .invalid: .badRequest
        }
    }

    public var reason: String { message }
}

extension QueueVersion {
    /// The channel instances listen on.
    static let channel = "madoguchi_queue"

    static func bump(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("UPDATE queue_version SET version = version + 1 WHERE id = 1").run()
        if sql.dialect.name == "postgresql" {
            // Delivered to every listening instance when this transaction commits, not before.
            try await sql.raw("SELECT pg_notify(\(bind: channel), '')").run()
        }
    }

    static func current(on db: any Database) async throws -> Int {
        try await QueueVersion.find(1, on: db)?.version ?? 0
    }
}
