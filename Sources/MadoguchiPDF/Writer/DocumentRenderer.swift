/// Lays out the PDF file: catalog, page tree, one content stream per page, one font (plus
/// any fallback font used) shared by all pages, /Info, cross-reference table.
enum DocumentRenderer {
    /// `archival`: written as PDF/A-2u when it can be (every font embedded, no character drawn as .notdef);
    /// `claimedArchival` says whether it was.
    static func render<Encoder: GlyphEncoder>(_ document: PDFDocument, encoder: inout Encoder,
                                              claimedArchival: inout Bool) -> [UInt8] {
        var writer = PDFObjectWriter(expectedSize: 160_000 + document.pages.count * 12_000)
        let catalog = writer.reserve()
        let pageTree = writer.reserve()
        let info = writer.reserve()
        // Font objects by font number: /F1 up front, a fallback font when first used.
        var fonts = [Int?](repeating: nil, count: encoder.usedFonts.count)
        if document.pages.contains(where: \.hasText) { fonts[0] = writer.reserve() }

        var content = ContentStreamWriter()
        var kids: [Int] = []
        for page in document.pages {
            let pageObject = writer.reserve()
            let contents = writer.reserve()
            content.write(page, encoder: &encoder)
            for (index, used) in encoder.usedFonts.enumerated() where used && fonts[index] == nil {
                fonts[index] = writer.reserve()
            }
            writer.stream(contents, data: content.bytes)
            writer.object(pageObject) { out in
                out.appendText("<< /Type /Page /Parent \(pageTree) 0 R /MediaBox [0 0 ")
                out.appendNumber(page.size.width)
                out.append(UInt8(ascii: " "))
                out.appendNumber(page.size.height)
                out.appendASCII("]")
                if fonts[0] != nil {
                    out.appendASCII(" /Resources << /Font <<")
                    for (index, font) in fonts.enumerated() {
                        if let font { out.appendText(" /F\(index + 1) \(font) 0 R") }
                    }
                    out.appendASCII(" >> >>")
                } else {
                    out.appendASCII(" /Resources << >>")
                }
                out.appendText(" /Contents \(contents) 0 R >>")
            }
            kids.append(pageObject)
        }
        for (index, font) in fonts.enumerated() {
            if let font { encoder.writeFont(index, as: font, into: &writer) }
        }

        writer.object(pageTree) { out in
            out.appendASCII("<< /Type /Pages /Kids [")
            out.appendText(kids.map { "\($0) 0 R" }.joined(separator: " "))
            out.appendText("] /Count \(kids.count) >>")
        }
        // PDF/A-2u only when it is true: embedded fonts, and no glyph missing (a box is .notdef, which PDF/A forbids;
        // an unsupported variation selector only falls back to the base character's glyph).
        let archival = document.archival && encoder.embedsFonts
            && !encoder.missingCharacters.keys.contains { !$0.properties.isVariationSelector }
        claimedArchival = archival
        var archivalEntries = ""
        if archival {
            let metadata = writer.reserve(), profile = writer.reserve()
            writer.stream(metadata, entries: "/Type /Metadata /Subtype /XML",
                          data: ArchivalParts.metadata(title: document.title, creationDate: document.creationDate))
            writer.stream(profile, entries: "/N 3", data: ArchivalParts.sRGBProfile)
            archivalEntries = " /Metadata \(metadata) 0 R /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1"
                + " /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) /DestOutputProfile \(profile) 0 R >>]"
        }
        writer.object(catalog) { out in
            out.appendText("<< /Type /Catalog /Pages \(pageTree) 0 R\(archivalEntries) >>")
        }
        // The file's identifier from everything but /Info, so that only /CreationDate follows the date.
        let identifier = ArchivalParts.identifier(writer.bytes)
        writer.object(info) { out in
            out.appendText("<< /Producer (Madoguchi) /CreationDate (\(PDFDateFormat.string(for: document.creationDate)))")
            if let title = document.title {
                // A text string in UTF-16BE with BOM: the only encoding that carries 漢字 exactly.
                out.appendASCII(" /Title <FEFF")
                out.appendUTF16Hex(title.unicodeScalars)
                out.appendASCII(">")
            }
            out.appendASCII(" >>")
        }
        return writer.finish(root: catalog, info: info, id: identifier)
    }
}
