import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL

/// A small SMTP client (RFC 5321) on SwiftNIO: EHLO, STARTTLS when configured (refusing to go on in the
/// clear if the server does not offer it), AUTH PLAIN when a user is set, one message, QUIT.
struct SMTPClient {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let settings: MailSettings
    let group: any EventLoopGroup

    /// Sends one plain-text UTF-8 mail.
    func send(to recipient: String, subject: String, body: String) async throws {
        let reader = ReplyReader()
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in channel.pipeline.addHandler(reader) }
            .connect(host: settings.host, port: settings.port).get()
        defer { channel.close(promise: nil) }
        func command(_ line: String?, expect codes: Set<Int>) async throws -> Reply {
            if let line {
                do {
                    try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n")).get()
                } catch {
                    // A refused TLS handshake closes the channel before the next write: the reason the reader
                    // recorded (an untrusted certificate, say) is the one worth reporting.
                    throw try await reader.failure(on: channel.eventLoop).get() ?? error
                }
            }
            let reply = try await reader.next(on: channel.eventLoop).get()
            guard codes.contains(reply.code) else {
                throw Failure(description: "SMTP \(line?.split(separator: " ").first.map(String.init) ?? "greeting"): \(reply.code) \(reply.text)")
            }
            return reply
        }
        _ = try await command(nil, expect: [220])
        var hello = try await command("EHLO madoguchi", expect: [250])
        if settings.startTLS {
            guard hello.text.uppercased().contains("STARTTLS") else {
                throw Failure(description: "the SMTP server does not offer STARTTLS (set MADOGUCHI_SMTP_STARTTLS=0 to send in the clear)")
            }
            _ = try await command("STARTTLS", expect: [220])
            var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
            if let file = settings.trustedCertificatesFile { tlsConfiguration.trustRoots = .file(file) }
            let context = try NIOSSLContext(configuration: tlsConfiguration)
            let tls = try NIOSSLClientHandler(context: context, serverHostname: settings.host)
            try await channel.pipeline.addHandler(tls, position: .first).get()
            hello = try await command("EHLO madoguchi", expect: [250])
        }
        if let username = settings.username {
            let token = Data("\0\(username)\0\(settings.password ?? "")".utf8).base64EncodedString()
            _ = try await command("AUTH PLAIN \(token)", expect: [235])
        }
        _ = try await command("MAIL FROM:<\(settings.sender)>", expect: [250])
        _ = try await command("RCPT TO:<\(recipient)>", expect: [250, 251])
        _ = try await command("DATA", expect: [354])
        _ = try await command(Self.message(from: settings.sender, to: recipient, subject: subject, body: body) + "\r\n.", expect: [250])
        _ = try? await command("QUIT", expect: [221])
    }

    /// The message: headers, then the body in base64 (so no line is too long and no dot needs stuffing).
    static func message(from sender: String, to recipient: String, subject: String, body: String, date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let encodedBody = Data(body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return [
            "From: \(sender)",
            "To: \(recipient)",
            "Subject: =?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?=",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(UUID().uuidString.lowercased())@madoguchi>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
            encodedBody,
        ].joined(separator: "\r\n")
    }

    struct Reply {
        let code: Int
        let text: String
    }

    /// Collects reply lines (`250-…` continues, `250 …` ends a reply) and hands out whole replies in order.
    /// Its state is touched only on the channel's event loop.
    final class ReplyReader: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer

        private var pending = ""
        private var lines: [String] = []
        private var replies: [Reply] = []
        private var waiting: [EventLoopPromise<Reply>] = []
        private var failure: (any Error)?

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            pending += buffer.readString(length: buffer.readableBytes) ?? ""
            while let end = pending.range(of: "\r\n") ?? pending.range(of: "\n") {
                let line = String(pending[..<end.lowerBound])
                pending.removeSubrange(..<end.upperBound)
                lines.append(line)
                let characters = Array(line)
                guard characters.count >= 3, let code = Int(String(characters[0..<3])) else { continue }
                if characters.count == 3 || characters[3] == " " {
                    let reply = Reply(code: code, text: lines.map { String($0.dropFirst(4)) }.joined(separator: "\n"))
                    lines = []
                    if waiting.isEmpty { replies.append(reply) } else { waiting.removeFirst().succeed(reply) }
                }
            }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            fail(error)
            context.close(promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            fail(Failure(description: "the SMTP server closed the connection"), specific: false)
        }

        /// A specific error (a TLS handshake refused) replaces the generic "closed", which may arrive first.
        private func fail(_ error: any Error, specific: Bool = true) {
            if specific || failure == nil { failure = error }
            for promise in waiting { promise.fail(error) }
            waiting = []
        }

        /// Why the connection failed, if it did.
        func failure(on loop: any EventLoop) -> EventLoopFuture<(any Error)?> {
            loop.submit { self.failure }
        }

        func next(on loop: any EventLoop) -> EventLoopFuture<Reply> {
            loop.flatSubmit {
                if !self.replies.isEmpty { return loop.makeSucceededFuture(self.replies.removeFirst()) }
                if let failure = self.failure { return loop.makeFailedFuture(failure) }
                let promise = loop.makePromise(of: Reply.self)
                self.waiting.append(promise)
                return promise.futureResult
            }
        }
    }
}
