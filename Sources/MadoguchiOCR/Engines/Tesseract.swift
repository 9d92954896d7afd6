#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Tesseract's C API (`tesseract/capi.h`), loaded at run time with `dlopen` so that building Madoguchi needs only
/// Swift: an installation without Tesseract runs everything else, and the paper door says what to install.
///
/// One `Tesseract` is one initialised engine (0.15–0.2 s to start, not thread-safe): callers keep it and use it
/// from one task at a time (`TesseractPool`). OpenMP threads are limited to one per engine before it loads
/// (`OMP_THREAD_LIMIT=1`): on a 2-core machine its threads otherwise fight each other and every request.
public final class Tesseract: @unchecked Sendable {
    /// What to install when the engine is missing, in every message that needs it.
    public static let installHint = "apt install tesseract-ocr tesseract-ocr-jpn"
    public static let libraryEnvironmentVariable = "MADOGUCHI_TESSERACT_LIBRARY"

    public enum Unavailable: Error, Sendable, CustomStringConvertible, Equatable {
        case libraryMissing(tried: [String])
        case symbolMissing(String)
        case languageMissing(String)

        public var description: String {
            switch self {
            case .libraryMissing(let tried):
                "Tesseract is not installed (tried \(tried.joined(separator: ", "))). Install it with: \(Tesseract.installHint)"
            case .symbolMissing(let name): "The Tesseract library lacks \(name): install Tesseract 4 or 5 (\(Tesseract.installHint))."
            case .languageMissing(let language):
                "Tesseract has no '\(language)' data. Install it with: \(Tesseract.installHint)"
            }
        }
    }

    /// Page segmentation: one character (a one-character box), one line (an open box).
    public enum Segmentation: Int32, Sendable {
        case singleLine = 7
        case singleCharacter = 10
    }

    private let api: API
    private let handle: OpaquePointer

    public init(language: String = "jpn") throws(Unavailable) {
        setenv("OMP_THREAD_LIMIT", "1", 0)
        api = try API.load()
        guard let handle = api.create() else { throw .languageMissing(language) }
        guard api.initialise(handle, nil, language) == 0 else {
            api.delete(handle)
            throw .languageMissing(language)
        }
        self.handle = handle
        _ = api.setVariable(handle, "debug_file", "/dev/null")  // it prints parameter warnings to stderr otherwise
    }

    deinit {
        api.end(handle)
        api.delete(handle)
    }

    /// The text in an image and Tesseract's mean confidence (0…1); `allowed` restricts the characters it may answer
    /// (empty: any).
    public func read(_ image: GrayImage, as segmentation: Segmentation, allowed: String = "", dpi: Int = 300) -> (text: String, confidence: Double) {
        api.setPageSegMode(handle, segmentation.rawValue)
        _ = api.setVariable(handle, "tessedit_char_whitelist", allowed)
        image.pixels.withUnsafeBufferPointer { buffer in
            api.setImage(handle, buffer.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
        }
        api.setSourceResolution(handle, Int32(dpi))
        guard let text = api.getUTF8Text(handle) else { return ("", 0) }
        defer { api.deleteText(text) }
        let confidence = Double(api.meanTextConf(handle)) / 100
        api.clear(handle)
        return (String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines), max(0, confidence))
    }

