import Fluent
import Foundation
import Vapor

/// A known text sealed with the personal-data key by the first instance that started on this database.
final class KeyProbe: Model, @unchecked Sendable {
    static let schema = "key_probes"
    static let purpose = "key-probe"
    static let text = "madoguchi personal-data key probe"

    @ID(custom: "id", generatedBy: .user) var id: Int?
    @Field(key: "sealed") var sealed: String

    init() {}
    init(sealed: String) {
        self.id = 1
        self.sealed = sealed
    }
}

struct CreateKeyProbe: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(KeyProbe.schema)
            .field("id", .int, .identifier(auto: false))
            .field("sealed", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(KeyProbe.schema).delete()
    }
}

extension PersonalDataVault {
    /// Seals the probe on the first start; on every later start (of any instance) the key must open it.
    static func checkProbe(_ app: Application) async throws {
        let vault = app.madoguchi.vault
        if let probe = try await KeyProbe.find(1, on: app.db) { return try vault.verify(probe) }
        do {
            try await app.writeTransaction { db in
                try await KeyProbe(sealed: try vault.seal(KeyProbe.text, purpose: KeyProbe.purpose)).create(on: db)
            }
        } catch {
            // Another instance starting at the same moment sealed it first: then ours must open theirs.
            guard let probe = try await KeyProbe.find(1, on: app.db) else { throw error }
            try vault.verify(probe)
        }
    }

    private func verify(_ probe: KeyProbe) throws {
        guard (try? open(probe.sealed, purpose: KeyProbe.purpose)) == KeyProbe.text else {
            throw StartupError("""
                The personal-data key does not open what this database holds: it is not the key the numbers \
                stored here were sealed with. Give this instance the same MADOGUCHI_DATA_KEY (or key file) as \
                the instance that first used this database.
                """)
        }
    }
}
