/// A value set to fit a box of a form: the size chosen and its lines, none wider than the box.
public struct FittedText: Sendable, Equatable {
    /// Points.
    public let size: Double
    public let lines: [String]
    /// Baseline to baseline, in points.
    public let lineSpacing: Double
    /// From the top of the first line's em box to the bottom of the last's, in points.
    public let height: Double
    /// False when even at the smallest size the lines are taller than the box (they are still
    /// never wider than it).
    public let fitsHeight: Bool
}

extension PDFFontChoice {
    /// The em box above the baseline, as a fraction of the size (0.88 for IPAex Gothic).
    public var ascentRatio: Double {
        switch self {
        case .embedded(let font, _): Double(font.ascent) / Double(font.unitsPerEm)
        case .standardJapanese: 0.88   // the Adobe-Japan1 ideographic em box, −120…880
        }
    }

    /// The em box below the baseline, as a positive fraction of the size (0.12 for IPAex Gothic).
    public var descentRatio: Double {
        switch self {
        case .embedded(let font, _): Double(-font.descent) / Double(font.unitsPerEm)
        case .standardJapanese: 0.12
        }
    }

    /// Fits `text` into a box `width` × `height` points, starting from its layout's `size`:
    ///
    /// 1. as it is, when it fits on one line;
    /// 2. else shrunk to the width on one line, but not below `minimumSize`;
    /// 3. else wrapped onto lines, at the largest size from `size` down to `minimumSize` whose
    ///    lines stand within `height`;
    /// 4. only when even that is too tall, wrapped at a smaller size, down to `smallest`: a
    ///    value is never cut and never drawn beyond the box's width, and beyond its height only
    ///    when nothing from `smallest` up fits (`fitsHeight` is then false).
    ///
    /// Sizes are tried in steps of 0.25 pt. `lineSpacing` is baseline to baseline in ems.
    public func fit(_ text: String, width: Double, height: Double, size: Double, minimumSize: Double,
                    smallest: Double = 4, lineSpacing: Double = 1.1) -> FittedText {
        let natural = textWidth(text, size: size)
        let em = ascentRatio + descentRatio
        func fitted(_ lines: [String], at size: Double) -> FittedText {
            let spacing = size * lineSpacing
            let block = size * em + Double(max(lines.count - 1, 0)) * spacing
            return FittedText(size: size, lines: lines, lineSpacing: spacing, height: block, fitsHeight: block <= height + 1e-9)
        }
        if natural <= width || natural <= 0 { return fitted([text], at: size) }
        // Rounded down to 1/100 pt, so the shrunk line is never a rounding error wider than the box.
        let shrunk = (size * width / natural * 100).rounded(.down) / 100
        if shrunk >= minimumSize { return fitted([text], at: shrunk) }

        let clusters = Array(text)
        let widths = clusters.map { textWidth(String($0), size: 1) }
        var candidates: [Double] = []
        var candidate = size
        while candidate > smallest {
            candidates.append(candidate)
            // Land exactly on the minimum, whatever step the layout's size leaves.
            candidate = candidate > minimumSize && candidate - 0.25 < minimumSize ? minimumSize : candidate - 0.25
        }
        candidates.append(smallest)
        var last = fitted([text], at: smallest)
        for size in candidates {
            last = fitted(TextWrapping.lines(clusters, widths: widths, width: width, size: size), at: size)
            if last.fitsHeight { return last }
        }
        return last
    }

    /// `text` broken into lines no wider than `width` at `size` (a single character wider than
    /// the width stands alone). Latin words stay whole where they can; Japanese breaks between
    /// any two characters but for 行頭・行末禁則; spaces at a break are dropped.
    public func wrap(_ text: String, width: Double, size: Double) -> [String] {
        let clusters = Array(text)
        return TextWrapping.lines(clusters, widths: clusters.map { textWidth(String($0), size: 1) }, width: width, size: size)
    }
}

/// Greedy line breaking over characters whose widths at 1 pt are known.
enum TextWrapping {
    static func lines(_ clusters: [Character], widths: [Double], width: Double, size: Double) -> [String] {
        var lines: [String] = []
        var start = 0
        var lineWidth = 0.0
        var index = 0
        func emit(_ end: Int) {
            var last = end
            while last > start, isSpace(clusters[last - 1]) { last -= 1 }
            if last > start { lines.append(String(clusters[start..<last])) }
        }
        while index < clusters.count {
            let advance = widths[index] * size
            if index > start, lineWidth + advance > width + 1e-9 {
                var end = index
                while end > start, !canBreak(clusters[end - 1], clusters[end]) { end -= 1 }
                if end == start { end = index }   // one long word: break it where it overflows
                emit(end)
                start = end
                while start < clusters.count, isSpace(clusters[start]) { start += 1 }
                index = max(index, start)
                lineWidth = widths[start..<index].reduce(0, +) * size
                continue
            }
            lineWidth += advance
            index += 1
        }
        emit(clusters.count)
        return lines
    }

    static func isSpace(_ character: Character) -> Bool {
        character == " " || character == "\u{3000}"
    }

    /// A line may break between `before` and `after`.
    static func canBreak(_ before: Character, _ after: Character) -> Bool {
        if isSpace(before) || isSpace(after) { return true }
        if isWordCharacter(before), isWordCharacter(after) { return false }
        return !noLineStart.contains(after) && !noLineEnd.contains(before)
    }

    /// Letters and digits of alphabetic scripts (and the apostrophes and periods inside names):
    /// a line breaks between them only when a word is longer than the line.
    private static func isWordCharacter(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        if "'’.".unicodeScalars.contains(scalar) { return true }
        return scalar.value < 0x2E80 && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
    }

    /// 行頭禁則: closing brackets, punctuation, small kana and the long vowel mark.
    private static let noLineStart: Set<Character> = Set("、。，．・：；？！ー－）」』】〕〉》〙〗ゝゞヽヾ々ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ,.:;!?)]}-%")
    /// 行末禁則: opening brackets.
    private static let noLineEnd: Set<Character> = Set("（「『【〔〈《〘〖([{")
}
