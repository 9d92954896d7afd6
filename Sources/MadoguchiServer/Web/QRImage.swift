import MadoguchiQR

/// A QR code on a page, as inline SVG (no image request, sharp at any size, printable on a receipt).
enum QRImage {
    static func markup(for text: String, title: String) -> Markup {
        guard let code = try? QRCode(text: text) else {
            // Only an over-long text fails; the reference itself is always on the page beside it.
            return Markup()
        }
        return Markup(trusted: code.svg(title: title, moduleSize: 6, quietZone: 4))
    }
}
