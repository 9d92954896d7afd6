import Foundation
import MadoguchiCore
import MadoguchiOCR

/// What the machine read in one zone of a page, as stored with the page: the value, how sure, each box's
/// character, and the cut-out a person checks it against.
struct PaperZoneResult: Codable, Sendable, Equatable {
    struct Cell: Codable, Sendable, Equatable {
        /// The character, or "" for an empty box.
        var character: String
        var confidence: Double
    }

    var zone: String
    var value: String
    /// `ZoneReading.Status`: blank, accepted, doubtful, unreadable (判別不能).
    var status: String
    var confidence: Double
    var cells: [Cell]
    /// The zone and its label, upright, as a PNG.
    var image: Data?

    init(_ reading: ZoneReading, image: Data?) {
        zone = reading.zone
        value = reading.value
        status = reading.status.rawValue
        confidence = reading.confidence
        cells = reading.cells.map { Cell(character: $0.character.map(String.init) ?? "", confidence: $0.confidence) }
        self.image = image
    }

    /// Accepted by the machine: a person need not look (but may).
    var isAccepted: Bool { status == ZoneReading.Status.accepted.rawValue || status == ZoneReading.Status.blank.rawValue }

    static func decode(_ data: Data) -> [PaperZoneResult] {
        (try? JSONDecoder().decode([PaperZoneResult].self, from: data)) ?? []
    }

    static func encode(_ results: [PaperZoneResult]) -> Data {
        (try? JSONEncoder().encode(results)) ?? Data("[]".utf8)
    }
}
