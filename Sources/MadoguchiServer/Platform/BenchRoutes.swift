import NIOCore
import Vapor

/// `MADOGUCHI_BENCH_ROUTES=1` only (never in service): the HTTP ceiling the benchmark compares every route with —
/// `GET` and `POST /bench/bytes/{n}` answer n bytes from memory after the same middleware as any page (a POST reads
/// its body first), so that what a route costs beyond HTTP is its ratio to this at the same response size.
struct BenchRoutes: RouteCollection {
    static let largest = 1 << 20

    func boot(routes: any RoutesBuilder) throws {
        let bench = routes.grouped("bench", "bytes")
        bench.get(":n", use: bytes)
        bench.on(.POST, ":n", body: .collect(maxSize: "1mb"), use: bytes)
    }

    @Sendable func bytes(req: Request) async throws -> Response {
        guard let n = req.parameters.get("n", as: Int.self), (0...Self.largest).contains(n) else {
            throw Abort(.badRequest, reason: "0 to \(Self.largest) bytes")
        }
        var headers = HTTPHeaders()
        headers.contentType = .plainText
        return Response(status: .ok, headers: headers, body: .init(buffer: Self.filler.getSlice(at: 0, length: n)!))
    }

    private static let filler = ByteBuffer(repeating: UInt8(ascii: "x"), count: largest)
}
