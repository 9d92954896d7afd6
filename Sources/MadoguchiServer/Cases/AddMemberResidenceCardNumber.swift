import Fluent

/// Migration 022 - a foreign resident's 在留カード番号 in the Case (printed on the 住民異動届, handed to the registry).
struct AddMemberResidenceCardNumber: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CaseMemberRecord.schema).field("residence_card_number", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseMemberRecord.schema).deleteField("residence_card_number").update()
    }
}
