/// Writes one page's marks as PDF content-stream operators, turning the page's top-left
/// coordinates into PDF's bottom-left ones.
///
/// The buffer is reused from page to page; line width is tracked so that a form's hundreds
/// of rules do not each repeat `w`.
struct ContentStreamWriter {
    private(set) var bytes: [UInt8] = []
    private var lineWidth = 1.0

    init() {
        bytes.reserveCapacity(16_384)
    }

    mutating func write<Encoder: GlyphEncoder>(_ page: PDFPage, encoder: inout Encoder) {
        bytes.removeAll(keepingCapacity: true)
        lineWidth = 1.0 // the PDF default at the start of every content stream
        let height = page.size.height
        for mark in page.marks {
            switch mark {
            case let .text(string, x, y, size):
                guard !string.isEmpty else { continue }
                let font = encoder.firstFont(for: string)
                if font == 0 { bytes.appendASCII("BT /F1 ") } else {
                    bytes.appendASCII("BT /F")
                    bytes.appendInteger(font + 1)
                    bytes.append(UInt8(ascii: " "))
                }
                bytes.appendNumber(size)
                bytes.appendASCII(" Tf ")
                point(x, height - y)
                bytes.appendASCII(" Td ")
                encoder.appendShow(string, size: size, font: font, to: &bytes)
                bytes.appendASCII(" ET\n")
            case let .line(x1, y1, x2, y2, width):
                setLineWidth(width)
                point(x1, height - y1)
                bytes.appendASCII(" m ")
                point(x2, height - y2)
                bytes.appendASCII(" l S\n")
            case let .rect(x, y, width, boxHeight, border, fill):
                guard border > 0 || fill != nil else { continue }
                if border > 0 { setLineWidth(border) }
                if let fill {
                    bytes.appendASCII("q ")
                    bytes.appendNumber(min(max(fill, 0), 1))
                    bytes.appendASCII(" g ")
                }
                point(x, height - y - boxHeight)
                bytes.append(UInt8(ascii: " "))
                point(width, boxHeight)
                switch (border > 0, fill != nil) {
                case (true, true): bytes.appendASCII(" re B Q\n")
                case (false, true): bytes.appendASCII(" re f Q\n")
                default: bytes.appendASCII(" re S\n")
                }
            case let .polyline(coordinates, width):
                guard coordinates.count >= 4 else { continue }
                // Round caps and joins inside q/Q: a signature's sharp turns must not spike.
                bytes.appendASCII("q 1 J 1 j ")
                bytes.appendNumber(width)
                bytes.appendASCII(" w ")
                point(coordinates[0], height - coordinates[1])
                bytes.appendASCII(" m")
                var index = 2
                while index + 1 < coordinates.count {
                    bytes.append(UInt8(ascii: " "))
                    point(coordinates[index], height - coordinates[index + 1])
                    bytes.appendASCII(" l")
                    index += 2
                }
                bytes.appendASCII(" S Q\n")
            }
        }
    }

    private mutating func point(_ x: Double, _ y: Double) {
        bytes.appendNumber(x)
        bytes.append(UInt8(ascii: " "))
        bytes.appendNumber(y)
    }

    private mutating func setLineWidth(_ width: Double) {
        guard width != lineWidth else { return }
        lineWidth = width
        bytes.appendNumber(width)
        bytes.appendASCII(" w\n")
    }
}
