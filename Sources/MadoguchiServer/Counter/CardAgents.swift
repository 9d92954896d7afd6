import Fluent
import Foundation
import MadoguchiCore
import SQLKit
import Vapor

/// A card reader's agent on a counter PC, paired with one staff member: first a one-time pairing code shown on
/// that staff member's screen (10 minutes), then, once the agent has exchanged it, a device token that lets the
/// agent deliver card reads for that staff member until the end of the day. Only hashes are stored. No
/// password ever goes into the agent, and the agent's deliveries reach nobody else's screen.
final class CardAgentRecord: Model, @unchecked Sendable {
    static let schema = "card_agents"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "username") var username: String
    @OptionalField(key: "code_hash") var codeHash: String?
    @Field(key: "code_expires_at") var codeExpiresAt: Date
    @OptionalField(key: "token_hash") var tokenHash: String?
    @OptionalField(key: "token_expires_at") var tokenExpiresAt: Date?
    @Field(key: "created_at") var createdAt: Date
    /// Staff asked for the 個人番号 of the next card, for this Case (one with a procedure of 個人番号利用事務),
    /// until this time; the agent learns it before reading.
    @OptionalField(key: "my_number_case_id") var myNumberCaseID: UUID?
    @OptionalField(key: "my_number_until") var myNumberUntil: Date?

    init() {}
}

/// The four items of one card as an agent delivered them, waiting on its staff member's screen until they are
/// put into a person of a Case (then the read is deleted). The 個人番号 comes only when staff asked for it for a Case that has a
/// procedure of 個人番号利用事務; it is kept sealed, and removed from the read once it is in the Case.
final class CardReadRecord: Model, @unchecked Sendable {
    static let schema = "card_reads"

    @ID(key: .id) var id: UUID?
    @Field(key: "agent_id") var agentID: UUID
    @Field(key: "username") var username: String
    @Field(key: "read_at") var readAt: Date
    @Field(key: "name") var name: String
    @OptionalField(key: "kana") var kana: String?
    @Field(key: "address") var address: String
    @Field(key: "birth_date") var birthDate: String
    @Field(key: "sex") var sex: String
    @OptionalField(key: "my_number_sealed") var myNumberSealed: String?
    @OptionalField(key: "my_number_case_id") var myNumberCaseID: UUID?

    init() {}
}

/// Migration 013 - card readers paired with a staff member, and the cards they read.
struct CreateCardAgents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CardAgentRecord.schema)
            .id()
            .field("user_id", .uuid, .required)
            .field("username", .string, .required)
            .field("code_hash", .string)
            .field("code_expires_at", .datetime, .required)
            .field("token_hash", .string)
            .field("token_expires_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("my_number_case_id", .uuid)
            .field("my_number_until", .datetime)
            .unique(on: "code_hash")
            .unique(on: "token_hash")
            .create()
        try await database.schema(CardReadRecord.schema)
            .id()
            .field("agent_id", .uuid, .required, .references(CardAgentRecord.schema, .id, onDelete: .cascade))
            .field("username", .string, .required)
            .field("read_at", .datetime, .required)
            .field("name", .string, .required)
            .field("kana", .string)
            .field("address", .string, .required)
            .field("birth_date", .string, .required)
            .field("sex", .string, .required)
            .field("my_number_sealed", .string)
            .field("my_number_case_id", .uuid)
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "card_reads_user").on(CardReadRecord.schema).column("username").column("read_at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CardReadRecord.schema).delete()
        try await database.schema(CardAgentRecord.schema).delete()
    }
}

/// Pairing, delivery and hand-over of card reads.
enum CardAgents {
    static let codeLifetime: TimeInterval = 10 * 60
    /// Reads older than this are no longer offered (the citizen has long left the counter).
    static let readLifetime: TimeInterval = 30 * 60

    /// A new pairing code for the signed-in staff member (`K7QM-3TXA`: no look-alike characters).
    static func newCode(for user: StaffUserSnapshot, on req: Request) async throws -> String {
        let code = CaseReference.make()
        let agent = CardAgentRecord()
        agent.id = UUID()
        agent.userID = user.id
        agent.username = user.username
        agent.codeHash = Tokens.digest(code)
        agent.codeExpiresAt = Date().addingTimeInterval(codeLifetime)
        agent.createdAt = Date()
        try await req.writeTransaction { db in try await agent.create(on: db) }
        return code
    }

