import ArgumentParser
import Foundation
import MadoguchiCore
import MadoguchiOCR
import MadoguchiPDF

/// `madoguchi paper …`: the paper door's tools.
struct Paper: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Paper forms read by OCR (the paper door).", subcommands: [PaperRead.self, PaperBench.self, PaperSample.self])
}

/// `madoguchi paper read FILE`: reads a scan (PDF, PNG, JPEG, TIFF, PGM; every page) as the paper door does and
/// prints what it read as JSON: the form and print job from the QR code, each zone's value, status and confidence,
/// or why a page goes to the manual queue. Exit status 0 read, 1 nothing could be read, 2 the file is unreadable.
struct PaperRead: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "read", abstract: "Read a scanned paper form and print the fields as JSON.")

    @Option(help: "The catalog folder.")
    var catalog: String = "Catalog"

    @Option(help: "The engine for digits, katakana and kanji: ppocrv5, tesseract or none (tick boxes only).")
    var engine: String = "ppocrv5"

    @Argument(help: "The scan.")
    var file: String

    func run() async throws {
        let loaded: Catalog
        do { loaded = try CatalogLoader.load(directory: catalog) } catch { throw ValidationError("\(error)") }
        guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("Cannot read \(file).") }
        let pages: [GrayImage]
        do { pages = try ScanFile.pages(Array(data)) } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        let recognizer: (any LineRecognizer)?
        switch engine {
        case "none": recognizer = nil
        case "tesseract": recognizer = try? TesseractLineRecognizer()
        default: recognizer = try? PPOCRRecognizer()
        }
        if engine != "none", recognizer == nil {
            FileHandle.standardError.write(Data("No OCR engine (\(engine)): \(OnnxRuntime.installHint); reading tick boxes only.\n".utf8))
        }
        let reader = PageReader(forms: loaded.paperForms, engine: recognizer, names: loaded.nameReadings)
        var output: [[String: Any]] = []
        var anyRead = false
        for (index, image) in pages.enumerated() {
            let reading = reader.read(image)
            var page: [String: Any] = ["page": index + 1, "seconds": (reading.seconds * 1000).rounded() / 1000]
            switch reading.outcome {
            case .manual(let reason):
                page["manual"] = reason
            case .read(let label, let readings):
                anyRead = true
                page["form"] = label.form
                page["version"] = label.version
                page["job"] = label.job
                page["fields"] = readings.map { reading -> [String: Any] in
                    ["zone": reading.zone, "value": reading.value, "status": reading.status.rawValue,
                     "confidence": (reading.confidence * 1000).rounded() / 1000]
                }
            }
            output.append(page)
        }
        let json = try JSONSerialization.data(withJSONObject: ["file": file, "pages": output], options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: json, as: UTF8.self))
        if !anyRead { throw ExitCode(1) }
    }
}

