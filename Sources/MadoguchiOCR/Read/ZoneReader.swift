import Foundation
import MadoguchiCore

/// Reads the zones of an aligned page: tick boxes by how much of them is inked (pure Swift), one-character boxes
/// and open boxes by an OCR engine, each character restricted to what its zone allows.
public struct ZoneReader {
    /// A tick box counts as ticked above this share of ink inside its border (a ✓ fills about a quarter of it;
    /// a clean empty box nothing, a speckled one a few percent).
    public static let tickedInk = 0.06
    /// A one-character box with less ink than this is empty.
    public static let writtenInk = 0.012
    /// Below this confidence a character is doubtful (shown highlighted to staff).
    public static let acceptedConfidence = 0.80

    static let digits = "0123456789"
    /// Full-width katakana as forms ask for them, small kana and ー included.
    static let katakana = String((0x30A1...0x30F6).compactMap { Unicode.Scalar($0).map(Character.init) }) + "ー"

    let page: AlignedPage
    let engine: (any LineRecognizer)?

    public init(page: AlignedPage, engine: (any LineRecognizer)?) {
        self.page = page
        self.engine = engine
    }

    public func read(_ zone: PaperZone) -> ZoneReading {
        let boxes = PaperGeometry.boxes(zone)
        switch zone.kind {
        case .checkbox:
            let (ticked, confidence) = tick(boxes[0])
            return ZoneReading(zone: zone.id, value: ticked ? "on" : "", status: ticked ? .accepted : .blank, confidence: confidence)
        case .choice(let options, _):
            return choice(zone.id, values: options.map(\.value), boxes: boxes)
        case .digits, .katakana:
            let allowed = if case .digits = zone.kind { Self.digits } else { Self.katakana }
            return characters(zone.id, boxes: boxes, allowed: allowed)
        case .date:
            let era = choice(zone.id, values: PaperGeometry.eras.map(\.value), boxes: Array(boxes[..<3]))
            let numbers = characters(zone.id, boxes: Array(boxes[3...]), allowed: Self.digits)
            if era.status == .blank && numbers.status == .blank { return ZoneReading(zone: zone.id, value: "", status: .blank, confidence: 1) }
            guard era.status != .unreadable, numbers.status != .unreadable, !era.value.isEmpty, numbers.value.count == 6 else {
                return ZoneReading(zone: zone.id, value: era.value + numbers.value, status: .unreadable,
                                   confidence: min(era.confidence, numbers.confidence), cells: numbers.cells)
            }
            let digits = Array(numbers.value)
            let value = "\(era.value)\(Int(String(digits[0...1]))!).\(Int(String(digits[2...3]))!).\(Int(String(digits[4...5]))!)"
            let confidence = min(era.confidence, numbers.confidence)
            return ZoneReading(zone: zone.id, value: value, status: era.status == .accepted && numbers.status == .accepted ? .accepted : .doubtful,
                               confidence: confidence, cells: numbers.cells)
        case .text:
            let box = boxes[0]
            guard page.inkRatio(x: box.x, y: box.y, width: box.width, height: box.height, inset: 1.0) > Self.writtenInk / 3 else {
                return ZoneReading(zone: zone.id, value: "", status: .blank, confidence: 1)
            }
            guard let engine else { return ZoneReading(zone: zone.id, value: "", status: .unreadable, confidence: 0) }
            let image = page.crop(x: box.x + 0.8, y: box.y + 0.8, width: box.width - 1.6, height: box.height - 1.6)
            let symbols = engine.read(Self.padded(image), allowed: nil)
            let text = String(symbols.map(\.character)), confidence = symbols.map(\.confidence).min() ?? 0
            // Kanji is never accepted unread: a variant read as its common form (髙→高) at high confidence is the
            // known failure of every engine.
            return ZoneReading(zone: zone.id, value: text.replacingOccurrences(of: " ", with: ""), status: text.isEmpty ? .unreadable : .doubtful,
                               confidence: confidence)
        }
    }

    /// Whether a tick box is ticked, and how far its ink is from the line between the two.
    private func tick(_ box: (x: Double, y: Double, width: Double, height: Double)) -> (Bool, Double) {
        let ink = page.inkRatio(x: box.x, y: box.y, width: box.width, height: box.height, inset: 1.0)
        let ticked = ink > Self.tickedInk
        // Clean empty boxes sit near 0, ticked ones near 0.2–0.4: sure at a third of the way from the line.
        let confidence = ticked ? min(1, (ink - Self.tickedInk) / 0.08) : min(1, (Self.tickedInk - ink) / 0.03)
        return (ticked, max(0, confidence))
    }

