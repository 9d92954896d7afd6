@testable import MadoguchiServer
import Testing
import Vapor
import VaporTesting
import Yams

@Suite struct OpenAPIDocumentTests {
    /// Every JSON route the application serves is described, and nothing that is not served.
    @Test func documentedPathsAreExactlyTheServedOnes() async throws {
        try await withMadoguchi { app in
            let document = try #require(try Yams.load(yaml: OpenAPIDocument.yaml) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            let documentable = ["api", "healthz", "metrics", "openapi.yaml"]
            let served = Set(app.routes.all.compactMap { route -> String? in
                // `:id` is written `{id}` in OpenAPI.
                let path = "/" + route.path.map { $0.description.hasPrefix(":") ? "{" + $0.description.dropFirst() + "}" : $0.description }
                    .joined(separator: "/")
                guard let first = route.path.first?.description, documentable.contains(first) else { return nil }
                return "\(route.method.rawValue) \(path)"
            })
            #expect(documented == served)
        }
    }

    @Test func theDocumentIsServed() async throws {
        try await withMadoguchi { app in
            let response = try await app.testing().sendRequest(.GET, "/openapi.yaml")
            #expect(response.status == .ok)
            #expect(response.body.string.hasPrefix("openapi: 3.1.0"))
        }
    }

    /// A procedure in a real answer carries exactly the properties the schema names, and all are required
    /// (the answer always sends them).
    @Test func aProcedureOfARealAnswerMatchesItsSchema() async throws {
        try await withMadoguchi { app in
            let document = try #require(try Yams.load(yaml: OpenAPIDocument.yaml) as? [String: Any])
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let procedure = try #require(schemas["Procedure"] as? [String: Any])
            let required = Set(try #require(procedure["required"] as? [String]))
            let properties = Set(try #require(procedure["properties"] as? [String: Any]).keys)
            let body = try String(contentsOfFile: #filePath.replacingOccurrences(of: "Tests/MadoguchiServerTests/OpenAPIDocumentTests.swift",
                                                                                  with: "Benchmarks/six-member-move-in.json"), encoding: .utf8)
            let answer = try json(try await app.postGuide(body))
            let first = try #require((answer["procedures"] as? [[String: Any]])?.first)
            #expect(Set(first.keys) == properties)
            #expect(required == properties)
        }
    }
}
