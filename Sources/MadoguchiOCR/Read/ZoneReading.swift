import MadoguchiCore

/// What was read in one zone of a scanned form, and how sure the reading is.
public struct ZoneReading: Sendable, Equatable {
    public enum Status: String, Sendable {
        /// Nothing written.
        case blank
        /// Read with enough confidence to be accepted without a look (digits, katakana, ticks only).
        case accepted
        /// Read, but a person looks before it is used: low confidence, or kanji, which is never accepted unread.
        case doubtful
        /// 判別不能: the machine does not offer a guess (two options ticked, a box it cannot read).
        case unreadable
    }

    /// One box's character: nil where the box is empty.
    public struct Cell: Sendable, Equatable {
        public let character: Character?
        public let confidence: Double
    }

    public let zone: String
    public let value: String
    public let status: Status
    /// The lowest confidence of its parts, 0…1.
    public let confidence: Double
    /// Digits and katakana: each box, so that a doubtful character can be shown as such.
    public let cells: [Cell]

    public init(zone: String, value: String, status: Status, confidence: Double, cells: [Cell] = []) {
        self.zone = zone
        self.value = value
        self.status = status
        self.confidence = confidence
        self.cells = cells
    }
}
