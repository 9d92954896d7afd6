extension QRCode {
    /// The symbol as a standalone SVG document for the citizen's web page.
    ///
    /// One `<path>` covers all dark modules, one rectangle per horizontal run, in module units via
    /// `viewBox`, so the file stays small and scales without blur. `shape-rendering="crispEdges"` keeps
    /// browsers from anti-aliasing module edges, which scanners dislike. `title` becomes the `<title>`
    /// (the accessible name screen readers announce), XML-escaped.
    /// - Parameters:
    ///   - title: accessible name, e.g. "受付番号 K7QM-3TXA の QR コード".
    ///   - moduleSize: pixel width/height of a module for the `width`/`height` attributes, clamped to 1...40.
    ///   - quietZone: light border in modules, clamped to 0...16 (scanners want 4).
    public func svg(title: String = "QR code", moduleSize: Int = 8, quietZone: Int = 4) -> String {
        let scale = Raster.clampedModuleSize(moduleSize)
        let border = Raster.clampedQuietZone(quietZone)
        let extent = size + 2 * border
        let pixels = extent * scale

        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard self[x, y] else { x += 1; continue }
                let start = x
                while x < size && self[x, y] { x += 1 }
                let run = x - start
                path += "M\(start + border) \(y + border)h\(run)v1h-\(run)z"
            }
        }

        return """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(pixels)" height="\(pixels)" \
            viewBox="0 0 \(extent) \(extent)" shape-rendering="crispEdges" role="img">\
            <title>\(Self.xmlEscaped(title))</title>\
            <rect width="\(extent)" height="\(extent)" fill="#fff"/>\
            <path fill="#000" d="\(path)"/></svg>
            """
    }

    /// Escapes the five XML special characters so any title is safe inside the document.
    static func xmlEscaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }
}
