import Fluent
import Foundation
import Vapor

/// `/t/{token}`: a citizen's ticket, live; `/display`: the board; their event streams.
struct TicketController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("t", ":token", use: page)
        routes.get("t", ":token", "live", use: ticketLive)
        routes.get("display", use: board)
        routes.get("queue", "live", use: boardLive)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let state = try await req.madoguchi.queueHub.current(on: req.db)
        let ticket = state.tickets[token]
        return TicketPageView.render(token: token, ticket: ticket, PageContext(request: req)).response(status: ticket == nil ? .notFound : .ok)
    }

    @Sendable func ticketLive(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        return LiveStream.response(req) { state, event in state.writeTicket(token, into: &event) }
    }

    @Sendable func board(req: Request) async throws -> Response {
        let state = try await req.madoguchi.queueHub.current(on: req.db)
        return BoardView.render(state: state, PageContext(request: req)).response()
    }

    @Sendable func boardLive(req: Request) async throws -> Response {
        // Encoded once per state for every board (`boardJSON`): a thousand boards encoding it each took a fifth of
        // the server's time in a live call.
        return LiveStream.response(req) { state, event in event.writeBytes(state.boardJSON) }
    }
}
