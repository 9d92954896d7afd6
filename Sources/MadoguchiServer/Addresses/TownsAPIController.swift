import Foundation
import MadoguchiCore
import Vapor

/// `GET /api/v1/towns`: the municipality's 都道府県, name and 町字 (`towns.yaml`), so that a form fills an address
/// in the city from a postcode. Public data (the ABR publishes it), the same for every caller, cached by browsers
/// for an hour and answered once per catalog version.
struct TownsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "towns", use: towns)
    }

    struct Answer: Content {
        struct Item: Content {
            let id, name, kana, postcode, addressing: String
        }
        let prefecture: String
        let city: String
        let towns: [Item]
    }

    @Sendable func towns(req: Request) async throws -> Response {
        let catalog = req.madoguchi.catalog
        guard let local = catalog.localAddresses else {
            throw Abort(.notFound, reason: "The catalog does not say where the municipality is (prefecture: in municipality.yaml).")
        }
        let tag = "\"towns-\(catalog.version)\""
        if req.headers.first(name: .ifNoneMatch) == tag { return Response(status: .notModified, headers: ["ETag": tag]) }
        let answer = Answer(prefecture: local.prefecture.rawValue, city: local.city, towns: local.towns.towns.map {
            Answer.Item(id: $0.id, name: $0.name, kana: $0.kana, postcode: $0.postcode.digits, addressing: $0.addressing.rawValue)
        })
        let response = try await answer.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        response.headers.replaceOrAdd(name: .eTag, value: tag)
        return response
    }
}
