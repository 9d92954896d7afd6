import Fluent
import Foundation
import MadoguchiCore

/// What the wait estimates learn from: how long finished tickets took at the counter, per section and
/// purpose, with the catalog's typical minutes as the starting point.
enum QueueServiceTimes {
    /// The most recent finished tickets the model reads.
    static let history = 5_000

    static func learn(catalog: Catalog, on database: any Database, since: Date = Date().addingTimeInterval(-28 * 86_400)) async throws -> ServiceTimeModel {
        var model = ServiceTimeModel(configuration: .init(priors: priors(catalog)))
        let finished = try await QueueTicket.query(on: database)
            .filter(\.$state == .done)
            .filter(\.$finishedAt >= since)
            .sort(\.$finishedAt, .descending)
            .limit(history)
            .all()
        for ticket in finished.reversed() {
            guard let called = ticket.calledAt, let finishedAt = ticket.finishedAt else { continue }
            model.record(section: ticket.section, purposes: ticket.purposes, seconds: finishedAt.timeIntervalSince(called))
        }
        return model
    }

    /// Typical seconds per purpose before anything is learned: a section's own minutes for a visit to it,
    /// and for a life event the minutes of the first section it sends people to.
    static func priors(_ catalog: Catalog) -> [String: Seconds] {
        var priors: [String: Seconds] = [:]
        for section in catalog.sections {
            if let queue = section.queue { priors[section.code] = Seconds(queue.serviceMinutes * 60) }
        }
        for event in catalog.events {
            if let section = firstSection(of: event, in: catalog), let queue = section.queue {
                priors[event.id] = Seconds(queue.serviceMinutes * 60) * 1.5
            }
        }
        return priors
    }

    /// The first section (in visiting order) with a queue that an event's procedures lead to.
    static func firstSection(of event: EventDefinition, in catalog: Catalog) -> Section? {
        let codes = Set(event.triggers.compactMap { catalog.procedures[$0.code]?.section })
        return catalog.sections.first { codes.contains($0.code) && $0.queue != nil }
    }
}
