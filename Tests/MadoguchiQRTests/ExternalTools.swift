import Foundation

/// Runs the real decoder and other system tools the tests compare against.
enum ExternalTools {
    static let zbarimg = "/usr/bin/zbarimg"
    static let python3 = "/usr/bin/python3"
    static var hasZbar: Bool { FileManager.default.isExecutableFile(atPath: zbarimg) }
    static var hasPython: Bool { FileManager.default.isExecutableFile(atPath: python3) }

    struct Output {
        let status: Int32
        let stdout: Data
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice  // zbarimg complains about D-Bus on headless machines
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: data)
    }

    /// Writes `bytes` to a fresh temporary file, hands its path to `body`, then deletes it.
    static func withTemporaryFile<T>(_ bytes: [UInt8], suffix: String, _ body: (String) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("madoguchi-qr-\(UUID().uuidString).\(suffix)")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }

    /// What zbarimg reads from an image, or nil when it finds no symbol. `--raw` prints the payload and a newline.
    static func zbarDecode(_ image: [UInt8], suffix: String) throws -> String? {
        try withTemporaryFile(image, suffix: suffix) { path in
            let output = try run(zbarimg, ["--raw", "-q", path])
            guard output.status == 0 else { return nil }
            var text = output.text
            if text.hasSuffix("\n") { text.removeLast() }
            return text
        }
    }

    /// The payload bytes exactly as stored, via `-Sbinary`: zbar then skips its character-set guess
    /// (which reads some UTF-8 Japanese without an ECI header as Shift_JIS) and adds no newline.
    static func zbarDecodeBytes(_ image: [UInt8], suffix: String) throws -> [UInt8]? {
        try withTemporaryFile(image, suffix: suffix) { path in
            let output = try run(zbarimg, ["--raw", "-q", "-Sbinary", path])
            guard output.status == 0 else { return nil }
            return [UInt8](output.stdout)
        }
    }
}
