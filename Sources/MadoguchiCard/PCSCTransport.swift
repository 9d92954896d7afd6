import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A `CardTransport` over PC/SC: the card on a real reader (any reader pcscd has a driver for, CCID ones through
/// libccid), or on vsmartcard's virtual reader in CI. pcsc-lite is loaded at run time (`PCSCLibrary`).
///
/// ```swift
/// let transport = try await PCSCTransport.connect(waitingUpTo: .seconds(30))   // the first reader
/// defer { transport.close() }
/// let reading = try await MyNumberCardReader(transport: transport).read(pin: pin, includeMyNumber: false)
/// ```
///
/// The card is connected exclusively, so no other program can select another application between two commands
/// of a reading, and it is reset when closed, so a verified PIN never outlives the reading. PC/SC calls block;
/// they run on a serial queue of their own, never on Swift's cooperative threads.
public final class PCSCTransport: CardTransport, @unchecked Sendable {
    public enum CardProtocol: String, Sendable {
        case t0 = "T=0"
        case t1 = "T=1"
    }

    public let readerName: String
    /// The card's answer to reset (not personal: it names the card type).
    public let atr: [UInt8]
    public let activeProtocol: CardProtocol

    private let library: PCSCLibrary
    private let queue = DispatchQueue(label: "madoguchi.pcsc.card")
    // Touched only on `queue`, or in `deinit` when nothing else can.
    private var context: PCSC.SCARDCONTEXT?
    private var card: PCSC.SCARDHANDLE?
    private var receiveBuffer = [UInt8](repeating: 0, count: 258 + 16)

    private init(library: PCSCLibrary, context: PCSC.SCARDCONTEXT, connection: Connection) {
        self.library = library
        self.context = context
        self.card = connection.handle
        self.readerName = connection.reader
        self.atr = connection.atr
        self.activeProtocol = connection.cardProtocol
    }

    deinit {
        closeOnQueue(disposition: PCSC.resetCard)
    }

    // MARK: Finding readers and cards

    /// The readers pcscd knows now (empty when none is connected).
    public static func readerNames() async throws(PCSCError) -> [String] {
        let library = try PCSCLibrary.shared.get()
        return try await blocking { () -> Result<[String], PCSCError> in
            Result { () throws(PCSCError) in
                let context = try establishContext(library)
                defer { _ = library.releaseContext(context) }
                return try listReaders(library, context)
            }
        }.get()
    }

    /// Waits up to `timeout` for a reader (the first one, or the first whose name starts with `reader`) and a card
    /// on it, then connects to the card exclusively (T=0 or T=1, as the card offers). Cancelling the task ends
    /// the wait with `PCSCError.cancelled`.
    public static func connect(reader: String? = nil, waitingUpTo timeout: Duration) async throws(PCSCError) -> PCSCTransport {
        let library = try PCSCLibrary.shared.get()
        let context = try await blocking { Result { () throws(PCSCError) in try establishContext(library) } }.get()
        let waiter = Waiter(library: library, context: context)
        let result = await withTaskCancellationHandler {
            await blocking { waiter.wait(reader: reader, timeout: timeout) }
        } onCancel: {
            waiter.cancel()
        }
        switch result {
        case let .success(connection):
            return PCSCTransport(library: library, context: context, connection: connection)
        case let .failure(error):
            _ = library.releaseContext(context)
            throw error
        }
    }

    /// Disconnects, resetting the card (the verified PIN is gone), and releases the PC/SC context. Transmitting
    /// afterwards throws `CardTransportError.noCard`. Also done when the transport is released.
    public func close() {
        queue.sync { closeOnQueue(disposition: PCSC.resetCard) }
    }

    private func closeOnQueue(disposition: PCSC.DWORD) {
        if let card { _ = library.disconnect(card, disposition) }
        if let context { _ = library.releaseContext(context) }
        card = nil
        context = nil
    }

    // MARK: CardTransport

    public func transmit(_ command: APDU) async throws -> ResponseAPDU {
        let bytes = try command.encoded()
        let result: Result<[UInt8], CardTransportError> = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.exchange(bytes, cla: command.cla)) }
        }
        return try ResponseAPDU(bytes: result.get())
    }

    /// One command, and the GET RESPONSEs a card asks for with `61 xx` (T=0 cards do; harmless over T=1).
    private func exchange(_ command: [UInt8], cla: UInt8) -> Result<[UInt8], CardTransportError> {
        var data: [UInt8] = []
        var response: [UInt8]
        switch transmitOnce(command) {
        case let .success(bytes): response = bytes
        case let .failure(error): return .failure(error)
        }
        var rounds = 0
        while response.count >= 2, response[response.count - 2] == 0x61, rounds < 64 {
            data += response.dropLast(2)
            let getResponse: [UInt8] = [cla & 0x03, 0xC0, 0x00, 0x00, response[response.count - 1]]
            switch transmitOnce(getResponse) {
            case let .success(bytes): response = bytes
            case let .failure(error): return .failure(error)
            }
            rounds += 1
        }
        return .success(data + response)
    }

    private func transmitOnce(_ command: [UInt8]) -> Result<[UInt8], CardTransportError> {
        guard let card else { return .failure(.noCard) }
        let pci = activeProtocol == .t0 ? library.t0PCI : library.t1PCI
        var length = PCSC.DWORD(receiveBuffer.count)
        let rv = command.withUnsafeBufferPointer { send in
            receiveBuffer.withUnsafeMutableBufferPointer { receive in
                library.transmit(card, pci, send.baseAddress, PCSC.DWORD(send.count), nil, receive.baseAddress, &length)
            }
        }
        let code = PCSC.Code(result: rv)
        guard code.isSuccess else { return .failure(code.transportError) }
        let count = min(Int(length), receiveBuffer.count)
        defer { for i in 0..<count { receiveBuffer[i] = 0 } }  // responses hold personal data: not kept
        return .success(Array(receiveBuffer[0..<count]))
    }

    // MARK: Blocking PC/SC calls

    private static func blocking<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }

    fileprivate static func establishContext(_ library: PCSCLibrary) throws(PCSCError) -> PCSC.SCARDCONTEXT {
        var context: PCSC.SCARDCONTEXT = 0
        let code = PCSC.Code(result: library.establishContext(PCSC.scopeSystem, nil, nil, &context))
        switch code {
        case .success: return context
        case .noService, .serviceStopped: throw .serviceNotRunning
        default: throw .failed(function: "SCardEstablishContext", code: code.value)
        }
    }

    /// `SCardListReaders`: a multi-string, names separated by NUL, ended by an empty one.
    fileprivate static func listReaders(_ library: PCSCLibrary, _ context: PCSC.SCARDCONTEXT) throws(PCSCError) -> [String] {
        for _ in 0..<3 {  // a reader plugged in between the two calls makes the buffer too small: ask again
            var length: PCSC.DWORD = 0
            var code = PCSC.Code(result: library.listReaders(context, nil, nil, &length))
            if code == .noReadersAvailable { return [] }
            if code == .noService || code == .serviceStopped { throw .serviceNotRunning }
            guard code.isSuccess else { throw .failed(function: "SCardListReaders", code: code.value) }
            var buffer = [CChar](repeating: 0, count: Int(length) + 1)
            code = PCSC.Code(result: buffer.withUnsafeMutableBufferPointer { library.listReaders(context, nil, $0.baseAddress, &length) })
            if code == .insufficientBuffer { continue }
            if code == .noReadersAvailable { return [] }
            if code == .noService || code == .serviceStopped { throw .serviceNotRunning }
            guard code.isSuccess else { throw .failed(function: "SCardListReaders", code: code.value) }
            let bytes = buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }
            return bytes.split(separator: 0, omittingEmptySubsequences: true).map { String(decoding: $0, as: UTF8.self) }
        }
        throw .failed(function: "SCardListReaders", code: PCSC.Code.insufficientBuffer.value)
    }

    fileprivate struct Connection: Sendable {
        var reader: String
        var handle: PCSC.SCARDHANDLE
        var cardProtocol: CardProtocol
        var atr: [UInt8]
    }

    /// The wait for a reader and a card, on a thread of its own; `cancel()` may come from any thread.
    private final class Waiter: @unchecked Sendable {
        let library: PCSCLibrary
        let context: PCSC.SCARDCONTEXT
        private let lock = NSLock()
        private var cancelled = false

        init(library: PCSCLibrary, context: PCSC.SCARDCONTEXT) {
            self.library = library
            self.context = context
        }

        func cancel() {
            lock.withLock { cancelled = true }
            _ = library.cancel?(context)  // ends a SCardGetStatusChange in progress
        }

        private var isCancelled: Bool { lock.withLock { cancelled } }

        func wait(reader wanted: String?, timeout: Duration) -> Result<Connection, PCSCError> {
            Result { () throws(PCSCError) in try waitOrThrow(reader: wanted, timeout: timeout) }
        }

        private func waitOrThrow(reader wanted: String?, timeout: Duration) throws(PCSCError) -> Connection {
            let clock = ContinuousClock()
            let deadline = clock.now + timeout
            func remainingMilliseconds() -> Int {
                let left = deadline - clock.now
                let (seconds, attoseconds) = left.components
                return max(0, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
            }
            var lastReader: String?
            while true {
                if isCancelled { throw .cancelled }
                let readers = try PCSCTransport.listReaders(library, context)
                let chosen = wanted.map { name in readers.first { $0 == name } ?? readers.first { $0.hasPrefix(name) } } ?? readers.first
                guard let reader = chosen else {
                    if remainingMilliseconds() == 0 { throw wanted.map { .readerNotFound($0) } ?? .noReader }
                    usleep(UInt32(min(250, remainingMilliseconds())) * 1000)  // no reader yet: look again soon
                    continue
                }
                lastReader = reader
                if let connection = try waitForCard(on: reader, remaining: remainingMilliseconds) { return connection }
                if remainingMilliseconds() == 0 {
                    throw .noCard(reader: lastReader ?? reader, waitedSeconds: Int(timeout.components.seconds))
                }
            }
        }

        /// Watches one reader until a card answers on it (connected) or the time is up or the reader went (nil).
        private func waitForCard(on reader: String, remaining: () -> Int) throws(PCSCError) -> Connection? {
            let state = UnsafeMutableRawPointer.allocate(byteCount: PCSC.ReaderState.size, alignment: 8)
            defer { state.deallocate() }
            guard let name = strdup(reader) else { throw .failed(function: "strdup", code: 0) }
            defer { free(name) }
            state.initializeMemory(as: UInt8.self, repeating: 0, count: PCSC.ReaderState.size)
            state.storeBytes(of: UnsafeRawPointer(name), toByteOffset: PCSC.ReaderState.reader, as: UnsafeRawPointer.self)
            var known = PCSC.stateUnaware  // the first call answers at once with the reader's state
            var timeout: PCSC.DWORD = 0
            while true {
                if isCancelled { throw .cancelled }
                state.storeBytes(of: known, toByteOffset: PCSC.ReaderState.currentState, as: PCSC.DWORD.self)
                let code = PCSC.Code(result: library.getStatusChange(context, timeout, state, 1))
                switch code {
                case .success:
                    known = state.load(fromByteOffset: PCSC.ReaderState.eventState, as: PCSC.DWORD.self) & ~PCSC.stateChanged
                case .timeout: break  // no change: the state known still holds (a card refused before is tried again)
                case .cancelled: throw .cancelled
                case .noService, .serviceStopped: throw .serviceNotRunning
                case .unknownReader, .readerUnavailable: return nil  // unplugged: look for readers again
                default: throw .failed(function: "SCardGetStatusChange", code: code.value)
                }
                if known & (PCSC.stateUnknown | PCSC.stateUnavailable) != 0 { return nil }
                if known & PCSC.statePresent != 0 {
                    if known & PCSC.stateMute != 0 {
                        if remaining() == 0 { throw .cardUnresponsive(reader: reader) }
                    } else if let connection = try connect(reader, state: state) {
                        return connection
                    }
                }
                if remaining() == 0 { return nil }
                timeout = PCSC.DWORD(min(remaining(), 1000))
            }
        }

        /// `SCardConnect`, exclusive, T=0 or T=1; nil when the card went (or is not ready) in the meantime.
        private func connect(_ reader: String, state: UnsafeMutableRawPointer) throws(PCSCError) -> Connection? {
            var handle: PCSC.SCARDHANDLE = 0
            var active: PCSC.DWORD = 0
            let code = PCSC.Code(result: library.connect(context, reader, PCSC.shareExclusive, PCSC.protocolT0 | PCSC.protocolT1, &handle, &active))
            switch code {
            case .success: break
            case .noSmartcard, .removedCard, .resetCardWarning, .notReady:
                return nil
            case .sharingViolation:
                throw .cardInUse(reader: reader)
            case .unresponsiveCard, .unpoweredCard, .unsupportedCard, .protoMismatch:
                throw .cardUnresponsive(reader: reader)
            case .noService, .serviceStopped:
                throw .serviceNotRunning
            default:
                throw .failed(function: "SCardConnect", code: code.value)
            }
            let atrLength = min(Int(state.load(fromByteOffset: PCSC.ReaderState.atrLength, as: PCSC.DWORD.self)), PCSC.maxATRSize)
            let atr = (0..<atrLength).map { state.load(fromByteOffset: PCSC.ReaderState.atr + $0, as: UInt8.self) }
            return Connection(reader: reader, handle: handle, cardProtocol: active == PCSC.protocolT0 ? .t0 : .t1, atr: atr)
        }
    }
}
