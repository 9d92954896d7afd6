/// Reads the output of a CTC text recognizer (PaddleOCR's PP-OCR): for every time step a probability per class,
/// class 0 the blank, then the dictionary's characters, then a space. The best class per step among those a zone
/// allows (a character's classes summed, renormalized over the allowed ones), repeats collapsed and blanks dropped;
/// a character's confidence is the mean probability of its steps.
public struct CTCDecoder: Sendable {
    /// The dictionary's characters by class (index 0 is the blank, unused).
    let classes: [Character?]
    /// Each character's classes (a full-width digit is the same digit as an ASCII one).
    let classesOf: [Character: [Int]]
    /// The choices of an unrestricted read, each class on its own (blank and space read as nothing): built once,
    /// not per line.
    let everyClass: [(character: Character?, classes: [Int])]

    /// `dictionary`: one character per line, as PaddleOCR ships it (`ppocrv5_dict.txt`).
    public init(dictionary: String) {
        var classes: [Character?] = [nil]
        for line in dictionary.split(separator: "\n", omittingEmptySubsequences: false) {
            let text = line.hasSuffix("\r") ? line.dropLast() : line
            classes.append(text.count == 1 ? Self.folded(text.first!) : nil)
        }
        if dictionary.hasSuffix("\n"), case .some(.none) = classes.last { classes.removeLast() }  // the file's last newline
        classes.append(" ")
        self.classes = classes
        var classesOf: [Character: [Int]] = [:]
        for (index, character) in classes.enumerated() { if let character { classesOf[character, default: []].append(index) } }
        self.classesOf = classesOf
        everyClass = classes.indices.map { index in (index == 0 || classes[index] == " " ? nil : classes[index], [index]) }
    }

    public var classCount: Int { classes.count }

    /// ０–９ read as 0–9: a form's digits are digits whichever width the model thinks it saw.
    static func folded(_ character: Character) -> Character {
        guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
              (0xFF10...0xFF19).contains(scalar.value) else { return character }
        return Character(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
    }

    /// `probabilities`: steps × classes, row-major.
    public func decode(_ probabilities: [Float], steps: Int, allowed: Set<Character>?) -> [(character: Character, confidence: Double)] {
        let width = classes.count
        guard probabilities.count == steps * width else { return [] }
        // The choices at each step: the blank, and each allowed character with all its classes (３ is 3). Without
        // a restriction, every class on its own.
        let groups: [(character: Character?, classes: [Int])] = allowed.map { set in
            [(nil, [0])] + set.sorted().compactMap { character in classesOf[character].map { (character, $0) } }
        } ?? everyClass
        var result: [(Character, Double)] = []
        var previous = -1
        var run: (character: Character, total: Double, count: Int)?
        func close() {
            if let current = run { result.append((current.character, current.total / Double(current.count))) }
            run = nil
        }
        for step in 0..<steps {
            let row = step * width
            var best = 0, bestValue: Float = -1, total: Float = 0
            for (group, entry) in groups.enumerated() {
                var value: Float = 0
                for index in entry.classes { value += probabilities[row + index] }
                total += value
                if value > bestValue { best = group; bestValue = value }
            }
            // Renormalized over what the zone allows: a タ the model thought might be the kanji 夕 is sure once
            // kanji cannot be the answer.
            let confidence = total > 0 ? Double(bestValue / total) : 0
            if let character = groups[best].character {
                if best == previous, run != nil {
                    run!.total += confidence
                    run!.count += 1
                } else {
                    close()
                    run = (character, confidence, 1)
                }
            } else {
                close()
            }
            previous = best
        }
        close()
        return result
    }
}