    /// Exchanges a pairing code, once, for a device token valid until the end of the day in Japan.
    static func pair(code typed: String, on req: Request) async throws -> (token: String, agent: CardAgentRecord) {
        guard let code = CaseReference.normalized(typed) else { throw Refused.unknownCode }
        let token = Tokens.random()
        let now = Date()
        let minutes = JapanTime.dayAndMinute(now.timeIntervalSince1970).minutes
        let endOfDay = now.addingTimeInterval(TimeInterval((24 * 60 - minutes) * 60))
        let agent: CardAgentRecord = try await req.writeTransaction { db in
            // The code is claimed in one statement: of two agents racing with one code, one gets the token.
            guard let agent = try await CardAgentRecord.query(on: db).filter(\.$codeHash == Tokens.digest(code)).first(),
                  agent.codeExpiresAt > now else { throw Refused.unknownCode }
            agent.codeHash = nil
            agent.tokenHash = Tokens.digest(token)
            agent.tokenExpiresAt = endOfDay
            try await agent.save(on: db)
            try await AuditEntry(at: now, actor: agent.username, action: AuditAction.cardAgentPaired.rawValue, caseID: nil,
                                 detail: "agent \(agent.id?.uuidString.prefix(8) ?? "")", address: req.clientAddress).create(on: db)
            return agent
        }
        return (token, agent)
    }

    /// The agent a bearer token belongs to, or 401.
    static func agent(_ req: Request) async throws -> CardAgentRecord {
        guard let token = req.headers.bearerAuthorization?.token, !token.isEmpty,
              let agent = try await CardAgentRecord.query(on: req.db).filter(\.$tokenHash == Tokens.digest(token)).first(),
              let expiry = agent.tokenExpiresAt, expiry > Date() else { throw Refused.unknownToken }
        return agent
    }

    /// Why an agent is turned away, in the words its operator reads.
    enum Refused: AbortError {
        case unknownCode, unknownToken

        var status: HTTPResponseStatus { .unauthorized }
        var reason: String {
            switch self {
            case .unknownCode: "The pairing code is unknown, used or expired: show a new one on the counter screen (カードリーダーをつなぐ)."
            case .unknownToken: "This card reader is not paired (or its pairing ended with the day): pair it again with a new code."
            }
        }
    }

    /// How long a request for the next card's 個人番号 stands.
    static let myNumberRequestLifetime: TimeInterval = 5 * 60

    /// The associated data a read's sealed 個人番号 is bound to.
    static func myNumberPurpose(_ readID: UUID) -> String { "card_reads.my_number:\(readID.uuidString)" }

    /// Deletes what is no longer of use: reads nobody took within their lifetime (a citizen's name and address
    /// are not kept longer than the visit), unused codes and ended pairings. Runs with the hourly clean-up.
    @discardableResult
    static func deleteExpired(_ app: Application, now: Date = Date()) async throws -> Int {
        try await app.writeTransaction { db in
            let reads = try await CardReadRecord.query(on: db).filter(\.$readAt < now.addingTimeInterval(-readLifetime)).count()
            try await CardReadRecord.query(on: db).filter(\.$readAt < now.addingTimeInterval(-readLifetime)).delete()
            try await CardAgentRecord.query(on: db).filter(\.$tokenHash == nil).filter(\.$codeExpiresAt < now).delete()
            try await CardAgentRecord.query(on: db).filter(\.$tokenExpiresAt < now).delete()
            return reads
        }
    }

    /// The reads waiting on this staff member's screen, newest first.
    static func pending(for username: String, on db: any Database) async throws -> [CardReadRecord] {
        try await CardReadRecord.query(on: db).filter(\.$username == username)
            .filter(\.$readAt > Date().addingTimeInterval(-readLifetime)).sort(\.$readAt, .descending).limit(10).all()
    }
}
