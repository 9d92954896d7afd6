import Fluent
import Foundation
import SQLKit
@testable import MadoguchiServer
import Testing
import Vapor
import VaporTesting

@Suite struct PlatformTests {
    @Test func healthReportsTheDatabaseAndTheCatalogVersion() async throws {
        try await withMadoguchi { app in
            let response = try await app.testing().sendRequest(.GET, "/healthz")
            #expect(response.status == .ok)
            let body = try json(response)
            #expect(body["status"] as? String == "ok")
            #expect(body["catalogVersion"] as? String == app.madoguchi.catalog.version)
        }
    }

    /// With MADOGUCHI_TEST_POSTGRES_URL the tests really run on PostgreSQL, otherwise on SQLite.
    @Test func theTestsUseTheDatabaseTheyWereGiven() async throws {
        try await withMadoguchi { app in
            let sql = try #require(app.db as? any SQLDatabase)
            if TestDatabase.postgresURL != nil {
                let row = try #require(try await sql.raw("SELECT version() AS v").first())
                #expect(try row.decode(column: "v", as: String.self).hasPrefix("PostgreSQL"))
            } else {
                let row = try #require(try await sql.raw("SELECT sqlite_version() AS v").first())
                #expect(try !row.decode(column: "v", as: String.self).isEmpty)
            }
        }
    }

    @Test func startingRecordsTheCatalogVersionOnce() async throws {
        try await withMadoguchi { app in
            // setup: prepare ran once in withMadoguchi; run it again as a second start would.
            try await prepare(app)
            // validate
            let rows = try await CatalogVersion.query(on: app.db).filter(\.$version == app.madoguchi.catalog.version).all()
            #expect(rows.count == 1)
            #expect(rows.first?.procedures == app.madoguchi.catalog.procedures.count)
        }
    }

    @Test func metricsCountRequestsAndGuideEvaluations() async throws {
        try await withMadoguchi { app in
            _ = try await app.postGuide(GuideAPITests.familyOfFour)
            _ = try await app.postGuide("{")
            let response = try await app.testing().sendRequest(.GET, "/metrics")
            #expect(response.status == .ok)
            let text = response.body.string
            #expect(text.contains(#"madoguchi_guide_evaluations_total{event="move-in",channel="api"} 1"#))
            #expect(text.contains(#"madoguchi_http_requests_total{method="POST",route="/api/v1/guide",status="200"} 1"#))
            #expect(text.contains(#"madoguchi_http_requests_total{method="POST",route="/api/v1/guide",status="400"} 1"#))
            #expect(text.contains("madoguchi_http_request_duration_seconds_bucket"))
        }
    }

    /// The benchmark's HTTP ceiling: absent in service, n bytes of nothing when `MADOGUCHI_BENCH_ROUTES=1`.
    @Test func theBenchmarksNoWorkRoutesAreServedOnlyWhenAskedFor() async throws {
        try await withMadoguchi { app in
            let absent = try await app.testing().sendRequest(.GET, "/bench/bytes/10")
            #expect(absent.status == .notFound)
        }
        try await withMadoguchi(settings: { $0.benchRoutes = true }) { app in
            let get = try await app.testing().sendRequest(.GET, "/bench/bytes/9000")
            #expect(get.status == .ok && get.body.readableBytes == 9000)
            let post = try await app.testing().sendRequest(.POST, "/bench/bytes/3", body: ByteBuffer(string: "{\"a\":1}"))
            #expect(post.status == .ok && post.body.string == "xxx")
            let tooLarge = try await app.testing().sendRequest(.GET, "/bench/bytes/\(BenchRoutes.largest + 1)")
            #expect(tooLarge.status == .badRequest)
        }
    }

    @Test func metricsShowTheQueue() async throws {
        try await withMadoguchi { app in
            var kiosk = Kiosk(app)
            _ = try await kiosk.take("section", "ZEIMU")
            _ = try await kiosk.take("section", "ZEIMU")
            let text = try await app.testing().sendRequest(.GET, "/metrics").body.string
            #expect(text.contains(#"madoguchi_queue_waiting{section="ZEIMU"} 2"#), "\(text)")
            #expect(text.contains(#"madoguchi_queue_open_counters{section="ZEIMU"} 0"#))
            #expect(text.contains("madoguchi_queue_live_screens 0"))
        }
    }

    @Test func unknownAPIPathsAnswerJSONAndUnknownPagesAnswerHTML() async throws {
        try await withMadoguchi { app in
            let api = try await app.testing().sendRequest(.GET, "/api/v1/nothing")
            #expect(api.status == .notFound)
            #expect(try apiError(api).code == "not_found")
            let page = try await app.testing().sendRequest(.GET, "/nothing")
            #expect(page.status == .notFound)
            #expect(page.body.string.contains("ページが見つかりません"))
        }
    }

    @Test func pagesCarrySecurityHeaders() async throws {
        try await withMadoguchi { app in
            let response = try await app.testing().sendRequest(.GET, "/guide")
            #expect(response.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true)
            #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
        }
    }

    @Test func aBrokenCatalogStopsTheStartWithFileAndLine() async throws {
        // setup: a copy of the sample catalog with a typo in a condition
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: catalogDirectory, toPath: copy.path)
        let file = copy.appendingPathComponent("events/move-out.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: #"insurance == "national""#, with: #"insurence == "national""#)
            .write(to: file, atomically: true, encoding: .utf8)
        let app = try await Application.make(.testing)
        // MUT
        await #expect {
            try await configure(app, settings: Settings(dataDirectory: copy.path, catalogDirectory: copy.path, database: .sqliteFile(copy.path + "/madoguchi.sqlite")))
        } throws: { error in
            "\(error)".contains("events/move-out.yaml:") && "\(error)".contains("insurence")
        }
        try await app.asyncShutdown()
    }
}
