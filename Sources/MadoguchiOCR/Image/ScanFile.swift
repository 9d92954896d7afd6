import Foundation

/// A file from a scanner, as pages of gray pixels: PDF (each page rendered at 300 dpi by poppler's `pdftoppm`),
/// PNG, JPEG and TIFF (by Leptonica), or PGM. Recognized by its bytes, never by its name.
public enum ScanFile {
    public enum Kind: String, Sendable {
        case pdf, png, jpeg, tiff, pgm
    }

    public enum Unreadable: Error, Sendable, CustomStringConvertible, Equatable {
        case unknownKind
        case toolMissing(String)
        case damaged(Kind)
        case tooManyPages(Int)

        public var description: String {
            switch self {
            case .unknownKind: "読み取れるのは PDF・PNG・JPEG・TIFF の画像だけです。"
            case .toolMissing(let hint): "この形式を読むには追加のソフトが必要です：\(hint)"
            case .damaged(let kind): "\(kind.rawValue.uppercased()) ファイルが壊れているか、画像がありません。"
            case .tooManyPages(let count): "1つのファイルは\(ScanFile.maxPages)ページまでです（\(count)ページ）。"
            }
        }
    }

    public static let maxPages = 50

    public static func kind(of bytes: [UInt8]) -> Kind? {
        func starts(_ prefix: [UInt8]) -> Bool { bytes.count >= prefix.count && Array(bytes.prefix(prefix.count)) == prefix }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if starts(Array("P5".utf8)) { return .pgm }
        return nil
    }

    public static func pages(_ bytes: [UInt8]) throws(Unreadable) -> [GrayImage] {
        guard let kind = kind(of: bytes) else { throw .unknownKind }
        let pages: [GrayImage]
        switch kind {
        case .pgm:
            guard let image = try? PGM.read(bytes) else { throw .damaged(.pgm) }
            pages = [image]
        case .pdf:
            pages = try rendered(bytes)
        case .png, .jpeg, .tiff:
            guard let decoded = Leptonica.pages(bytes, tiff: kind == .tiff) else { throw .toolMissing("apt install liblept5 (it comes with tesseract-ocr)") }
            pages = decoded
        }
        guard !pages.isEmpty else { throw .damaged(kind) }
        guard pages.count <= maxPages else { throw .tooManyPages(pages.count) }
        return pages
    }

    public static let pdftoppm = "/usr/bin/pdftoppm"

    /// Every page of a PDF (at most `maxPages` + 1, to tell a file over the limit) in gray at `dpi`.
    static func rendered(_ pdf: [UInt8], dpi: Int = 300) throws(Unreadable) -> [GrayImage] {
        let tool = pdftoppm
        guard FileManager.default.isExecutableFile(atPath: tool) else { throw .toolMissing("apt install poppler-utils") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-scan-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data(pdf).write(to: folder.appendingPathComponent("scan.pdf"))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = ["-r", String(dpi), "-gray", "-l", String(maxPages + 1), folder.appendingPathComponent("scan.pdf").path,
                                 folder.appendingPathComponent("page").path]
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".pgm") }.sorted()
            return try names.map { name in try PGM.read(Array(try Data(contentsOf: folder.appendingPathComponent(name)))) }
        } catch {
            throw .damaged(.pdf)
        }
    }
}