/// `madoguchi paper bench`: fills a paper form of the catalog with random values in several fonts (handwriting-like
/// ones when installed), rasterizes it with poppler at 200 or 300 dpi, damages it as scans are damaged (turned up to
/// ±5°, perspective, blur, specks), reads it back and prints accuracy per kind of field (exact per field, blank
/// fields apart, wrong-but-accepted), the share of pages aligned, and seconds per page — beside Tesseract's own
/// command-line tool on the same pages. Build with `-c release` for meaningful times.
struct PaperBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Measure reading accuracy and speed on generated scans.")

    @Option(help: "The catalog folder.")
    var catalog: String = "Catalog"

    @Option(help: "The paper form to fill (an id in the catalog's paper/ folder).")
    var form: String = "jidoteate-nintei"

    @Option(help: "How many pages.")
    var pages: Int = 20

    @Option(help: "The engine: ppocrv5 or tesseract.")
    var engine: String = "ppocrv5"

    @Option(help: "Seed of the values and the damage (the same seed gives the same pages).")
    var seed: UInt64 = 1

    @Flag(help: "Print every field read wrong (accepted or not), not only the wrong ones accepted.")
    var showErrors = false

    @Flag(help: "Read without the name dictionary's spellings of small and large kana (the test names come from it, so with it the katakana figure is an upper bound).")
    var withoutNameReadings = false

    @Flag(help: "Also time Tesseract's command-line tool (tesseract page.pgm - -l jpn --psm 6) on every page.")
    var compareCLI = false

    static let fontFiles = [
        "/usr/share/fonts/truetype/kiloji/kiloji.ttf", "/usr/share/fonts/truetype/seto/setofont.ttf",
        "/usr/share/fonts/truetype/yozvox-yozfont/YOzRNXF.ttf", "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
        "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
    ]

    func run() async throws {
        let loaded: Catalog
        do { loaded = try CatalogLoader.load(directory: catalog) } catch { throw ValidationError("\(error)") }
        guard let paper = loaded.paperForms[form] else { throw ValidationError("No paper form '\(form)' in \(catalog)/paper/.") }
        let recognizer: any LineRecognizer
        do {
            recognizer = engine == "tesseract" ? try TesseractLineRecognizer() : try PPOCRRecognizer()
        } catch {
            throw ValidationError("\(error)")
        }
        let fonts = Self.fontFiles.compactMap { path -> (String, TrueTypeFont)? in
            guard let data = FileManager.default.contents(atPath: path), let font = try? TrueTypeFont(data: Array(data)) else { return nil }
            return (URL(fileURLWithPath: path).lastPathComponent, font)
        }
        guard !fonts.isEmpty else { throw ValidationError("No Japanese font installed (apt install fonts-ipaexfont; for handwriting-like ones fonts-kiloji fonts-seto fonts-yozvox-yozfont).") }
        print("Paper bench: \(pages) pages of \(form), engine \(recognizer.name), fonts \(fonts.map(\.0).joined(separator: ", "))")
        var random = SeededRandom(seed: seed)
        var figures = ReadingFigures()
        var cliSeconds = 0.0, renderSeconds = 0.0, decodeSeconds = 0.0, imageSeconds = 0.0, jpegPages = 0
        var wrong: [String] = []
        let clock = ContinuousClock()
        for index in 0..<pages {
            let values = SyntheticValues(form: paper, names: loaded.nameReadings, random: &random)
            let (fontName, font) = fonts[index % fonts.count]
            let dpi = index % 2 == 0 ? 300 : 200
            let damage = SyntheticScans.Damage(degrees: Double(Int(random.next() % 1001) - 500) / 100, keystone: Double(random.next() % 16) / 1000,
                                               blur: random.next() % 3 == 0, noise: Double(random.next() % 11) / 1000, seed: random.next())
            let pdf = try SyntheticScans.pdf(paper, values: values.written, font: font)
            let rendering = clock.now
            let scan = try SyntheticScans.raster(pdf, dpi: dpi)
            renderSeconds += (clock.now - rendering).seconds
            var (damaged, _) = SyntheticScans.damage(scan, dpi: dpi, damage)
            // Every third page comes as a JPEG at quality 75 (its blocks and ringing); the others as a PNG file. Each is
            // decoded as the door decodes it.
            let file: [UInt8]
            if index % 3 == 2, let jpegged = SyntheticScans.jpegged(damaged, quality: 75) {
                (damaged, file) = jpegged
                jpegPages += 1
            } else {
                file = damaged.png()
            }
            let decoding = clock.now
            _ = try ScanFile.pages(file)
            decodeSeconds += (clock.now - decoding).seconds
            figures.pages += 1
            let started = clock.now
            guard case .success(let page) = AlignedPage.align(damaged) else {
                print("page \(index + 1): not aligned (\(damage))")
                continue
            }
            figures.aligned += 1
            let reader = ZoneReader(page: page, engine: recognizer, names: withoutNameReadings ? .empty : loaded.nameReadings)
            for zone in paper.zones {
                let reading = reader.read(zone)
                let expected = values.expected[zone.id] ?? ""
                figures.count(zone, reading, expected: expected)
                if reading.value != expected, showErrors || reading.status == .accepted {
                    wrong.append("[\(reading.status.rawValue)] " + "page \(index + 1) (\(fontName), \(dpi) dpi): \(zone.id) read \(reading.value) for \(expected) at \(reading.confidence)")
                }
            }
            figures.readSeconds += (clock.now - started).seconds
            // What the door keeps for a person: the page upright and every zone's cut-out, as PNG.
            let imaging = clock.now
            _ = page.upright().png()
            for zone in paper.zones { _ = page.cutout(zone).png() }
            imageSeconds += (clock.now - imaging).seconds
            if compareCLI { cliSeconds += try Self.timeTesseractCLI(damaged) }
        }
        print(figures)
        let perPage = { (seconds: Double) in seconds / Double(max(1, figures.pages)) }
        let read = figures.readSeconds / Double(max(1, figures.aligned))
        print("pages as JPEG (quality 75): \(jpegPages), the others as PNG")
        print(String(format: "per page: scan file (PNG or JPEG) decoded %.2f s, or PDF rendered by pdftoppm %.2f s; read %.2f s; page image and cut-outs %.2f s",
                     perPage(decodeSeconds), perPage(renderSeconds), read, perPage(imageSeconds)))
        print(String(format: "end to end per page: %.2f s from an image scan, %.2f s from a PDF scan",
                     perPage(decodeSeconds) + read + perPage(imageSeconds), perPage(renderSeconds) + read + perPage(imageSeconds)))
        if compareCLI { print(String(format: "tesseract CLI (psm 6, whole page, process start included): %.2f s per page", cliSeconds / Double(max(1, pages)))) }
        for line in wrong.prefix(showErrors ? 200 : 20) { print((showErrors ? "wrong: " : "wrong but accepted: ") + line) }
    }

    static func timeTesseractCLI(_ image: GrayImage) throws -> Double {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-bench-\(UUID().uuidString).pgm")
        try Data(PGM.write(image)).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/tesseract")
        process.arguments = [file.path, "-", "-l", "jpn", "--psm", "6"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_THREAD_LIMIT"] = "1"
        process.environment = environment
        let clock = ContinuousClock(), started = clock.now
        try process.run()
        process.waitUntilExit()
        return (clock.now - started).seconds
    }
}

