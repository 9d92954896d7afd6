import AsyncHTTPClient
import Foundation
import NIOCore

/// The test core system (`Tests/HandoffTarget/flaky_target.py`) run as its own process on loopback: it checks
/// every signature by its own reading of the Standard Webhooks rules and applies each hand-off once by its id.
final class CoreSystemTarget: @unchecked Sendable {
    struct State: Decodable {
        let applied: [String]
        let orderViolations: [[String: AnyCodable]]
        let received: Int
        let dropped: Int
        let late: Int
        let replayed: Int
        let duplicates: Int
        let bad_signatures: Int
    }

    struct AnyCodable: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    let process: Process
    let port: Int
    private let input = Pipe()
    var hooks: String { "http://127.0.0.1:\(port)/hooks" }
    var gone: String { "http://127.0.0.1:\(port)/gone" }
    var stall: String { "http://127.0.0.1:\(port)/stall" }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("HandoffTarget/flaky_target.py").path

    init(drop: Double = 0, late: Double = 0, replay: Double = 0, hold: Double = 1, seed: Int = 1) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script, "--port", "0", "--drop", "\(drop)", "--late", "\(late)", "--replay", "\(replay)",
                             "--hold", "\(hold)", "--seed", "\(seed)", "--exit-with-stdin"]
        let output = Pipe()
        process.standardOutput = output
        // It ends when this pipe closes (the test process ended, however), and it holds none of our output open.
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The first line says the port.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw CocoaError(.fileReadUnknown) }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let number = text.split(separator: "\n").first?.split(separator: " ").last.flatMap({ Int($0) }) else {
            throw CocoaError(.fileReadCorruptFile)
        }
        port = number
    }

    deinit { stop() }

    func stop() {
        if process.isRunning { process.terminate() }
    }

    func configure(secrets: [String]) async throws {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/config")
        request.method = .POST
        request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: ["secrets": secrets])))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        _ = try await response.body.collect(upTo: 1 << 20)
    }

    func state() async throws -> State {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/state"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 64 << 20)
        return try JSONDecoder().decode(State.self, from: Data(buffer: body))
    }
}
