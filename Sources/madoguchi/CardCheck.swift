import ArgumentParser
import Foundation
import MadoguchiCard

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `madoguchi card-check`: reads a My Number card on this PC's reader and prints its four basic items — to check
/// a counter PC's reader, and as the CI test's way through the real PC/SC stack (Tests/CardReader/).
struct CardCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "card-check",
        abstract: "Read the four basic items of a My Number card on a PC/SC reader and print them as JSON.",
        discussion: """
            Waits for a card on the first reader, checks the PIN tries left before asking (refuses when the PIN is \
            blocked, warns when one try is left), asks the card's 4-digit PIN (券面事項入力補助用暗証番号) without \
            echo, sends it once and prints {"name", "address", "birthDate", "sex"} on standard output. The PIN is \
            never an argument and never printed. Exit status: 0 read; 2 wrong PIN, or not 4 digits (then nothing \
            was sent); 3 PIN blocked (before, or by this try); 4 no PC/SC service, reader or card; 1 anything else.
            """)

    @Option(help: "Seconds to wait for a reader and a card.")
    var wait: Int = 30

    @Option(help: "The reader to use: the first whose name starts with this (default: the first reader).")
    var reader: String?

    @Flag(help: "Read the PIN as one line from standard input (scripts, tests) instead of prompting on the terminal.")
    var pinStdin = false

    @Flag(help: "Also read the 個人番号; it is printed masked except its last 4 digits.")
    var includeMyNumber = false

    enum Exit {
        static let wrongPIN: Int32 = 2
        static let blocked: Int32 = 3
        static let noReaderOrCard: Int32 = 4
    }

    func run() async throws {
        if !pinStdin && isatty(STDIN_FILENO) == 0 {
            throw failure("standard input is not a terminal: pass the PIN on one line with --pin-stdin", exit: 1)
        }
        let transport: PCSCTransport
        do {
            transport = try await PCSCTransport.connect(reader: reader, waitingUpTo: .seconds(max(0, wait)))
        } catch {
            throw failure(error.description, exit: { if case .failed = error { 1 } else { Exit.noReaderOrCard } }())
        }
        defer { transport.close() }  // resets the card: the verified PIN does not outlive this command
        note("card on \"\(transport.readerName)\" (\(transport.activeProtocol.rawValue))")

        let cardReader = MyNumberCardReader(transport: transport)
        let status: MyNumberCardReader.PINStatus
        do { status = try await cardReader.pinStatus() } catch { throw failure(error) }
        if status.isBlocked { throw failure(.pinBlocked) }
        if let tries = status.triesLeft { note("PIN tries left: \(tries)") }
        if status.isLastTry {
            note("WARNING: 1 PIN try left; a wrong PIN now blocks the card, and only the city hall can reset it. "
                 + "残り1回です。間違えるとロックされます。")
        }

        guard let typed = readPIN() else { throw failure("no PIN was given; nothing was sent to the card", exit: Exit.wrongPIN) }
        guard let pin = CardPIN(typed) else { throw failure(.invalidPINFormat) }
        let reading: MyNumberCardReader.Reading
        do { reading = try await cardReader.read(pin: pin, includeMyNumber: includeMyNumber) } catch { throw failure(error) }

        let items = reading.basicFourItems
        var fields: [(String, [UInt8])] = [
            ("name", items.name.bytes), ("address", items.address.bytes),
            ("birthDate", items.birthDate.bytes), ("sex", items.sex.bytes),
        ]
        if let number = reading.individualNumber {
            fields.append(("myNumber", Array((String(repeating: "*", count: 8) + number.digits.suffix(4)).utf8)))
        }
        print(CardCheck.json(fields))
    }

    /// One JSON object, keys in this order, each value the card's bytes exactly: a string when they are UTF-8;
    /// otherwise null, with the bytes as hex under `<key>Hex`.
    static func json(_ fields: [(String, [UInt8])]) -> String {
        var members: [String] = []
        for (key, bytes) in fields {
            let text = String(decoding: bytes, as: UTF8.self)
            if Array(text.utf8) == bytes {
                members.append("\"\(key)\":\"\(escape(text))\"")
            } else {
                members.append("\"\(key)\":null")
                members.append("\"\(key)Hex\":\"\(bytes.map { String(format: "%02X", $0) }.joined())\"")
            }
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: The PIN

    /// One line from standard input: with `--pin-stdin` as it comes, otherwise typed at a prompt with echo off.
    private func readPIN() -> String? { Self.readPIN(stdin: pinStdin) }

    static func readPIN(stdin: Bool) -> String? {
        if stdin { return readLine(strippingNewline: true) }
        FileHandle.standardError.write(Data("暗証番号（数字4桁）/ PIN (4 digits): ".utf8))
        let line = withEchoOff { readLine(strippingNewline: true) }
        FileHandle.standardError.write(Data("\n".utf8))
        return line
    }

    // MARK: Messages and exit codes

    private func note(_ message: String) {
        FileHandle.standardError.write(Data("card-check: \(message)\n".utf8))
    }

    /// Says why on standard error; the exit code is thrown, so `defer`s (closing the card) still run.
    private func failure(_ message: String, exit code: Int32) -> ExitCode {
        note(message)
        return ExitCode(code)
    }

    private func failure(_ error: MyNumberCardError) -> ExitCode {
        failure("\(error.description) (\(error.messageJa))", exit: Self.exitCode(for: error))
    }

    /// The exit status for a card's refusal: 2 wrong PIN, 3 blocked, 4 no reader or card, 1 otherwise.
    static func exitCode(for error: MyNumberCardError) -> Int32 {
        switch error {
        case .invalidPINFormat, .wrongPIN: error.pinIsBlocked ? Exit.blocked : Exit.wrongPIN
        case .pinBlocked: Exit.blocked
        case .noCard, .cardRemoved, .readerUnavailable: Exit.noReaderOrCard
        default: 1
        }
    }
}

/// The terminal's settings while echo is off, so an interrupt can put them back.
nonisolated(unsafe) private var savedTerminal = termios()

/// Runs `body` with the terminal's echo off (the PIN is not shown), restoring it afterwards and on Ctrl-C.
private func withEchoOff<T>(_ body: () -> T) -> T {
    guard isatty(STDIN_FILENO) != 0, tcgetattr(STDIN_FILENO, &savedTerminal) == 0 else { return body() }
    var quiet = savedTerminal
    quiet.c_lflag &= ~tcflag_t(ECHO)
    let previous = signal(SIGINT) { _ in
        tcsetattr(STDIN_FILENO, TCSANOW, &savedTerminal)
        _exit(130)
    }
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
    defer {
        tcsetattr(STDIN_FILENO, TCSANOW, &savedTerminal)
        signal(SIGINT, previous)
    }
    return body()
}