    /// Each character read in an image, with its own confidence (0…1): the mean of a line hides the one doubtful
    /// character staff should look at.
    public func symbols(_ image: GrayImage, as segmentation: Segmentation, allowed: String = "", dpi: Int = 300) -> [(character: String, confidence: Double)] {
        api.setPageSegMode(handle, segmentation.rawValue)
        _ = api.setVariable(handle, "tessedit_char_whitelist", allowed)
        image.pixels.withUnsafeBufferPointer { buffer in
            api.setImage(handle, buffer.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
        }
        api.setSourceResolution(handle, Int32(dpi))
        defer { api.clear(handle) }
        guard api.recognize(handle, nil) == 0, let iterator = api.getIterator(handle) else { return [] }
        defer { api.iteratorDelete(iterator) }
        let symbol: Int32 = 4  // RIL_SYMBOL
        var found: [(String, Double)] = []
        repeat {
            guard let text = api.iteratorText(iterator, symbol) else { continue }
            let character = String(cString: text)
            api.deleteText(text)
            if !character.trimmingCharacters(in: .whitespaces).isEmpty {
                found.append((character, Double(api.iteratorConfidence(iterator, symbol)) / 100))
            }
        } while api.iteratorNext(iterator, symbol) != 0
        return found
    }

    /// The functions, resolved once per process.
    struct API: @unchecked Sendable {
        let create: @convention(c) () -> OpaquePointer?
        let initialise: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
        let setVariable: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
        let setPageSegMode: @convention(c) (OpaquePointer?, Int32) -> Void
        let setImage: @convention(c) (OpaquePointer?, UnsafePointer<UInt8>?, Int32, Int32, Int32, Int32) -> Void
        let setSourceResolution: @convention(c) (OpaquePointer?, Int32) -> Void
        let getUTF8Text: @convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?
        let meanTextConf: @convention(c) (OpaquePointer?) -> Int32
        let deleteText: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void
        let clear: @convention(c) (OpaquePointer?) -> Void
        let end: @convention(c) (OpaquePointer?) -> Void
        let delete: @convention(c) (OpaquePointer?) -> Void
        let recognize: @convention(c) (OpaquePointer?, OpaquePointer?) -> Int32
        let getIterator: @convention(c) (OpaquePointer?) -> OpaquePointer?
        let iteratorText: @convention(c) (OpaquePointer?, Int32) -> UnsafeMutablePointer<CChar>?
        let iteratorConfidence: @convention(c) (OpaquePointer?, Int32) -> Float
        let iteratorNext: @convention(c) (OpaquePointer?, Int32) -> Int32
        let iteratorDelete: @convention(c) (OpaquePointer?) -> Void

        static let names = ["libtesseract.so.5", "libtesseract.so.4", "libtesseract.so"]

        nonisolated(unsafe) private static var loaded: Result<API, Unavailable>?
        private static let lock = NSLock()

        static func load() throws(Unavailable) -> API {
            lock.lock()
            defer { lock.unlock() }
            if let loaded { return try loaded.get() }
            let result = Result<API, Unavailable> { () throws(Unavailable) -> API in try open() }
            loaded = result
            return try result.get()
        }

        private static func open() throws(Unavailable) -> API {
            let candidates = ProcessInfo.processInfo.environment[Tesseract.libraryEnvironmentVariable].map { [$0] } ?? names
            guard let library = DynamicLibrary(candidates) else { throw .libraryMissing(tried: candidates) }
            func symbol<T>(_ name: String, _ type: T.Type) throws(Unavailable) -> T {
                guard let function = library.symbol(name, as: type) else { throw .symbolMissing(name) }
                return function
            }
            return API(
                create: try symbol("TessBaseAPICreate", (@convention(c) () -> OpaquePointer?).self),
                initialise: try symbol("TessBaseAPIInit3", (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32).self),
                setVariable: try symbol("TessBaseAPISetVariable", (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32).self),
                setPageSegMode: try symbol("TessBaseAPISetPageSegMode", (@convention(c) (OpaquePointer?, Int32) -> Void).self),
                setImage: try symbol("TessBaseAPISetImage", (@convention(c) (OpaquePointer?, UnsafePointer<UInt8>?, Int32, Int32, Int32, Int32) -> Void).self),
                setSourceResolution: try symbol("TessBaseAPISetSourceResolution", (@convention(c) (OpaquePointer?, Int32) -> Void).self),
                getUTF8Text: try symbol("TessBaseAPIGetUTF8Text", (@convention(c) (OpaquePointer?) -> UnsafeMutablePointer<CChar>?).self),
                meanTextConf: try symbol("TessBaseAPIMeanTextConf", (@convention(c) (OpaquePointer?) -> Int32).self),
                deleteText: try symbol("TessDeleteText", (@convention(c) (UnsafeMutablePointer<CChar>?) -> Void).self),
                clear: try symbol("TessBaseAPIClear", (@convention(c) (OpaquePointer?) -> Void).self),
                end: try symbol("TessBaseAPIEnd", (@convention(c) (OpaquePointer?) -> Void).self),
                delete: try symbol("TessBaseAPIDelete", (@convention(c) (OpaquePointer?) -> Void).self),
                recognize: try symbol("TessBaseAPIRecognize", (@convention(c) (OpaquePointer?, OpaquePointer?) -> Int32).self),
                getIterator: try symbol("TessBaseAPIGetIterator", (@convention(c) (OpaquePointer?) -> OpaquePointer?).self),
                iteratorText: try symbol("TessResultIteratorGetUTF8Text", (@convention(c) (OpaquePointer?, Int32) -> UnsafeMutablePointer<CChar>?).self),
                iteratorConfidence: try symbol("TessResultIteratorConfidence", (@convention(c) (OpaquePointer?, Int32) -> Float).self),
                iteratorNext: try symbol("TessResultIteratorNext", (@convention(c) (OpaquePointer?, Int32) -> Int32).self),
                iteratorDelete: try symbol("TessResultIteratorDelete", (@convention(c) (OpaquePointer?) -> Void).self))
        }
    }
}

/// Tesseract as a line recognizer. One engine serves one task at a time (it is not thread-safe), hence the lock.
public final class TesseractLineRecognizer: LineRecognizer, @unchecked Sendable {
    public let name = "tesseract"
    private let engine: Tesseract
    private let lock = NSLock()

    public init(language: String = "jpn") throws(Tesseract.Unavailable) {
        engine = try Tesseract(language: language)
    }

    public func read(_ image: GrayImage, allowed: Set<Character>?) -> [(character: Character, confidence: Double)] {
        lock.lock()
        defer { lock.unlock() }
        let whitelist = allowed.map { String($0.sorted()) } ?? ""
        return engine.symbols(image, as: .singleLine, allowed: whitelist).compactMap { symbol in
            symbol.character.count == 1 ? (symbol.character.first!, symbol.confidence) : nil
        }
    }
}
