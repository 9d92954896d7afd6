import Foundation
import Logging
import NIOConcurrencyHelpers

/// Every log line the server tests produce, at every level, so a test can prove that something
/// (the raw 個人番号) never reaches a log.
final class TestLogs: Sendable {
    static let shared = TestLogs()
    private let lines = NIOLockedValueBox<[String]>([])

    /// Installs the capturing handler for the whole test process (once; later calls do nothing).
    static let installed: Void = {
        LoggingSystem.bootstrap { label in Handler(label: label, sink: shared) }
    }()

    func append(_ line: String) { lines.withLockedValue { $0.append(line) } }

    var text: String { lines.withLockedValue { $0.joined(separator: "\n") } }

    struct Handler: LogHandler {
        let label: String
        let sink: TestLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?,
                 source: String, file: String, function: String, line: UInt) {
            let all = metadata.merging(extra ?? [:]) { $1 }
            sink.append("\(label) \(level) \(message) \(all)")
        }
    }
}
