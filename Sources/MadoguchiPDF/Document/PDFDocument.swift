import Foundation

/// A printable document: pages of form drawing plus the metadata written into /Info.
///
/// Build the pages, then `render(font:)` once per output. Rendering is deterministic: the
/// same pages, title and `creationDate` give the same bytes.
public struct PDFDocument: Sendable {
    public var pages: [PDFPage] = []
    /// Shown as the window title by viewers, e.g. "住民異動届（転入）".
    public var title: String?
    /// Written as /CreationDate; inject a fixed date for reproducible output.
    public var creationDate: Date
    /// Write PDF/A-2u (for filing) when the fonts allow it: embedded, every character drawn.
    public var archival = false
    /// Whether the last `render(font:)` wrote PDF/A-2u.
    public private(set) var isArchival = false

    /// Characters the last `render(font:)` could not draw with the chosen font or any of its
    /// fallbacks, with how often each occurred. They were printed as .notdef (a box) but still
    /// extract as themselves; callers warn the clerk, since 外字 in names are common. Variation
    /// selectors are listed too: the base character prints, but not the selected form.
    public private(set) var missingCharacters: [Unicode.Scalar: Int] = [:]

    /// `missingCharacters` as a list in code point order, for a message to the clerk.
    public var unprintableCharacters: [Unicode.Scalar] {
        missingCharacters.keys.sorted { $0.value < $1.value }
    }

    public init(title: String? = nil, creationDate: Date = Date()) {
        self.title = title
        self.creationDate = creationDate
    }

    public mutating func append(_ page: PDFPage) {
        pages.append(page)
    }

    /// Adds a page and lets `draw` fill it in.
    public mutating func addPage(size: PDFPageSize = .a4, _ draw: (inout PDFPage) -> Void) {
        var page = PDFPage(size: size)
        draw(&page)
        pages.append(page)
    }

    /// The PDF 1.7 file. Also records `missingCharacters` for this font.
    public mutating func render(font: PDFFontChoice) -> [UInt8] {
        switch font {
        case .embedded(let trueType, let fallbacks):
            var encoder = FallbackFontEncoder(font: trueType, fallbacks: fallbacks)
            var archival = false
            let bytes = DocumentRenderer.render(self, encoder: &encoder, claimedArchival: &archival)
            isArchival = archival
            missingCharacters = encoder.missingCharacters
            return bytes
        case .standardJapanese:
            var encoder = StandardJapaneseEncoder()
            var archival = false
            let bytes = DocumentRenderer.render(self, encoder: &encoder, claimedArchival: &archival)
            isArchival = archival
            missingCharacters = encoder.missingCharacters
            return bytes
        }
    }
}
