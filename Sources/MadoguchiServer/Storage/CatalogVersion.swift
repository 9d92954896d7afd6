import Fluent
import Vapor
import Foundation
import MadoguchiCore

/// A version of the catalog that this installation has run with, and since when.
/// Lets a municipality tell which rules answered a citizen on a given day.
final class CatalogVersion: Model, @unchecked Sendable {
    static let schema = "catalog_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "version") var version: String
    @Field(key: "municipality") var municipality: String
    @Field(key: "procedures") var procedures: Int
    @Field(key: "first_loaded_at") var firstLoadedAt: Date

    init() {}

    init(catalog: Catalog, at date: Date) {
        self.version = catalog.version
        self.municipality = catalog.municipality.ja
        self.procedures = catalog.procedures.count
        self.firstLoadedAt = date
    }

    /// Records the running catalog's version the first time it is seen.
    static func record(_ catalog: Catalog, app: Application) async throws {
        let known = try await CatalogVersion.query(on: app.db).filter(\.$version == catalog.version).count()
        guard known == 0 else { return }
        let version = CatalogVersion(catalog: catalog, at: Date())
        do {
            try await app.writeTransaction { db in try await version.create(on: db) }
        } catch {
            // Another instance starting at the same moment may have recorded it first.
            let recorded = try await CatalogVersion.query(on: app.db).filter(\.$version == catalog.version).count()
            if recorded == 0 { throw error }
        }
    }
}
