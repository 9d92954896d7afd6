/// Encodes text as glyph ids of an embedded TrueType font (Identity-H) and writes the
/// Type0 / CIDFontType2 font with its subset, widths and /ToUnicode.
///
/// A code is normally the glyph id itself. When a glyph already stands for other text in
/// this document — two characters sharing one outline (溺 U+F9EC and 溺 U+6EBA), or any 外字
/// the font lacks, all drawn as .notdef — the text gets a copy of that glyph appended to the
/// subset, so every distinct text has its own code and extracts byte-exact.
///
/// One per font of a rendering; `FallbackFontEncoder` splits text among them.
struct EmbeddedFontEncoder {
    let font: TrueTypeFont
    private var codeForScalar: [UInt32: UInt16] = [:]
    /// Base character plus variation selectors, for the rare selected forms.
    private var codeForSequence: [[Unicode.Scalar]: UInt16] = [:]
    private var textForCode: [UInt16: [Unicode.Scalar]] = [:]
    /// The glyph each appended code copies; code `font.numberOfGlyphs + i` copies `copies[i]`.
    private var copies: [UInt16] = []
    private(set) var missingCharacters: [Unicode.Scalar: Int] = [:]

    init(font: TrueTypeFont) {
        self.font = font
    }

    /// The code drawing `base` (with its variation `selectors`, possibly none).
    mutating func code(for base: Unicode.Scalar, selectors: [Unicode.Scalar]) -> UInt16 {
        let glyph = font.glyphID(for: base)
        if glyph == nil { missingCharacters[base, default: 0] += 1 }
        if selectors.isEmpty {
            if let known = codeForScalar[base.value] { return known }
            let assigned = assign([base], glyph: glyph)
            codeForScalar[base.value] = assigned
            return assigned
        }
        // The selected form is not drawn (no 'cmap' format 14 support): report it.
        for selector in selectors { missingCharacters[selector, default: 0] += 1 }
        let sequence = [base] + selectors
        if let known = codeForSequence[sequence] { return known }
        let assigned = assign(sequence, glyph: glyph)
        codeForSequence[sequence] = assigned
        return assigned
    }

    private mutating func assign(_ text: [Unicode.Scalar], glyph: UInt16?) -> UInt16 {
        if let glyph, textForCode[glyph] == nil {
            textForCode[glyph] = text
            return glyph
        }
        let next = font.numberOfGlyphs + copies.count
        // Glyph ids end at 65535; past that, share the code and lose exact extraction.
        guard next < 0xFFFF else { return glyph ?? 0 }
        copies.append(glyph ?? 0)
        textForCode[UInt16(next)] = text
        return UInt16(next)
    }

    private func sourceGlyph(of code: UInt16) -> UInt16 {
        Int(code) < font.numberOfGlyphs ? code : copies[Int(code) - font.numberOfGlyphs]
    }

    func writeFont(as type0: Int, into writer: inout PDFObjectWriter) {
        let codes = textForCode.keys.sorted()
        let cidFont = writer.reserve()
        let descriptor = writer.reserve()
        let fontFile = writer.reserve()
        let toUnicode = writer.reserve()
        let program = FontSubsetter(font: font).subset(
            keeping: codes.lazy.filter { Int($0) < font.numberOfGlyphs }, copies: copies)
        let name = SubsetTag.make(codes: codes, copies: copies) + "+" + font.postScriptName
        let scale = 1000 / Double(font.unitsPerEm)

        writer.object(type0) { out in
            out.appendText("<< /Type /Font /Subtype /Type0 /BaseFont /\(name) /Encoding /Identity-H")
            out.appendText(" /DescendantFonts [\(cidFont) 0 R] /ToUnicode \(toUnicode) 0 R >>")
        }
        writer.object(cidFont) { out in
            out.appendText("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /\(name)")
            out.appendASCII(" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>")
            out.appendText(" /FontDescriptor \(descriptor) 0 R /CIDToGIDMap /Identity /DW 1000\n/W [")
            appendWidths(codes, scale: scale, to: &out)
            out.appendASCII("] >>")
        }
        writer.object(descriptor) { out in
            let box = font.boundingBox
            out.appendText("<< /Type /FontDescriptor /FontName /\(name) /Flags \(font.isFixedPitch ? 5 : 4) /FontBBox [")
            for (index, value) in [box.xMin, box.yMin, box.xMax, box.yMax].enumerated() {
                if index > 0 { out.append(UInt8(ascii: " ")) }
                out.appendNumber(Double(value) * scale)
            }
            out.appendASCII("] /ItalicAngle ")
            out.appendNumber(font.italicAngle)
            for (key, value) in [(" /Ascent ", font.ascent), (" /Descent ", font.descent), (" /CapHeight ", font.capHeight)] {
                out.appendText(key)
                out.appendNumber(Double(value) * scale)
            }
            // /StemV is required but unknown for TrueType; 80 is the customary neutral value.
            out.appendText(" /StemV 80 /FontFile2 \(fontFile) 0 R >>")
        }
        writer.stream(fontFile, entries: "/Length1 \(program.count)", data: program)
        writer.stream(toUnicode, data: ToUnicodeCMap.make(codes.map { ($0, textForCode[$0] ?? []) }))
    }

    /// /W entries `c [w1 w2 …]`, one group per run of consecutive codes, in 1/1000 em.
    private func appendWidths(_ codes: [UInt16], scale: Double, to out: inout [UInt8]) {
        var previous: Int?
        for code in codes {
            if let previous, Int(code) == previous + 1 {
                out.append(UInt8(ascii: " "))
            } else {
                if previous != nil { out.appendASCII("] ") }
                out.appendInteger(Int(code))
                out.appendASCII(" [")
            }
            out.appendNumber(Double(font.advance(of: sourceGlyph(of: code))) * scale)
            previous = Int(code)
        }
        if previous != nil { out.append(UInt8(ascii: "]")) }
    }
}
