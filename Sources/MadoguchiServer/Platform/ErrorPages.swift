import MadoguchiCore
import Vapor

/// Turns every error into an answer a person or a program can use: the API's JSON error shape under
/// `/api/`, a page elsewhere. Unexpected errors are logged in full and answered without internals.
struct ErrorPages: AsyncMiddleware {
    struct Body: Encodable {
        struct Detail: Encodable {
            let code: String
            let message: String
            let field: String?

            enum CodingKeys: String, CodingKey { case code, message, field }

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(code, forKey: .code)
                try c.encode(message, forKey: .message)
                try c.encode(field, forKey: .field)
            }
        }

        let error: Detail
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let (status, detail) = describe(error, request: request)
            if request.url.path.hasPrefix("/api/") {
                let response = Response(status: status, body: .init(data: try GuideAnswer.encoder.encode(Body(error: detail))))
                response.headers.contentType = .json
                return response
            }
            let page = ErrorPage(status: status, message: detail.message, request: request)
            return page.response()
        }
    }

    private func describe(_ error: any Error, request: Request) -> (HTTPResponseStatus, Body.Detail) {
        switch error {
        case let error as GuideError:
            return (.badRequest, .init(code: error.code.rawValue, message: error.message, field: error.field))
        case let error as any AbortError:
            let code = error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
            return (error.status, .init(code: code, message: error.reason, field: nil))
        default:
            request.logger.report(error: error)
            return (.internalServerError, .init(code: "internal_error", message: "Something went wrong on our side. Please try again.", field: nil))
        }
    }
}
