import Foundation

/// A parsed glyf-based TrueType font: character mapping, metrics and outlines, ready to
/// measure text and to produce subsets for embedding.
///
/// Parsing IPAex Gothic reads 6 MB and expands its 'cmap', so callers parse once and keep the
/// instance (it is immutable and `Sendable`, safe to share between request handlers).
public final class TrueTypeFont: Sendable {
    public let unitsPerEm: Int
    public let numberOfGlyphs: Int
    /// The PostScript name, reduced to characters a PDF name can hold, e.g. "IPAexGothic".
    public let postScriptName: String
    public let boundingBox: FontBoundingBox
    /// Typographic ascent, descent (negative) and cap height, in font units.
    public let ascent: Int
    public let descent: Int
    public let capHeight: Int
    public let italicAngle: Double
    public let isFixedPitch: Bool

    let characterMap: CharacterMap
    let metrics: HorizontalMetrics
    let locations: GlyphLocations
    let headTable: FontTable
    let hheaTable: FontTable
    let maxpTable: FontTable
    let glyfTable: FontTable
    let postTable: FontTable?
    /// 'cvt ', 'fpgm' and 'prep', when present; copied whole into subsets.
    let hintingTables: [String: FontTable]

    /// Parses a font file. Throws `TrueTypeFontError` for anything it cannot use; garbage
    /// input never traps.
    public init(data: [UInt8]) throws {
        let directory = try TableDirectory(file: data)
        headTable = try directory.table("head")
        hheaTable = try directory.table("hhea")
        maxpTable = try directory.table("maxp")
        glyfTable = try directory.table("glyf")
        let header = try FontHeader(headTable)
        let horizontalHeader = try HorizontalHeader(hheaTable)
        numberOfGlyphs = Int(try maxpTable.uint16(4))
        guard numberOfGlyphs >= 1 else { throw TrueTypeFontError.invalid("'maxp' says the font has no glyphs") }
        locations = try GlyphLocations(try directory.table("loca"), format: header.indexToLocFormat,
                                       numberOfGlyphs: numberOfGlyphs, glyfLength: glyfTable.length)
        metrics = try HorizontalMetrics(try directory.table("hmtx"), numberOfHMetrics: horizontalHeader.numberOfHMetrics,
                                        numberOfGlyphs: numberOfGlyphs)
        characterMap = try CharacterMap(try directory.table("cmap"), numberOfGlyphs: numberOfGlyphs)
        postTable = directory.optionalTable("post")
        var hinting: [String: FontTable] = [:]
        for tag in ["cvt ", "fpgm", "prep"] { hinting[tag] = directory.optionalTable(tag) }
        hintingTables = hinting

        unitsPerEm = header.unitsPerEm
        boundingBox = header.boundingBox
        let lineMetrics = FontLineMetrics(os2: directory.optionalTable("OS/2"), horizontalHeader: horizontalHeader)
        ascent = lineMetrics.ascent
        descent = lineMetrics.descent
        capHeight = lineMetrics.capHeight
        let naming = FontNaming(name: directory.optionalTable("name"), post: postTable)
        postScriptName = naming.postScriptName
        italicAngle = naming.italicAngle
        isFixedPitch = naming.isFixedPitch
    }

    /// Reads and parses the font file at `path`.
    public convenience init(contentsOfFile path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TrueTypeFontError.unreadableFile(path)
        }
        try self.init(data: [UInt8](data))
    }

    /// The glyph drawing `scalar`, or `nil` when the font lacks it (a 外字, say).
    public func glyphID(for scalar: Unicode.Scalar) -> UInt16? {
        characterMap.glyph(for: scalar)
    }

    /// Advance width of `glyph` in font units; 0 for ids the font does not have.
    public func advance(of glyph: UInt16) -> Int {
        Int(glyph) < numberOfGlyphs ? Int(metrics.advances[Int(glyph)]) : 0
    }

    /// Width of `text` set at `size` points, as the PDF writer will draw it: characters the
    /// font lacks take the width of .notdef, variation selectors take none.
    public func textWidth(_ text: String, size: Double) -> Double {
        var units = 0
        for scalar in text.unicodeScalars where !scalar.isVariationSelector {
            units += advance(of: glyphID(for: scalar) ?? 0)
        }
        return Double(units) * size / Double(unitsPerEm)
    }

    /// A TrueType font for embedding that keeps every glyph id but only the outlines of
    /// `glyphs`, their composite components and .notdef.
    public func subset(glyphs: Set<UInt16>) -> [UInt8] {
        FontSubsetter(font: self).subset(keeping: glyphs.sorted())
    }
}
