import Fluent
import Foundation
import MadoguchiCore

/// One issuance at the counter (証明書交付): for whom, who asked and why, what, how many, the fee — the 交付 log a
/// city audits, and the receipt's content. Kept as issued: names and fees do not change with the catalog.
final class CertificateIssuance: Model, @unchecked Sendable {
    static let schema = "certificate_issuances"

    @ID(key: .id) var id: UUID?
    /// The receipt's number: the day and its sequence (`20260401-0003`).
    @Field(key: "number") var number: String
    @Field(key: "issued_at") var issuedAt: Date
    @Field(key: "resident_code") var residentCode: String
    @Field(key: "resident_name") var residentName: String
    @Field(key: "requester") var requester: String
    @Field(key: "requester_name") var requesterName: String
    @Field(key: "purpose") var purpose: String
    @Field(key: "items") var items: IssuedItems
    @Field(key: "total") var total: Int
    @OptionalField(key: "exemption") var exemption: String?
    @Field(key: "staff") var staff: String
    /// How it was handed over: nil at the counter, `post` for an online request (its reference in `purpose`).
    @OptionalField(key: "channel") var channel: String?

    init() {}
}

/// The certificates of one issuance. One JSON value in the database.
struct IssuedItems: Codable, Sendable, Equatable {
    struct Item: Codable, Sendable, Equatable {
        let kind: String
        let name: String
        let copies: Int
        /// What it shows beyond the default, in words (世帯全員, 本籍・筆頭者 …).
        let options: [String]
        let fee: Int
    }

    var items: [Item]
}

struct CreateCertificateIssuances: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CertificateIssuance.schema)
            .id()
            .field("number", .string, .required)
            .field("issued_at", .datetime, .required)
            .field("resident_code", .string, .required)
            .field("resident_name", .string, .required)
            .field("requester", .string, .required)
            .field("requester_name", .string, .required)
            .field("purpose", .string, .required)
            .field("items", .json, .required)
            .field("total", .int, .required)
            .field("exemption", .string)
            .field("staff", .string, .required)
            .unique(on: "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CertificateIssuance.schema).delete()
    }
}
