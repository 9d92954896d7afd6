import ArgumentParser
import AsyncHTTPClient
import Foundation
import MadoguchiCard
import NIOCore
import NIOFoundationCompat

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `madoguchi card-agent`: runs on the counter PC next to the browser. It pairs with the staff member who showed
/// the pairing code, then reads each My Number card put on the reader (the citizen types the PIN) and delivers its
/// four basic items to that staff member's Case screen. No password and no token is stored anywhere; no local
/// server is opened: the agent only calls the Madoguchi server.
struct CardAgent: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "card-agent",
        abstract: "Pair this PC's card reader with a counter staff member and deliver each card's four basic items.",
        discussion: """
            On the counter screen choose カードリーダーをつなぐ and start the agent with the code shown: \
            madoguchi card-agent --server https://madoguchi.city.example.jp --code K7QM-3TXA. Then, for each card: \
            the agent checks the PIN tries left (refuses a blocked card, warns at one try left), the citizen types the \
            4-digit PIN (never stored, never logged, sent to the card once), and the card's name, address, birth \
            date and sex appear on the staff member's Case screen, where one tap puts them into a person. The \
            個人番号 is read only when staff asked for it on the Case screen (a Case with a procedure of 個人番号利用事務), \
            and is never printed. The pairing lasts until the end of the day. Exit status as card-check's; with \
            --once, after one card.
            """)

    @Option(help: "The Madoguchi server's address, as the counter's browser opens it.")
    var server: String

    @Option(help: "The pairing code shown on the counter screen (it works once, for 10 minutes).")
    var code: String

    @Option(help: "Seconds to wait for each card.")
    var wait: Int = 3600

    @Option(help: "The reader to use: the first whose name starts with this (default: the first reader).")
    var reader: String?

    @Flag(help: "Read each PIN as one line from standard input (scripts, tests) instead of prompting on the terminal.")
    var pinStdin = false

    @Flag(help: "Read one card, deliver it and stop.")
    var once = false

    func run() async throws {
        if !pinStdin && isatty(STDIN_FILENO) == 0 {
            throw failure("standard input is not a terminal: pass each PIN on one line with --pin-stdin", exit: 1)
        }
        guard let base = URL(string: server), let scheme = base.scheme, ["http", "https"].contains(scheme), base.host != nil else {
            throw failure("--server must be the server's http(s) address, e.g. https://madoguchi.city.example.jp", exit: 1)
        }
        let root = server.hasSuffix("/") ? String(server.dropLast()) : server
        let client = HTTPClient.shared

        let pairing = try await post(client, root + "/api/v1/card-agent/pair", ["code": code], token: nil)
        guard pairing.status == 200, let token = pairing.json["token"] as? String else {
            throw failure("pairing refused: \(pairing.message) (画面に新しいコードを表示して、もう一度つないでください)", exit: 1)
        }
        note("paired with \(pairing.json["staff"] as? String ?? "?"): cards read here appear on their Case screens today")

        repeat {
            let transport: PCSCTransport
            do {
                note("waiting for a card … / カードを置いてください")
                transport = try await PCSCTransport.connect(reader: reader, waitingUpTo: .seconds(max(0, wait)))
            } catch {
                throw failure(error.description, exit: { if case .failed = error { 1 } else { CardCheck.Exit.noReaderOrCard } }())
            }
            // Staff may have asked for this card's 個人番号 (a Case with a procedure of 個人番号利用事務).
            let next = try await get(client, root + "/api/v1/card-agent/next", token: token)
            let includeMyNumber = next.json["myNumber"] as? Bool ?? false
            let reading: MyNumberCardReader.Reading
            do {
                reading = try await readCard(transport, includeMyNumber: includeMyNumber)
            } catch let error as MyNumberCardError {
                transport.close()
                note("\(error.description) (\(error.messageJa))")
                if once { throw ExitCode(CardCheck.exitCode(for: error)) }
                try await waitForRemoval()
                continue
            }
            transport.close()  // resets the card: the verified PIN does not outlive the reading
            let delivered = try await deliver(client, root, token: token, reading)
            if once {
                guard delivered else { throw ExitCode(1) }
                return
            }
            try await waitForRemoval()
        } while true
    }

    /// PIN tries first (never a guess at a blocked card), then the citizen's PIN once, then the four items.
    private func readCard(_ transport: PCSCTransport, includeMyNumber: Bool) async throws -> MyNumberCardReader.Reading {
        let cardReader = MyNumberCardReader(transport: transport)
        let status = try await cardReader.pinStatus()
        if status.isBlocked { throw MyNumberCardError.pinBlocked }
        if status.isLastTry {
            note("WARNING: 1 PIN try left; a wrong PIN now blocks the card, and only the city hall can reset it. 残り1回です。")
        }
        guard let typed = CardCheck.readPIN(stdin: pinStdin) else { throw MyNumberCardError.invalidPINFormat }
        guard let pin = CardPIN(typed) else { throw MyNumberCardError.invalidPINFormat }
        return try await cardReader.read(pin: pin, includeMyNumber: includeMyNumber)
    }

    /// Sends the items; says on the terminal whether the staff member's screen has them (never what they are).
    private func deliver(_ client: HTTPClient, _ root: String, token: String, _ reading: MyNumberCardReader.Reading) async throws -> Bool {
        let items = reading.basicFourItems
        var body: [String: String] = [:]
        if let number = reading.individualNumber { body["myNumber"] = number.digits }
        for (key, bytes) in [("name", items.name.bytes), ("address", items.address.bytes), ("birthDate", items.birthDate.bytes), ("sex", items.sex.bytes)] {
            let text = String(decoding: bytes, as: UTF8.self)
            guard Array(text.utf8) == bytes else {
                note("the card's \(key) is not UTF-8 text: type this person's items by hand (nothing was sent)")
                return false
            }
            body[key] = text
        }
        let answer = try await post(client, root + "/api/v1/card-agent/reads", body, token: token)
        if answer.status == 201 {
            note("delivered to \(answer.json["staff"] as? String ?? "the staff member")'s screen / 窓口の画面に送りました")
            return true
        }
        note("not delivered (\(answer.status)): \(answer.message)")
        if answer.status == 401 { throw failure("the pairing has ended: show a new code on the counter screen and start the agent again", exit: 1) }
        return false
    }

    /// Waits until the card is taken off the reader, so the same card is not read twice.
    private func waitForRemoval() async throws {
        note("take the card off the reader / カードを取り出してください")
        while let again = try? await PCSCTransport.connect(reader: reader, waitingUpTo: .milliseconds(300)) {
            again.close()
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    private func get(_ client: HTTPClient, _ url: String, token: String) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let answer = try await send(client, request)
        if answer.status == 401 { throw failure("the pairing has ended: show a new code on the counter screen and start the agent again", exit: 1) }
        return answer
    }

    private struct Answer {
        let status: UInt
        let json: [String: Any]
        var message: String { ((json["error"] as? [String: Any])?["message"] as? String) ?? "HTTP \(status)" }
    }

    private func post(_ client: HTTPClient, _ url: String, _ body: [String: String], token: String?) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
        return try await send(client, request)
    }

    private func send(_ client: HTTPClient, _ request: HTTPClientRequest) async throws -> Answer {
        let response: HTTPClientResponse
        do { response = try await client.execute(request, timeout: .seconds(30)) } catch {
            throw failure("the server does not answer at \(request.url): \(error)", exit: 1)
        }
        let bytes = try await response.body.collect(upTo: 1 << 20)
        let json = (try? JSONSerialization.jsonObject(with: Data(buffer: bytes))) as? [String: Any] ?? [:]
        return Answer(status: response.status.code, json: json)
    }

    private func note(_ message: String) {
        FileHandle.standardError.write(Data("card-agent: \(message)\n".utf8))
    }

    private func failure(_ message: String, exit code: Int32) -> ExitCode {
        note(message)
        return ExitCode(code)
    }
}
