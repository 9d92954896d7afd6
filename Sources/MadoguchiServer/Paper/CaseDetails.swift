import Fluent
import Foundation
import MadoguchiCore

/// What an application says beyond the household (a dog's registration number and breed on a paper 犬の登録事項変更届),
/// kept with its Case and shown to the section that handles the procedure.
final class CaseDetail: Model, @unchecked Sendable {
    static let schema = "case_details"

    @ID(key: .id) var id: UUID?
    @Parent(key: "case_id") var caseRecord: CaseRecord
    @OptionalField(key: "procedure_code") var procedureCode: String?
    @Field(key: "position") var position: Int
    @Field(key: "label") var label: String
    @Field(key: "value") var value: String

    init() {}

    init(caseID: UUID, procedure: String?, position: Int, label: String, value: String) {
        self.$caseRecord.id = caseID
        self.procedureCode = procedure
        self.position = position
        self.label = label
        self.value = value
    }

    /// The details of these Cases, in order.
    static func of(_ caseIDs: [UUID], on db: any Database) async throws -> [UUID: [CaseDetail]] {
        guard !caseIDs.isEmpty else { return [:] }
        let rows = try await CaseDetail.query(on: db).filter(\.$caseRecord.$id ~~ caseIDs).sort(\.$position).all()
        return Dictionary(grouping: rows, by: { $0.$caseRecord.id })
    }
}

struct CreateCaseDetails: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CaseDetail.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseRecord.schema, .id, onDelete: .cascade))
            .field("procedure_code", .string)
            .field("position", .int, .required)
            .field("label", .string, .required)
            .field("value", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CaseDetail.schema).delete()
    }
}
