import Fluent
import Foundation
import MadoguchiCore

/// A certificate requested online, to be posted to the registered address (郵送請求): who asks and for whom, what,
/// the identity document they sent, the payment, and what staff decided. Kept from the moment it is acknowledged:
/// a provider that is down or a closed browser leaves it waiting for payment, never lost.
final class CertificateOrder: Model, @unchecked Sendable {
    static let schema = "certificate_orders"

    @ID(key: .id) var id: UUID?
    /// What the citizen reads out or types (`K7QM-3TXA`).
    @Field(key: "reference") var reference: String
    @Field(key: "state") var state: CertificateOrderState
    @Field(key: "created_at") var createdAt: Date
    /// The applicant as typed: name, birth date (ISO), the registered address in the city, an email for news.
    @Field(key: "name") var name: String
    @Field(key: "birth_date") var birthDate: String
    @Field(key: "address") var address: String
    @Field(key: "email") var email: String
    /// `person` or `household`; for a household member, whose certificate it is.
    @Field(key: "requester") var requester: String
    @OptionalField(key: "subject_name") var subjectName: String?
    @Field(key: "purpose") var purpose: String
    @Field(key: "items") var items: OrderedItems
    /// Yen: the fees, the postage, both.
    @Field(key: "fees") var fees: Int
    @Field(key: "postage") var postage: Int
    @Field(key: "total") var total: Int
    /// The provider's checkout, the latest one started.
    @OptionalField(key: "payment_session") var paymentSession: String?
    @OptionalField(key: "paid_at") var paidAt: Date?
    @Field(key: "identity_kind") var identityKind: String
    @Field(key: "identity_file_name") var identityFileName: String
    @Field(key: "identity_content") var identityContent: Data
    /// What staff decided: the resident it is for, the 交付 number, or why it was refused.
    @OptionalField(key: "resident_code") var residentCode: String?
    @OptionalField(key: "issuance_number") var issuanceNumber: String?
    @OptionalField(key: "refusal") var refusal: String?
    @OptionalField(key: "decided_by") var decidedBy: String?
    @OptionalField(key: "decided_at") var decidedAt: Date?

    init() {}

    /// The person the certificates are of.
    var subject: String { subjectName ?? name }

    /// The request under its row's lock for the rest of the caller's write transaction, if it is still `state`:
    /// the one read-check before a change of state (the return and the notification may come together).
    static func locked(_ id: UUID, in state: CertificateOrderState, on db: any Database) async throws -> CertificateOrder? {
        try await RowLock.lock(schema, id: id, on: db)
        guard let order = try await find(id, on: db), order.state == state else { return nil }
        return order
    }
}

/// The certificates of an order, as asked. One JSON value in the database.
struct OrderedItems: Codable, Sendable, Equatable {
    struct Item: Codable, Sendable, Equatable {
        let kind: String
        let copies: Int
        let options: [String]
    }

    var items: [Item]

    init(_ items: [CertificateRequest.Item]) {
        self.items = items.map { item in
            Item(kind: item.kind, copies: item.copies, options: CertificateOption.allCases.filter(item.options.contains).map(\.rawValue))
        }
    }

    var requestItems: [CertificateRequest.Item] {
        items.map { CertificateRequest.Item(kind: $0.kind, copies: $0.copies, options: Set($0.options.compactMap(CertificateOption.init(rawValue:)))) }
    }
}

/// Migration 021 - online certificate requests, and how each issuance was handed over (counter or post).
struct CreateCertificateOrders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CertificateOrder.schema)
            .id()
            .field("reference", .string, .required)
            .field("state", .string, .required)
            .field("created_at", .datetime, .required)
            .field("name", .string, .required)
            .field("birth_date", .string, .required)
            .field("address", .string, .required)
            .field("email", .string, .required)
            .field("requester", .string, .required)
            .field("subject_name", .string)
            .field("purpose", .string, .required)
            .field("items", .json, .required)
            .field("fees", .int, .required)
            .field("postage", .int, .required)
            .field("total", .int, .required)
            .field("payment_session", .string)
            .field("paid_at", .datetime)
            .field("identity_kind", .string, .required)
            .field("identity_file_name", .string, .required)
            .field("identity_content", .data, .required)
            .field("resident_code", .string)
            .field("issuance_number", .string)
            .field("refusal", .string)
            .field("decided_by", .string)
            .field("decided_at", .datetime)
            .unique(on: "reference")
            .create()
        try await database.schema(CertificateIssuance.schema).field("channel", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CertificateIssuance.schema).deleteField("channel").update()
        try await database.schema(CertificateOrder.schema).delete()
    }
}
