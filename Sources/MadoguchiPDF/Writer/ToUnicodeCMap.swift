/// The /ToUnicode CMap that lets pdftotext, search and copy-paste recover the exact
/// characters written — needed because the codes in the content stream are glyph ids
/// (or, for copies of .notdef, ids of no real character at all).
enum ToUnicodeCMap {
    /// `entries` must be sorted by code; each maps one 2-byte code to the text it stands for.
    static func make(_ entries: [(code: UInt16, text: [Unicode.Scalar])]) -> [UInt8] {
        var cmap: [UInt8] = []
        cmap.reserveCapacity(400 + entries.count * 24)
        cmap.appendASCII("""
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange

            """)
        // A bfchar block may hold at most 100 mappings.
        var start = 0
        while start < entries.count {
            let end = min(start + 100, entries.count)
            cmap.appendInteger(end - start)
            cmap.appendASCII(" beginbfchar\n")
            for entry in entries[start..<end] {
                cmap.append(UInt8(ascii: "<"))
                cmap.appendHex4(entry.code)
                cmap.appendASCII("> <")
                cmap.appendUTF16Hex(entry.text)
                cmap.appendASCII(">\n")
            }
            cmap.appendASCII("endbfchar\n")
            start = end
        }
        cmap.appendASCII("""
            endcmap
            CMapName currentdict /CMap defineresource pop
            end
            end
            """)
        return cmap
    }
}
