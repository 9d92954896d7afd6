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
    /// Readings of names, to spell a small or large kana the way some name is spelt (`spelledAsKnown`).
    let names: NameReadings

    public init(page: AlignedPage, engine: (any LineRecognizer)?, names: NameReadings = .empty) {
        self.page = page
        self.engine = engine
        self.names = names
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
            let reading = characters(zone.id, boxes: boxes, allowed: allowed)
            guard case .katakana = zone.kind, let field = zone.fields.first else { return reading }
            if field.hasSuffix("familyKana") { return Self.spelledAsKnown(reading, family: true, names: names) }
            if field.hasSuffix("givenKana") { return Self.spelledAsKnown(reading, family: false, names: names) }
            return reading
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

    /// A name's reading whose small or large kana is in doubt, spelt as the one reading of the name dictionary among
    /// its spellings (ミャタ or ミヤタ: only ミヤタ is a family name's reading). Still doubtful: the dictionary is not
    /// the person (a ミッコ is rare, not impossible), so a person confirms — with one key, not by retyping.
    static func spelledAsKnown(_ reading: ZoneReading, family: Bool, names: NameReadings) -> ZoneReading {
        guard reading.status == .doubtful, !reading.value.isEmpty else { return reading }
        let written = reading.cells.indices.filter { reading.cells[$0].character != nil }
        let characters = written.map { reading.cells[$0].character! }
        // The places whose size is in doubt, and each one's twin.
        var places: [(index: Int, twin: Character)] = []
        for (position, character) in characters.enumerated() {
            let before = position > 0 ? characters[position - 1] : nil, after = position + 1 < characters.count ? characters[position + 1] : nil
            guard smallOrLarge(character, before: before, after: after) else { continue }
            let twin = largeTwin[character] ?? largeTwin.first { $0.value == character }?.key
            if let twin { places.append((position, twin)) }
        }
        guard !places.isEmpty, places.count <= 4 else { return reading }
        var known: [[Character]] = []
        for choice in 0..<(1 << places.count) {
            var spelt = characters
            for (bit, place) in places.enumerated() where choice & (1 << bit) != 0 { spelt[place.index] = place.twin }
            if names.isKnown(reading: String(spelt), family: family) { known.append(spelt) }
        }
        guard known.count == 1, let spelt = known.first, spelt != characters else { return reading }
        var cells = reading.cells
        for (position, index) in written.enumerated() {
            cells[index] = .init(character: spelt[position], confidence: cells[index].confidence)
        }
        return ZoneReading(zone: reading.zone, value: String(spelt), status: .doubtful, confidence: reading.confidence, cells: cells)
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
    /// lines erased (the engine reads a line far better than a lone character), restricted to what the zone allows,
    /// its characters given to the boxes in order. When the line has more or fewer characters than written boxes,
    /// each box is read alone and the zone is doubtful; a box nothing can be read in is 判別不能.
    private func characters(_ id: String, boxes: [(x: Double, y: Double, width: Double, height: Double)], allowed: String) -> ZoneReading {
        let written = boxes.map { page.inkRatio(x: $0.x, y: $0.y, width: $0.width, height: $0.height, inset: 0.9) > Self.writtenInk }
        guard let first = written.firstIndex(of: true), let last = written.lastIndex(of: true) else {
            return ZoneReading(zone: id, value: "", status: .blank, confidence: 1, cells: boxes.map { _ in .init(character: nil, confidence: 1) })
        }
        guard let engine else {
            return ZoneReading(zone: id, value: "", status: .unreadable, confidence: 0, cells: boxes.map { _ in .init(character: nil, confidence: 0) })
        }
        let allowedSet = Set(allowed)
        let line = lineRead(boxes: Array(boxes[first...last]), engine: engine, allowed: allowedSet)
        let lineMatches = line.count == last - first + 1 && written[first...last].allSatisfy { $0 }
        var cells = boxes.map { _ in ZoneReading.Cell(character: nil, confidence: 1) }
        for index in first...last where written[index] {
            if lineMatches {
                cells[index] = .init(character: line[index - first].character, confidence: line[index - first].confidence)
                continue
            }
            // The line lost or gained a character: each box alone, and looked at by a person.
            let box = boxes[index]
            let image = page.crop(x: box.x + 0.9, y: box.y + 0.9, width: box.width - 1.8, height: box.height - 1.8)
            let alone = engine.read(Self.padded(image, horizontal: 16, vertical: 6), allowed: allowedSet)
            cells[index] = alone.count == 1 ? .init(character: alone[0].character, confidence: min(0.7, alone[0].confidence))
                : .init(character: nil, confidence: 0)
        }
        // Small and large kana by the spelling around them (`smallOrLarge`).
        let read = cells.compactMap(\.character)
        var position = 0
        for index in cells.indices {
            guard let character = cells[index].character else { continue }
            let before = position > 0 ? read[position - 1] : nil, after = position + 1 < read.count ? read[position + 1] : nil
            position += 1
            guard Self.smallOrLarge(character, before: before, after: after) else { continue }
            let spelt = Self.plausibleSize(character, before: before, after: after)
            cells[index] = .init(character: spelt, confidence: min(0.5, cells[index].confidence))
        }
        let value = String(cells.compactMap(\.character))
        let lowest = cells.map(\.confidence).min() ?? 0
        let gap = written[first...last].contains(false)
        let status: ZoneReading.Status = cells.contains { $0.character == nil && $0.confidence == 0 } ? .unreadable
            : (lowest >= Self.acceptedConfidence && !gap ? .accepted : .doubtful)
        return ZoneReading(zone: id, value: value, status: status, confidence: lowest, cells: cells)
    }

    /// The written run as one line: the inside of its boxes only (the printed lines, what alignment leaves of them
    /// and anything printed between boxes — 年, 月 in a date — painted white).
    private func lineRead(boxes run: [(x: Double, y: Double, width: Double, height: Double)], engine: any LineRecognizer,
                          allowed: Set<Character>) -> [(character: Character, confidence: Double)] {
        let pixelsPerMM = 12.0, inset = 0.9
        let left = run[0].x
        // The inside of the boxes only, top to bottom: the engine reads best a line its characters nearly fill.
        var image = page.crop(x: left, y: run[0].y + inset, width: run.last!.x + run.last!.width - left, height: run[0].height - 2 * inset,
                              pixelsPerMM: pixelsPerMM)
        var inside = [Bool](repeating: false, count: image.width)
        for box in run {
            let from = Int(((box.x - left + inset) * pixelsPerMM).rounded()), to = Int(((box.x - left + box.width - inset) * pixelsPerMM).rounded())
            for x in max(0, from)..<min(image.width, to) { inside[x] = true }
        }
        for y in 0..<image.height {
            for x in 0..<image.width where !inside[x] { image[x, y] = 255 }
        }
        return engine.read(Self.padded(image, horizontal: 24, vertical: 6), allowed: allowed)
    }

    /// The size a kana is spelt with where it stands, when its twin is read: a small one where no reading spells a
    /// small one (サィ, アャ, any ヶ) is the large one; otherwise as read. Staff still look at it.
    static func plausibleSize(_ character: Character, before: Character?, after: Character?) -> Character {
        guard let twin = largeTwin[character], !smallSpells(character, before: before, after: after) else { return character }
        return twin
    }

    /// Whether a kana could as well be its small (or large) twin: they differ in size only, and hands write ョ as
    /// large as ヨ. Every small kana is looked at by a person, and a large one wherever its small twin would also
    /// spell a reading: ヤユヨ after a kana of the イ column (キヨシ and キョウ both exist), ツ before a consonant that
    /// doubles (ミツコ, ミッコ), a vowel after a kana that takes a small one (テイ, ティ).
    static func smallOrLarge(_ character: Character, before: Character?, after: Character?) -> Bool {
        if largeTwin[character] != nil { return true }
        guard let small = largeTwin.first(where: { $0.value == character })?.key else { return false }
        return smallSpells(small, before: before, after: after)
    }

    /// Each small kana and its large twin.
    static let largeTwin: [Character: Character] = ["ァ": "ア", "ィ": "イ", "ゥ": "ウ", "ェ": "エ", "ォ": "オ", "ッ": "ツ", "ャ": "ヤ",
                                                    "ュ": "ユ", "ョ": "ヨ", "ヮ": "ワ", "ヵ": "カ", "ヶ": "ケ"]

    /// Whether a small kana spells a reading where it stands: ャュョ after a kana of the イ column, ッ before a
    /// consonant that doubles, ァィゥェォ after a kana that takes one (ティ, ファ, シェ); never ヮヵヶ.
    static func smallSpells(_ small: Character, before: Character?, after: Character?) -> Bool {
        switch small {
        case "ャ", "ュ", "ョ": before.map("キギシジチヂニヒビピミリ".contains) ?? false
        case "ッ": after.map("カキクケコガギグゲゴサシスセソザジズゼゾタチツテトダヂヅデドパピプペポ".contains) ?? false
        case "ァ", "ィ", "ゥ", "ェ", "ォ": before.map("テデフヴウクグツシジチイ".contains) ?? false
        default: false
        }
    }

    /// A white margin around a cut-out: engines read a character touching the image's edge badly.
    static func padded(_ image: GrayImage, horizontal: Int = 12, vertical: Int = 12) -> GrayImage {
        var out = GrayImage(width: image.width + 2 * horizontal, height: image.height + 2 * vertical)
        for y in 0..<image.height {
            for x in 0..<image.width { out[x + horizontal, y + vertical] = image[x, y] }
        }
        return out
    }
}
