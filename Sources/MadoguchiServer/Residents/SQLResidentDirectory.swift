import Fluent
import Foundation
import MadoguchiCore
import SQLKit
import Vapor

/// The counter's search on the register copy in the database: the same query as `ResidentRegistry.search`
/// (a 住民票コード, a birth date, or part of the name, reading or アルファベット表記 with common variants folded),
/// answered by indexes for codes, dates and households, and for names by this instance's in-memory index of
/// the folded keys (`ResidentSearchCache`).
struct SQLResidentDirectory: ResidentDirectory {
    let db: any Database
    let vault: PersonalDataVault
    let searchIndex: ResidentSearchCache

    func search(_ text: String, limit: Int) async throws -> [Resident] {
        guard let query = ResidentSearchKeys.query(text) else { return [] }
        let select = try base().limit(max(0, min(limit, 200)))
        switch query {
        case .code(let code): select.where("code", .equal, SQLBind(code))
        case .birthDate(let date): select.where("birth_date", .equal, SQLBind(date.iso))
        case .name(let key, let reading):
            // Found in this instance's index of the folded keys; then read by 住民票コード.
            let codes = try await searchIndex.index(on: db).codes(name: key, reading: reading, limit: max(0, min(limit, 200)))
            guard !codes.isEmpty else { return [] }
            select.where("code", .in, codes)
        }
        return try await residents(select.orderBy("ordinal"))
    }

    func resident(code: String) async throws -> Resident? {
        try await residents(try base().where("code", .equal, SQLBind(code))).first
    }

    func residents(inHousehold id: String) async throws -> [Resident] {
        try await residents(try base().where("household", .equal, SQLBind(id)).orderBy("ordinal"))
    }

    func householdSizes(_ ids: Set<String>) async throws -> [String: Int] {
        guard !ids.isEmpty else { return [:] }
        let sql = try db.sql()
        let rows = try await sql.select().column("household").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(ResidentCopy.table).where("removed", .equal, SQLBind(0)).where("household", .in, Array(ids)).groupBy("household").all()
        var sizes: [String: Int] = [:]
        for row in rows { sizes[try row.decode(column: "household", as: String.self)] = try row.decode(column: "n", as: Int.self) }
        return sizes
    }

    /// Still registered residents (not those who left).
    private func base() throws -> SQLSelectBuilder {
        let sql = try db.sql()
        return sql.select().columns("code", "record", "my_number_sealed").from(ResidentCopy.table).where("removed", .equal, SQLBind(0))
    }

    private func residents(_ select: SQLSelectBuilder) async throws -> [Resident] {
        try await select.all().compactMap { row in
            let code = try row.decode(column: "code", as: String.self)
            let sealed = try row.decode(column: "my_number_sealed", as: String?.self)
            let myNumber = try sealed.flatMap { MyNumber(try vault.open($0, purpose: ResidentCopy.myNumberPurpose(code))) }
            return ResidentExtractRow(storedLine: try row.decode(column: "record", as: String.self), myNumber: myNumber)?.resident
        }
    }
}

extension Request {
    /// The register copy, read through this request's connection.
    var residents: SQLResidentDirectory { SQLResidentDirectory(db: db, vault: madoguchi.vault, searchIndex: madoguchi.residentSearch) }
}

extension Application {
    var residents: SQLResidentDirectory { SQLResidentDirectory(db: db, vault: madoguchi.vault, searchIndex: madoguchi.residentSearch) }
}