    private func choice(_ id: String, values: [String], boxes: [(x: Double, y: Double, width: Double, height: Double)]) -> ZoneReading {
        let ticks = boxes.map(tick)
        let chosen = ticks.indices.filter { ticks[$0].0 }
        let confidence = ticks.map(\.1).min() ?? 0
        switch chosen.count {
        case 0: return ZoneReading(zone: id, value: "", status: .blank, confidence: confidence)
        case 1:
            return ZoneReading(zone: id, value: values[chosen[0]], status: confidence >= 0.5 ? .accepted : .doubtful, confidence: confidence)
        default: return ZoneReading(zone: id, value: "", status: .unreadable, confidence: 0)
        }
    }

    /// One-character boxes: which are written (by their ink), then the written run read as one line with the box
    /// lines erased — Tesseract reads a line far better than a lone character — its characters given to the
    /// written boxes in order. A count that does not match is 判別不能, never spread over the boxes by guess.
    private func characters(_ id: String, boxes: [(x: Double, y: Double, width: Double, height: Double)], allowed: String) -> ZoneReading {
        let written = boxes.map { page.inkRatio(x: $0.x, y: $0.y, width: $0.width, height: $0.height, inset: 0.9) > Self.writtenInk }
        guard let first = written.firstIndex(of: true), let last = written.lastIndex(of: true) else {
            return ZoneReading(zone: id, value: "", status: .blank, confidence: 1, cells: boxes.map { _ in .init(character: nil, confidence: 1) })
        }
        guard let engine else {
            return ZoneReading(zone: id, value: "", status: .unreadable, confidence: 0, cells: boxes.map { _ in .init(character: nil, confidence: 0) })
        }
        let run = Array(boxes[first...last])
        let pixelsPerMM = 12.0
        let left = run[0].x, top = run[0].y, height = run[0].height
        var image = page.crop(x: left, y: top, width: run.last!.x + run.last!.width - left, height: height, pixelsPerMM: pixelsPerMM)
        // Keep only the inside of the boxes: the printed lines (and what alignment leaves of them) and anything
        // printed between boxes (年, 月 in a date) are painted white.
        let inset = 0.9
        var inside = [Bool](repeating: false, count: image.width)
        for box in run {
            let from = Int(((box.x - left + inset) * pixelsPerMM).rounded()), to = Int(((box.x - left + box.width - inset) * pixelsPerMM).rounded())
            for x in max(0, from)..<min(image.width, to) { inside[x] = true }
        }
        let band = Int((inset * pixelsPerMM).rounded())
        for y in 0..<image.height {
            for x in 0..<image.width where !inside[x] || y < band || y >= image.height - band { image[x, y] = 255 }
        }
        let symbols = engine.read(Self.padded(image, by: 24), allowed: Set(allowed))

        let writtenCount = written[first...last].count { $0 }
        var cells = boxes.map { _ in ZoneReading.Cell(character: nil, confidence: 1) }
        let read = String(symbols.map(\.character))
        guard symbols.count == writtenCount, writtenCount == last - first + 1 else {
            return ZoneReading(zone: id, value: read, status: .unreadable, confidence: 0, cells: cells)
        }
        for (offset, symbol) in symbols.enumerated() { cells[first + offset] = .init(character: symbol.character, confidence: symbol.confidence) }
        let lowest = symbols.map(\.confidence).min() ?? 0
        let status: ZoneReading.Status = lowest >= Self.acceptedConfidence ? .accepted : .doubtful
        return ZoneReading(zone: id, value: read, status: status, confidence: lowest, cells: cells)
    }

    /// A white margin around a cut-out: Tesseract reads a character touching the image's edge badly.
    static func padded(_ image: GrayImage, by margin: Int = 12) -> GrayImage {
        var out = GrayImage(width: image.width + 2 * margin, height: image.height + 2 * margin)
        for y in 0..<image.height {
            for x in 0..<image.width { out[x + margin, y + margin] = image[x, y] }
        }
        return out
    }
}
