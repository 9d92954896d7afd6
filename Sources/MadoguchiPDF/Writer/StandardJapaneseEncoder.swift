/// Encodes text for the unembedded HeiseiKakuGo-W5 with the predefined UniJIS-UCS2-H
/// CMap: a code is the character's UCS-2 value, and the viewer maps it to an Adobe-Japan1
/// CID and draws it with its own Japanese gothic.
///
/// UCS-2 has no room for characters beyond U+FFFF (𠮷, 𩸽 …): those are drawn as .notdef
/// through codes in the surrogate range D800–DFFF, which the CMap leaves unmapped, and a
/// /ToUnicode entry still gives the real character back to text extraction.
struct StandardJapaneseEncoder: GlyphEncoder {
    /// The viewer's own Japanese font: nothing embedded, so never PDF/A.
    var embedsFonts: Bool { false }
    private var usedCodes: Set<UInt16> = []
    private var codeForMissing: [UInt32: UInt16] = [:]
    private var textForMissingCode: [UInt16: Unicode.Scalar] = [:]
    private(set) var missingCharacters: [Unicode.Scalar: Int] = [:]

    /// Widths the /W array declares, and layout therefore uses: half-width for ASCII and
    /// half-width katakana, full-width for everything else.
    static func width(of scalar: Unicode.Scalar) -> Double {
        if scalar.isVariationSelector { return 0 }
        switch scalar.value {
        case 0x20...0x7E, 0xFF61...0xFF9F: return 500
        default: return 1000
        }
    }

    static func textWidth(_ text: String, size: Double) -> Double {
        text.unicodeScalars.reduce(0) { $0 + width(of: $1) } * size / 1000
    }

    /// One font, /F1.
    var usedFonts: [Bool] { [true] }

    func firstFont(for text: String) -> Int { 0 }

    mutating func appendShow(_ text: String, size: Double, font: Int, to stream: inout [UInt8]) {
        stream.append(UInt8(ascii: "<"))
        appendCodes(for: text, to: &stream)
        stream.appendASCII("> Tj")
    }

    func writeFont(_ index: Int, as type0: Int, into writer: inout PDFObjectWriter) {
        writeFont(as: type0, into: &writer)
    }

    mutating func appendCodes(for text: String, to stream: inout [UInt8]) {
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if scalar.isVariationSelector {
                // Not encodable in UCS-2 (and VS1–16 have no CID): the base character prints alone.
                missingCharacters[scalar, default: 0] += 1
            } else if value >= 0x20, value <= 0xFFFF, value != 0x7F {
                usedCodes.insert(UInt16(value))
                stream.appendHex4(UInt16(value))
            } else {
                missingCharacters[scalar, default: 0] += 1
                stream.appendHex4(missingCode(for: scalar))
            }
        }
    }

    private mutating func missingCode(for scalar: Unicode.Scalar) -> UInt16 {
        if let known = codeForMissing[scalar.value] { return known }
        let code = UInt16(0xD800 + min(codeForMissing.count, 0x7FF))
        codeForMissing[scalar.value] = code
        if textForMissingCode[code] == nil { textForMissingCode[code] = scalar }
        return code
    }

    func writeFont(as type0: Int, into writer: inout PDFObjectWriter) {
        let cidFont = writer.reserve()
        let descriptor = writer.reserve()
        let toUnicode = writer.reserve()
        writer.object(type0) { out in
            out.appendText("<< /Type /Font /Subtype /Type0 /BaseFont /HeiseiKakuGo-W5 /Encoding /UniJIS-UCS2-H")
            out.appendText(" /DescendantFonts [\(cidFont) 0 R] /ToUnicode \(toUnicode) 0 R >>")
        }
        writer.object(cidFont) { out in
            out.appendText("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /HeiseiKakuGo-W5")
            out.appendASCII(" /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >>")
            // UniJIS-UCS2-H sends U+0020–005B to CIDs 1–60, U+005C to 97, U+005D–007E to 62–95,
            // and half-width katakana U+FF61–FF9F to 327–389: all set half-width.
            out.appendText(" /FontDescriptor \(descriptor) 0 R /DW 1000 /W [1 60 500 62 95 500 97 97 500 327 389 500] >>")
        }
        writer.object(descriptor) { out in
            out.appendASCII("<< /Type /FontDescriptor /FontName /HeiseiKakuGo-W5 /Flags 4")
            out.appendASCII(" /FontBBox [-92 -250 1010 922] /ItalicAngle 0 /Ascent 752 /Descent -221")
            out.appendASCII(" /CapHeight 737 /StemV 114 >>")
        }
        var entries: [(code: UInt16, text: [Unicode.Scalar])] = []
        for code in usedCodes.sorted() {
            if let scalar = Unicode.Scalar(UInt32(code)) { entries.append((code, [scalar])) }
        }
        for code in textForMissingCode.keys.sorted() {
            if let scalar = textForMissingCode[code] { entries.append((code, [scalar])) }
        }
        writer.stream(toUnicode, data: ToUnicodeCMap.make(entries))
    }
}
