#if canImport(Glibc)
import Glibc
#endif
import Foundation
@testable import MadoguchiServer
import MadoguchiCore
import Testing
import Vapor

/// Screens written to on their event loops (`LiveScreens`), over real connections: a board and a phone each get
/// the current state at once and the call after it; a screen that hangs up is forgotten at the next state.
@Suite struct LiveScreensTests {
    @Test func screensGetEachStateAndOneThatHangsUpIsForgotten() async throws {
        try await withMadoguchi { app in
            var kiosk = Kiosk(app)
            let token = try await kiosk.take("section", "JUMIN")
            var clerk = try await Clerk.signedIn(app)
            _ = try await clerk.desk("/queue/desk/JUMIN/1", "open")
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            do {
                try await Self.deliver(app, clerk: &clerk, token: token)
            } catch {
                await app.server.shutdown()
                throw error
            }
            await app.server.shutdown()
        }
    }

    private static func deliver(_ app: Application, clerk: inout Clerk, token: String) async throws {
            let port = try #require(app.http.server.shared.localAddress?.port)
            let hub = app.madoguchi.queueHub

            let board = try RawScreen(port: port, path: "/queue/live")
            let phone = try RawScreen(port: port, path: "/t/\(token)/live")
            let leaving = try RawScreen(port: port, path: "/queue/live")
            #expect(try board.read(until: #""waiting":1"#).hasPrefix("HTTP/1.1 200"))
            #expect(try phone.read(until: #""state":"waiting""#).contains(#""label":"A-001""#))
            _ = try leaving.read(until: #""waiting":1"#)
            #expect(hub.subscriberCount == 3)

            leaving.close()
            _ = try await clerk.desk("/queue/desk/JUMIN/1", "call")
            #expect(try board.read(until: #""calls":[{"#).contains(#""label":"A-001""#))
            #expect(try phone.read(until: #""state":"called""#).contains(#""counter":1"#))
            // The hung-up screen's write fails at the call (or at the next change: the first write after a hang-up
            // may still be taken by the system) and it is dropped.
            let deadline = ContinuousClock.now + .seconds(15)
            while hub.subscriberCount != 2, ContinuousClock.now < deadline {
                _ = try await clerk.desk("/queue/desk/JUMIN/1", "recall")
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(hub.subscriberCount == 2)
            hub.finishAll()
            // The stream ends as a chunked body ends (the connection itself stays open for another request).
            #expect(try board.read(until: "0\r\n\r\n").hasSuffix("0\r\n\r\n"))
            phone.close()
            board.close()
    }
}

/// A screen on a plain socket: what it reads is kept, so a test can wait for a text to arrive.
final class RawScreen {
    private let socket: Int32
    private let path: String
    private var received = ""

    init(port: Int, path: String) throws {
        self.path = path
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Abort(.badGateway, reason: "could not connect") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".utf8)
        guard send(socket, request, request.count, 0) == request.count else { throw Abort(.badGateway, reason: "could not send") }
    }

    /// Everything read so far once `text` is among it (what was read up to then is consumed).
    func read(until text: String) throws -> String {
        while !received.contains(text) {
            guard try readMore() else { throw Abort(.gone, reason: "the stream ended before \(text)") }
        }
        defer { received = "" }
        return received
    }

    private func readMore() throws -> Bool {
        var bytes = [UInt8](repeating: 0, count: 65_536)
        let count = recv(socket, &bytes, bytes.count, 0)
        guard count >= 0 else { throw Abort(.requestTimeout, reason: "nothing more arrived on \(path) for 10 s after: \(received.suffix(900).debugDescription)") }
        received += String(decoding: bytes[..<count], as: UTF8.self)
        return count > 0
    }

    func close() { Glibc.close(socket) }
}
