import Testing
@testable import MadoguchiPDF

/// Shrinking and wrapping a value into its box, measured with the standard font's fixed widths
/// (1 em for Japanese, ½ em for ASCII) so every expectation can be worked out by hand.
@Suite("Text fitting")
struct TextFittingTests {
    let font = PDFFontChoice.standardJapanese
    /// 70 mm, the name column of the 住民異動届.
    let width = 70 * 72 / 25.4
    /// A 40+40-character name: family and given name at the register's limit of 40 each.
    static let longName = String(repeating: "髙", count: 40) + "\u{3000}" + String(repeating: "﨑", count: 40)

    @Test("A value that fits is left alone")
    func fittingValueIsUnchanged() {
        let fitted = font.fit("山田\u{3000}花子", width: width, height: 20, size: 11, minimumSize: 7)
        #expect(fitted == FittedText(size: 11, lines: ["山田\u{3000}花子"], lineSpacing: 11 * 1.1, height: 11, fitsHeight: true))
    }

    @Test("A slightly long value shrinks on one line, no narrower than the box allows")
    func slightlyLongValueShrinks() {
        let name = String(repeating: "山", count: 20)   // 220 pt at 11 pt in a 198.4 pt box
        let fitted = font.fit(name, width: width, height: 20, size: 11, minimumSize: 7)
        #expect(fitted.lines == [name])
        #expect(fitted.size < 11 && fitted.size >= 9.9)
        #expect(font.textWidth(name, size: fitted.size) <= width)
    }

    @Test("A 40+40-character name shrinks to 7 pt, then wraps; no line is wider than the box")
    func longNameWraps() {
        // 23 pt is three lines at 7 pt: 7 + 2 × 7.7.
        let fitted = font.fit(Self.longName, width: width, height: 23, size: 11, minimumSize: 7)
        #expect(fitted.size == 7)
        #expect(fitted.lines.count == 3)
        #expect(fitted.fitsHeight && fitted.height <= 23)
        for line in fitted.lines { #expect(font.textWidth(line, size: fitted.size) <= width, "\(line)") }
        #expect(fitted.lines.joined().filter { $0 != "\u{3000}" } == Self.longName.filter { $0 != "\u{3000}" }, "nothing cut")
    }

    @Test("A tall box keeps the wrapped lines as large as it can")
    func tallBoxKeepsLargerSize() {
        let fitted = font.fit(Self.longName, width: width, height: 60, size: 11, minimumSize: 7)
        #expect(fitted.size > 7 && fitted.fitsHeight)
        for line in fitted.lines { #expect(font.textWidth(line, size: fitted.size) <= width) }
    }

    @Test("Too long even wrapped at 7 pt: smaller rather than out of the box")
    func tooLongGoesBelowTheMinimumButStaysInside() {
        let fitted = font.fit(Self.longName, width: width, height: 15, size: 11, minimumSize: 7)
        #expect(fitted.size < 7 && fitted.size >= 4 && fitted.fitsHeight)
        for line in fitted.lines { #expect(font.textWidth(line, size: fitted.size) <= width) }
    }

    @Test("Latin names break between words, not inside them")
    func latinNamesBreakAtSpaces() {
        let name = "NGUYEN THI THANH HUONG MARIA DA CONCEICAO SILVA SANTOS OLIVEIRA"
        let lines = font.wrap(name, width: 100, size: 10)   // 20 ASCII characters a line
        #expect(lines.count > 1)
        #expect(lines.joined(separator: " ") == name)
        for line in lines { #expect(font.textWidth(line, size: 10) <= 100, "\(line)") }
    }

    @Test("A word longer than the line is broken where it overflows")
    func longWordIsBroken() {
        let lines = font.wrap(String(repeating: "A", count: 30), width: 50, size: 10)   // 10 a line
        #expect(lines == [String(repeating: "A", count: 10), String(repeating: "A", count: 10), String(repeating: "A", count: 10)])
    }

    @Test("No line starts with ー, ッ or a closing bracket (行頭禁則)")
    func kinsoku() {
        // Four characters a line: "アイウー" would push ー to the next line's start.
        #expect(font.wrap("アイウエーカ", width: 40, size: 10) == ["アイウ", "エーカ"])
        #expect(font.wrap("アイウ（エ）", width: 40, size: 10) == ["アイウ", "（エ）"])
        #expect(font.wrap("アイウエッ", width: 40, size: 10) == ["アイウ", "エッ"])
    }

    @Test("Whatever the text, no line is wider than the box unless it is one character")
    func randomTextStaysInside() {
        var random = SplitMix64(state: 14)
        let alphabet = Array("山田髙﨑𠮷 　ABCxyz-ー（）、。ッ")
        for _ in 0..<300 {
            let text = String((0..<Int.random(in: 1...90, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            let box = Double.random(in: 8...200, using: &random)
            let size = Double.random(in: 6...14, using: &random)
            for line in font.wrap(text, width: box, size: size) where line.count > 1 {
                #expect(font.textWidth(line, size: size) <= box + 1e-9, "\(text) → \(line)")
            }
            let kept = font.wrap(text, width: box, size: size).joined().filter { $0 != " " && $0 != "\u{3000}" }
            #expect(kept == text.filter { $0 != " " && $0 != "\u{3000}" }, "nothing but spaces is dropped")
        }
    }
}
