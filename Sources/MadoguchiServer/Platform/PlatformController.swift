import Fluent
import SQLKit
import Vapor

/// Operations endpoints: health, metrics and the API description.
struct PlatformController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("healthz", use: health)
        routes.get("metrics", use: metrics)
        routes.get("openapi.yaml", use: openAPI)
    }

    struct Health: Content {
        let status: String
        /// `ok` or `unreachable`: a read answers.
        let database: String
        /// `ok`, or why a write does not commit (disk full, read-only filesystem, a jammed write queue).
        let writes: String
        let catalogVersion: String
    }

    /// `200` when the database answers a read and a write commits (checked at most every two seconds), `503`
    /// when either fails: for load balancers and monitoring.
    @Sendable func health(req: Request) async throws -> Response {
        var databaseOK = false
        if let sql = req.db as? any SQLDatabase {
            databaseOK = (try? await sql.raw("SELECT 1 AS ok").first()) != nil
        }
        let writes = await req.madoguchi.writePath.outcome(req.application)
        let healthy = databaseOK && writes == .ok
        let writesText: String
        switch writes {
        case .ok: writesText = "ok"
        case .failing(let reason): writesText = "failing: \(reason)"
        }
        let body = Health(status: healthy ? "ok" : "unavailable", database: databaseOK ? "ok" : "unreachable",
                          writes: writesText, catalogVersion: req.madoguchi.catalog.version)
        let response = try await body.encodeResponse(for: req)
        response.status = healthy ? .ok : .serviceUnavailable
        response.headers.cacheControl = .init(noStore: true)
        return response
    }

    /// Prometheus text format.
    @Sendable func metrics(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        let hub = req.madoguchi.queueHub
        if let state = try? await hub.current(on: req.db) { req.madoguchi.metrics.recordQueue(state, screens: hub.subscriberCount, builds: hub.buildCount) }
        return Response(status: .ok, headers: headers, body: .init(string: req.madoguchi.metrics.exposition()))
    }

    /// The OpenAPI 3.1 description of the JSON API.
    @Sendable func openAPI(req: Request) async throws -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "yaml", parameters: ["charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: OpenAPIDocument.yaml))
    }
}
