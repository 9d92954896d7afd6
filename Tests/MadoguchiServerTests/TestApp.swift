import Foundation
import NIOConcurrencyHelpers
@testable import MadoguchiServer
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The database the server tests use: a private SQLite file per test (in the test's data directory), or the
/// PostgreSQL server named by `MADOGUCHI_TEST_POSTGRES_URL` (as `.ci/run` sets it), shared and taken in turn.
enum TestDatabase {
    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["MADOGUCHI_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static func settings(dataDirectory: String) -> Settings.Database {
        postgresURL.map { .postgres(url: $0) } ?? .sqliteFile(dataDirectory + "/madoguchi.sqlite")
    }

    /// The personal-data key of every test instance (a shared PostgreSQL database refuses to make one up).
    static let key = Data((0..<32).map { UInt8($0 * 7 % 256) }).base64EncodedString()

    static let turn = TestTurn()
}

/// Lets one test at a time use the shared PostgreSQL database.
actor TestTurn {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !busy { busy = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}

let catalogDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Catalog").path

/// Runs `body` against a configured, migrated application on the test database.
/// `adjust` changes the settings before the instance is built (its context never changes afterwards).
func withMadoguchi(database: Settings.Database? = nil, dataDirectory: String? = nil, mail: MailSettings? = nil,
                   settings adjust: (inout Settings) -> Void = { _ in },
                   _ body: (Application) async throws -> Void) async throws {
    TestLogs.installed
    let shared = TestDatabase.postgresURL != nil
    if shared { await TestDatabase.turn.acquire() }
    let app = try await Application.make(.testing)
    do {
        let data = dataDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("madoguchi-test-\(UUID().uuidString)").path
        var settings = Settings(dataDirectory: data, catalogDirectory: catalogDirectory,
                                database: database ?? TestDatabase.settings(dataDirectory: data), passwordCost: 4)
        settings.mail = mail
        settings.personalDataKey = TestDatabase.key
        settings.queueAlwaysOpen = true  // tests run at any hour; QueueHoursTests checks the hours
        // The whole suite loads both cores: a probe write may wait its turn longer than production's 3 s.
        settings.healthWriteTimeoutSeconds = 30
        adjust(&settings)
        try await configure(app, settings: settings)
        if shared, database == nil, let sql = app.db as? any SQLDatabase {
            // Each test starts from an empty PostgreSQL database, as each SQLite test does from a new file.
            try await sql.raw("DROP SCHEMA public CASCADE").run()
            try await sql.raw("CREATE SCHEMA public").run()
        }
        try await prepare(app)
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        if shared { await TestDatabase.turn.release() }
        throw error
    }
    try await app.asyncShutdown()
    if shared { await TestDatabase.turn.release() }
}

extension Application {
    /// Posts a JSON text to the guide API.
    func postGuide(_ json: String, query: String = "") async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return try await testing().sendRequest(.POST, "/api/v1/guide" + query, headers: headers, body: ByteBuffer(string: json))
    }

    /// Posts a form as a browser does.
    func postForm(_ path: String, _ fields: [(String, String)]) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }
}

/// The parsed JSON of a response.
func json(_ response: TestingHTTPResponse) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
    return try #require(object as? [String: Any])
}

/// The error object of a `400`.
func apiError(_ response: TestingHTTPResponse) throws -> (code: String, field: String?) {
    let error = try #require(try json(response)["error"] as? [String: Any])
    return (try #require(error["code"] as? String), error["field"] as? String)
}

/// The procedure codes of a `200`.
func codes(_ response: TestingHTTPResponse) throws -> [String] {
    let procedures = try #require(try json(response)["procedures"] as? [[String: Any]])
    return procedures.compactMap { $0["code"] as? String }
}

/// A clock a test moves: now, plus an offset the test sets.
final class TestClock: Sendable {
    private let offset = NIOLockedValueBox<TimeInterval>(0)
    private let fixed = NIOLockedValueBox<Date?>(nil)

    /// The set moment (or the real time) moved on by everything `advance` added.
    var now: @Sendable () -> Date { { [self] in (fixed.withLockedValue { $0 } ?? Date()).addingTimeInterval(offset.withLockedValue { $0 }) } }
    func advance(by seconds: TimeInterval) { offset.withLockedValue { $0 += seconds } }
    func set(_ date: Date) { fixed.withLockedValue { $0 = date } }
}
