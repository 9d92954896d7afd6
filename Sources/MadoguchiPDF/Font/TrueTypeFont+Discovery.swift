import Foundation

extension TrueTypeFont {
    /// Finds and parses IPAex Gothic, the font Madoguchi prints forms with.
    ///
    /// Looks at `$MADOGUCHI_FONT` first (a city may install the font elsewhere or prefer
    /// another glyf-based Japanese font), then the Debian `fonts-ipaexfont` locations, then
    /// any `ipaexg.ttf` under /usr/share/fonts. A candidate that cannot be parsed is skipped.
    /// Returns `nil` when none is usable; callers then print with `.standardJapanese`.
    ///
    /// Parsing takes tens of milliseconds: call this once and keep the result.
    public static func findIPAexGothic(environment: [String: String] = ProcessInfo.processInfo.environment) -> TrueTypeFont? {
        for path in knownIPAexGothicPaths(environment: environment) {
            if let font = try? TrueTypeFont(contentsOfFile: path) { return font }
        }
        // Other distributions and hand installs put it elsewhere; walk only when needed.
        guard let walker = FileManager.default.enumerator(atPath: "/usr/share/fonts") else { return nil }
        while let relative = walker.nextObject() as? String {
            guard relative == "ipaexg.ttf" || relative.hasSuffix("/ipaexg.ttf") else { continue }
            if let font = try? TrueTypeFont(contentsOfFile: "/usr/share/fonts/" + relative) { return font }
        }
        return nil
    }

    /// Finds and parses IPAmj Mincho (Debian `fonts-ipamj-mincho`), the fallback for characters
    /// IPAex lacks: it covers the MJ character set of 戸籍 and 住民票 names, 𠮷 among them.
    ///
    /// Looks at `$MADOGUCHI_FALLBACK_FONT` first, then /usr/share/fonts/truetype/ipamj/ipamjm.ttf,
    /// then any `ipamjm.ttf` under /usr/share/fonts. `nil` when none is usable. The file is 46 MB
    /// and stays in memory: call this once and keep the result.
    public static func findIPAmjMincho(environment: [String: String] = ProcessInfo.processInfo.environment) -> TrueTypeFont? {
        var paths: [String] = []
        if let custom = environment["MADOGUCHI_FALLBACK_FONT"], !custom.isEmpty { paths.append(custom) }
        paths.append("/usr/share/fonts/truetype/ipamj/ipamjm.ttf")
        for path in paths where FileManager.default.fileExists(atPath: path) {
            if let font = try? TrueTypeFont(contentsOfFile: path) { return font }
        }
        guard let walker = FileManager.default.enumerator(atPath: "/usr/share/fonts") else { return nil }
        while let relative = walker.nextObject() as? String {
            guard relative == "ipamjm.ttf" || relative.hasSuffix("/ipamjm.ttf") else { continue }
            if let font = try? TrueTypeFont(contentsOfFile: "/usr/share/fonts/" + relative) { return font }
        }
        return nil
    }

    /// The fixed places tried before walking /usr/share/fonts, in order.
    static func knownIPAexGothicPaths(environment: [String: String]) -> [String] {
        var paths: [String] = []
        if let custom = environment["MADOGUCHI_FONT"], !custom.isEmpty { paths.append(custom) }
        paths.append("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")
        paths.append("/usr/share/fonts/truetype/ipaexfont-gothic/ipaexg.ttf")
        return paths.filter { FileManager.default.fileExists(atPath: $0) }
    }
}
