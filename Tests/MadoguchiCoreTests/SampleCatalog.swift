import Foundation
@testable import MadoguchiCore

/// The sample municipality shipped in `Catalog/`, loaded once for all tests.
enum SampleCatalog {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Catalog").path

    static let catalog: Catalog = {
        do {
            return try CatalogLoader.load(directory: directory)
        } catch {
            fatalError("The sample catalog does not load: \(error)")
        }
    }()

    static let engine = RuleEngine(catalog: catalog)

    /// The codes a life event triggers, in order.
    static func codes(_ event: LifeEvent) -> [String] {
        engine.evaluate(event).map(\.procedure.code)
    }

    static func finding(_ code: String, _ event: LifeEvent) -> Finding? {
        engine.evaluate(event).first { $0.procedure.code == code }
    }
}

func date(_ iso: String) -> CivilDate {
    guard let date = CivilDate(iso: iso) else { fatalError("bad test date \(iso)") }
    return date
}

/// A member with the defaults of the API.
func person(_ id: String, _ relation: Relation, _ sex: Sex = .female, born: String,
            _ configure: (inout Member) -> Void = { _ in }) -> Member {
    var member = Member(id: id, relation: relation, sex: sex, birthDate: date(born))
    configure(&member)
    return member
}

func lifeEvent(_ kind: String, on day: String, _ members: [Member], _ configure: (inout LifeEvent) -> Void = { _ in }) -> LifeEvent {
    var event = LifeEvent(kind: kind, date: date(day), members: members)
    configure(&event)
    return event
}
