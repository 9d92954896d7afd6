import Foundation
import MadoguchiCore
import Vapor

/// `POST /api/v1/guide`: which procedures a life event triggers (`docs/guide-api.md`).
struct GuideAPIController: RouteCollection {
    static let maxBody = 64 * 1024

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "api", "v1", "guide", body: .stream, use: guide)
    }

    /// Answers the procedures of a household's life event, or `400` naming the first wrong field.
    @Sendable func guide(req: Request) async throws -> Response {
        if req.headers.contentType(is: "application", "json") == false {
            throw GuideError(.unsupportedMediaType, "Send the request as JSON with Content-Type: application/json.")
        }
        let body = try await Self.collectBody(req)
        let app = req.madoguchi  // once: each read is a look-up in the application's storage
        let event = try GuideRequestParser(catalog: app.catalog).parse(json: body)
        let findings = app.engine.evaluate(event)
        app.metrics.recordGuideEvaluation(event: event.kind, channel: "api")
        let answer = GuideAnswer(event: event.kind, findings: findings, language: Language(query: req))
        let response = Response(status: .ok, body: .init(buffer: answer.json(allocator: req.byteBufferAllocator)))
        response.headers.contentType = .json
        return response
    }

    /// The body, refused with the API's error shape when it is over 64 KiB or missing.
    static func collectBody(_ req: Request) async throws -> Data {
        let buffer: ByteBuffer?
        do {
            buffer = try await req.body.collect(max: maxBody).get()
        } catch let error as any AbortError where error.status == .payloadTooLarge {
            throw GuideError(.bodyTooLarge, "The body is larger than 64 KiB.")
        }
        guard let buffer, buffer.readableBytes > 0 else { throw GuideError(.invalidJSON, "The body is empty; send a JSON object.") }
        guard buffer.readableBytes <= maxBody else { throw GuideError(.bodyTooLarge, "The body is larger than 64 KiB.") }
        return Data(buffer.readableBytesView)
    }
}

extension GuideError: AbortError {
    public var status: HTTPResponseStatus { .badRequest }
    public var reason: String { message }
}

extension Language {
    /// `?lang=en` (or `easy`) for the API; Japanese otherwise.
    init(query req: Request) {
        let asked = URLEncodedForm.value("lang", inQuery: req.url.query).map(Language.init(rawValue:))
        self = asked.flatMap { [.ja, .en, .easy].contains($0) ? $0 : nil } ?? .ja
    }
}
