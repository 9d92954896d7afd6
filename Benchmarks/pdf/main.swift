// pdfbench: how long MadoguchiPDF takes to produce the ten-page family-of-four move-in
// document (layout.json), IPAex Gothic subset embedded. Compare with reportlab_bench.py,
// which draws the same layout.json.
//
//   swift run -c release pdfbench [--iterations 200] [--warmup 20] [--layout PATH] [--out FILE.pdf]
//                                 [--standard-japanese]   (unembedded HeiseiKakuGo-W5 instead of IPAex)
import Foundation
import MadoguchiPDF

/// One drawing operation of layout.json (top-left origin, points, text y = baseline).
struct LayoutMark: Decodable {
    let kind: String
    var text: String?
    var x: Double?, y: Double?, size: Double?
    var x1: Double?, y1: Double?, x2: Double?, y2: Double?
    var width: Double?, height: Double?, lineWidth: Double?, fill: Double?
    var points: [[Double]]?
}

struct Layout: Decodable {
    let pageWidth: Double
    let pageHeight: Double
    let pages: [[String: [LayoutMark]]]
}

func option(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

let sourceDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
let defaultLayouts = [sourceDirectory + "/layout.json", "Benchmarks/pdf/layout.json"]
guard let layoutPath = option("--layout") ?? defaultLayouts.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
    fail("layout.json not found; pass --layout PATH")
}
let iterations = Int(option("--iterations") ?? "200") ?? 200
let warmup = Int(option("--warmup") ?? "20") ?? 20

guard let layoutData = FileManager.default.contents(atPath: layoutPath),
      let layout = try? JSONDecoder().decode(Layout.self, from: layoutData) else { fail("cannot read \(layoutPath)") }
let fontChoice: PDFFontChoice
if CommandLine.arguments.contains("--standard-japanese") {
    fontChoice = .standardJapanese
} else if let font = TrueTypeFont.findIPAexGothic() {
    fontChoice = .embedded(font)   // parsed once, outside the timed loop, as the server does
} else {
    fail("IPAex Gothic not found: apt-get install fonts-ipaexfont")
}
let size = PDFPageSize(width: layout.pageWidth, height: layout.pageHeight)
let fixedDate = Date(timeIntervalSince1970: 1_775_000_000)

/// Draws layout.json and renders it: what the counter does for every print.
func makeDocument() -> [UInt8] {
    var document = PDFDocument(title: "転入 一式", creationDate: fixedDate)
    document.archival = true  // what a section files: PDF/A-2u
    for marks in layout.pages {
        var page = PDFPage(size: size)
        for mark in marks["marks"] ?? [] {
            switch mark.kind {
            case "text":
                page.text(mark.text ?? "", x: mark.x ?? 0, y: mark.y ?? 0, size: mark.size ?? 10)
            case "line":
                page.line(from: (mark.x1 ?? 0, mark.y1 ?? 0), to: (mark.x2 ?? 0, mark.y2 ?? 0), width: mark.width ?? 0.5)
            case "rect":
                page.rect(x: mark.x ?? 0, y: mark.y ?? 0, width: mark.width ?? 0, height: mark.height ?? 0,
                          lineWidth: mark.lineWidth ?? 0.5, fill: mark.fill)
            case "polyline":
                var points: [(Double, Double)] = []
                for point in mark.points ?? [] where point.count == 2 { points.append((point[0], point[1])) }
                page.polyline(points, width: mark.width ?? 1)
            default:
                fail("unknown mark kind \(mark.kind)")
            }
        }
        document.append(page)
    }
    return document.render(font: fontChoice)
}

var bytes = makeDocument()
if let out = option("--out") {
    guard FileManager.default.createFile(atPath: out, contents: Data(bytes)) else { fail("cannot write \(out)") }
}
for _ in 0..<warmup { bytes = makeDocument() }

let clock = ContinuousClock()
var milliseconds: [Double] = []
milliseconds.reserveCapacity(iterations)
for _ in 0..<iterations {
    let start = clock.now
    bytes = makeDocument()
    let elapsed = clock.now - start
    milliseconds.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
}
milliseconds.sort()
func format(_ value: Double) -> String { String(format: "%.3f", value) }
let mean = milliseconds.reduce(0, +) / Double(max(milliseconds.count, 1))
let median = milliseconds.isEmpty ? 0 : milliseconds[milliseconds.count / 2]
let p99 = milliseconds.isEmpty ? 0 : milliseconds[min(milliseconds.count - 1, Int(Double(milliseconds.count) * 0.99))]
let fontName = if case .embedded = fontChoice { "IPAex Gothic subset embedded" } else { "HeiseiKakuGo-W5, not embedded" }
print("MadoguchiPDF: \(layout.pages.count) pages, \(iterations) renders, \(fontName)")
print("mean \(format(mean)) ms  median \(format(median)) ms  p99 \(format(p99)) ms  bytes \(bytes.count)")
