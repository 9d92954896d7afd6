/// An OCR-ready paper form (`Catalog/paper/*.yaml`): a blank A4 page Madoguchi prints, that a citizen fills by
/// hand and a scanner brings back. Everything a reader needs is on the page: four corner marks to align the scan
/// by, a QR code naming the form, its version and page (never personal data), and zones at declared places —
/// one-character boxes (一文字枠) for digits and katakana, tick boxes for choices, open boxes for kanji.
///
/// Measures are millimetres from the page's top-left corner. A zone's `field` is the Case form's field id the
/// value goes to (or a list of them) (`m0-familyKana`, `new-postcode`, `eventDate`), so a read page becomes a Case through the one
/// validator every door uses.
public struct PaperForm: Sendable {
    public let id: String
    /// Printed in the QR code; a page printed from another version goes to a person, never read against the wrong zones.
    public let version: Int
    public let name: LocalizedText
    /// The life event of the Case the form becomes.
    public let event: String
    /// The procedures it applies for (printed on it; the guide offers the form beside them).
    public let procedures: [String]
    public let zones: [PaperZone]
    /// What the form itself says and nobody writes (`preset`: the second person of a birth claim is the newborn).
    public var preset: [String: String] = [:]
    /// Headings and instructions printed on the page: text, [x, y] of its baseline in mm, size in points.
    public var texts: [(text: String, x: Double, y: Double, size: Double)] = []

    public init(id: String, version: Int, name: LocalizedText, event: String, procedures: [String], zones: [PaperZone]) {
        self.id = id
        self.version = version
        self.name = name
        self.event = event
        self.procedures = procedures
        self.zones = zones
    }

    public func zone(_ id: String) -> PaperZone? { zones.first { $0.id == id } }
}

/// One place on a paper form that is read.
public struct PaperZone: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// One digit per box.
        case digits(cells: Int)
        /// One katakana per box (a dakuten goes in the same box as its kana, as forms ask).
        case katakana(cells: Int)
        /// A single tick box: ticked or not.
        case checkbox
        /// Tick boxes of which one is ticked; the value is the option's. Options stand `spacing` mm apart.
        case choice([PaperChoice], spacing: Double)
        /// A date: the era ticked (昭和・平成・令和) and six digit boxes, YY MM DD.
        case date
        /// An open box for kanji (names, addresses): read only as a suggestion, never accepted by itself.
        case text(width: Double, height: Double)
    }

    public let id: String
    public let label: LocalizedText
    public let kind: Kind
    /// The Case form's fields the value goes to (usually one; a birth's date is also the newborn's birth date).
    public let fields: [String]
    /// Top-left of the first box.
    public let x: Double
    public let y: Double
    /// Keyed twice by two staff members, blind, before it is accepted (ベリファイ).
    public let doubleKey: Bool

    public init(id: String, label: LocalizedText, kind: Kind, fields: [String], x: Double, y: Double, doubleKey: Bool = false) {
        self.id = id
        self.label = label
        self.kind = kind
        self.fields = fields
        self.x = x
        self.y = y
        self.doubleKey = doubleKey
    }
}

public struct PaperChoice: Sendable, Hashable {
    public let value: String
    public let label: LocalizedText

    public init(value: String, label: LocalizedText) {
        self.value = value
        self.label = label
    }
}

/// Where everything of a paper form is, in millimetres: what the blank form is printed from and what a scan is
/// read by, so that the two can never disagree.
public enum PaperGeometry {
    public static let pageWidth = 210.0, pageHeight = 297.0
    /// Corner marks: filled squares, their outer corners this far from the page's edges — far enough in that a
    /// sheet turned 5° on an A4 scanner's glass keeps all four, and outside every zone.
    public static let markSize = 6.0, markInset = 12.0
    /// The QR code's top-left and side (a version-3 code with its quiet zone).
    public static let qrX = 164.0, qrY = 22.0, qrSide = 24.0
    /// A one-character box; a tick box.
    public static let cellSize = 8.0, tickSize = 5.0
    /// What a tick box's label takes to its right.
    public static let tickLabelWidth = 30.0
    /// The date zone: three eras, then YY MM DD boxes with a gap for 年・月 between the pairs.
    public static let eras: [(value: String, ja: String)] = [("S", "昭和"), ("H", "平成"), ("R", "令和")]
    public static let eraSpacing = 16.0, dateDigitsOffset = 52.0, dateGap = 6.0

    /// The centres of the four corner marks: top-left, top-right, bottom-left, bottom-right.
    public static var markCentres: [(x: Double, y: Double)] {
        let near = markInset + markSize / 2
        return [(near, near), (pageWidth - near, near), (near, pageHeight - near), (pageWidth - near, pageHeight - near)]
    }

    /// The boxes of a zone, each a rectangle (x, y, width, height) in mm, in reading order.
    public static func boxes(_ zone: PaperZone) -> [(x: Double, y: Double, width: Double, height: Double)] {
        switch zone.kind {
        case .digits(let cells), .katakana(let cells):
            return (0..<cells).map { (zone.x + Double($0) * cellSize, zone.y, cellSize, cellSize) }
        case .checkbox:
            return [(zone.x, zone.y, tickSize, tickSize)]
        case .choice(let options, let spacing):
            return options.indices.map { (zone.x + Double($0) * spacing, zone.y, tickSize, tickSize) }
        case .date:
            let eras = eras.indices.map { (zone.x + Double($0) * eraSpacing, zone.y + 1.5, tickSize, tickSize) }
            let digits = (0..<6).map { index -> (Double, Double, Double, Double) in
                (zone.x + dateDigitsOffset + Double(index) * cellSize + Double(index / 2) * dateGap, zone.y, cellSize, cellSize)
            }
            return eras + digits
        case .text(let width, let height):
            return [(zone.x, zone.y, width, height)]
        }
    }

    /// The rectangle a zone takes, its label above it included.
    public static func extent(_ zone: PaperZone) -> (x: Double, y: Double, width: Double, height: Double) {
        let boxes = boxes(zone)
        let right = boxes.map { $0.x + $0.width }.max() ?? zone.x
        let bottom = boxes.map { $0.y + $0.height }.max() ?? zone.y
        var labelled = right
        switch zone.kind {
        case .choice(_, let spacing): labelled += spacing - tickSize
        case .checkbox: labelled += tickLabelWidth
        default: break
        }
        return (zone.x, zone.y - 5, labelled - zone.x, bottom - zone.y + 5)
    }
}
