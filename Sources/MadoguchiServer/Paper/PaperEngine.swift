import Foundation
import MadoguchiOCR
import NIOPosix
import Synchronization

/// The OCR engine of this server, loaded on first use and kept: PP-OCRv5 through ONNX Runtime, else Tesseract,
/// else none (tick boxes are still read; digits, katakana and kanji then go to a person as 判別不能).
final class PaperEngine: Sendable {
    private let loaded = Mutex<Loaded?>(nil)

    /// The one thread pages are read on, in this process: reading is seconds of CPU, and the application's own
    /// thread pool runs every SQLite query — a scan read there would stall the whole service behind it.
    static let thread: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        return pool
    }()

    struct Loaded: Sendable {
        let recognizer: (any LineRecognizer)?
        /// Why there is no engine, with what to install.
        let missing: String?
    }

    var current: Loaded {
        loaded.withLock { state in
            if let state { return state }
            let made: Loaded
            if let recognizer = try? PPOCRRecognizer() {
                made = Loaded(recognizer: recognizer, missing: nil)
            } else if let tesseract = try? TesseractLineRecognizer() {
                made = Loaded(recognizer: tesseract, missing: "PP-OCRv5 がないため Tesseract で読んでいます（精度が落ちます）。"
                              + "入れるには：\(OnnxRuntime.installHint)")
            } else {
                made = Loaded(recognizer: nil, missing: "OCRエンジンがありません。チェック欄だけを読み、文字は職員の入力になります。"
                              + "入れるには：\(OnnxRuntime.installHint)")
            }
            state = made
            return made
        }
    }
}