/// `madoguchi paper sample FORM --out FILE --value zone=text …`: a form filled as a citizen would, written in a
/// font, as a PDF a scanner could have made — to try the paper door end to end before a real scan is at hand.
struct PaperSample: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sample", abstract: "Write a filled paper form as a PDF, to try the paper door.")

    @Option(help: "The catalog folder.")
    var catalog: String = "Catalog"

    @Argument(help: "The paper form (an id in the catalog's paper/ folder).")
    var form: String

    @Option(help: "Where to write the PDF.")
    var out: String

    @Option(name: .customLong("value"), help: "A zone's value as written: zone=text (a date as S610714, a choice by its value, a tick as on).")
    var values: [String] = []

    @Option(help: "The print job of a blank downloaded from /paper/forms (its QR code's last part), as if that sheet was filled.")
    var job: String?

    func run() async throws {
        let loaded: Catalog
        do { loaded = try CatalogLoader.load(directory: catalog) } catch { throw ValidationError("\(error)") }
        guard let paper = loaded.paperForms[form] else {
            throw ValidationError("No paper form \(form); the catalog has \(loaded.paperForms.keys.sorted().joined(separator: ", ")).")
        }
        var written: [String: String] = [:]
        for value in values {
            let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, paper.zone(parts[0]) != nil else { throw ValidationError("Not a zone of \(form): \(value)") }
            written[parts[0]] = parts[1]
        }
        let printJob = job ?? PaperSheet.Label.newJob()
        guard PaperSheet.Label("MDGP:\(paper.id):\(paper.version):1:\(printJob)") != nil else { throw ValidationError("Not a print job: \(printJob)") }
        let pdf = try SyntheticScans.pdf(paper, values: written, job: printJob)
        try Data(pdf).write(to: URL(fileURLWithPath: out))
    }
}
