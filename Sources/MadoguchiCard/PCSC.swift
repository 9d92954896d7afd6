#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The PC/SC API of pcsc-lite (winscard.h, pcsclite.h), loaded at run time with `dlopen`, so building Madoguchi
/// needs only Swift: no C module, no headers, no link flag. A counter PC without pcsc-lite still runs everything
/// else; only reading a card then says what to install.
///
/// Types as pcsc-lite declares them. On Linux `DWORD` and `LONG` are C `unsigned long` and `long` (wintypes.h),
/// 64 bits on x86_64 and arm64, and so are `SCARDCONTEXT` and `SCARDHANDLE`; structures use natural alignment.
/// macOS's PCSC.framework uses 32-bit ones and packs its structures to 1 byte ([unverified]: not run on a Mac).
enum PCSC {
    #if os(macOS)
    typealias DWORD = UInt32
    typealias LONG = Int32
    static let libraryNames = ["/System/Library/Frameworks/PCSC.framework/PCSC"]
    #else
    typealias DWORD = UInt
    typealias LONG = Int
    static let libraryNames = ["libpcsclite.so.1"]
    #endif
    typealias SCARDCONTEXT = LONG
    typealias SCARDHANDLE = LONG

    /// Overrides the library's path (for a pcsc-lite outside the loader's path, and to test the "not installed"
    /// message).
    static let libraryEnvironmentVariable = "MADOGUCHI_PCSC_LIBRARY"

    /// What to install when the PC/SC stack is missing, in every message that needs it.
    static let installHint = "apt install pcscd libpcsclite1"

    // pcsclite.h constants.
    static let scopeSystem: DWORD = 0x0002
    static let shareExclusive: DWORD = 0x0001
    static let protocolT0: DWORD = 0x0001
    static let protocolT1: DWORD = 0x0002
    static let leaveCard: DWORD = 0x0000
    static let resetCard: DWORD = 0x0001
    static let stateUnaware: DWORD = 0x0000
    static let stateChanged: DWORD = 0x0002
    static let stateUnknown: DWORD = 0x0004
    static let stateUnavailable: DWORD = 0x0008
    static let stateEmpty: DWORD = 0x0010
    static let statePresent: DWORD = 0x0020
    static let stateMute: DWORD = 0x0200
    static let maxATRSize = 33

    /// `SCARD_READERSTATE`: `const char *szReader; void *pvUserData; DWORD dwCurrentState; DWORD dwEventState;
    /// DWORD cbAtr; unsigned char rgbAtr[33];` — written by offset into raw memory, since a Swift struct's layout
    /// is not promised to be C's.
    enum ReaderState {
        static let reader = 0
        static let currentState = 2 * MemoryLayout<UnsafeRawPointer>.size
        static let eventState = currentState + MemoryLayout<DWORD>.size
        static let atrLength = eventState + MemoryLayout<DWORD>.size
        static let atr = atrLength + MemoryLayout<DWORD>.size
        #if os(macOS)
        static let size = atr + maxATRSize  // #pragma pack(1)
        #else
        static let size = (atr + maxATRSize + 7) / 8 * 8  // 80 on LP64: aligned like its pointers
        #endif
    }

    /// pcsc-lite result codes (pcsclite.h), compared on their low 32 bits: `LONG` is 64-bit on Linux, and the
    /// library returns `0x80100069` there, not a negative number.
    struct Code: Hashable, Sendable, CustomStringConvertible {
        let value: UInt32

        init(_ value: UInt32) { self.value = value }
        init(result: LONG) { value = UInt32(truncatingIfNeeded: result) }

        static let success = Code(0x0000_0000)
        static let cancelled = Code(0x8010_0002)
        static let invalidHandle = Code(0x8010_0003)
        static let insufficientBuffer = Code(0x8010_0008)
        static let unknownReader = Code(0x8010_0009)
        static let timeout = Code(0x8010_000A)
        static let sharingViolation = Code(0x8010_000B)
        static let noSmartcard = Code(0x8010_000C)
        static let protoMismatch = Code(0x8010_000F)
        static let notReady = Code(0x8010_0010)
        static let commError = Code(0x8010_0013)
        static let readerUnavailable = Code(0x8010_0017)
        static let noService = Code(0x8010_001D)
        static let serviceStopped = Code(0x8010_001E)
        static let noReadersAvailable = Code(0x8010_002E)
        static let commDataLost = Code(0x8010_002F)
        static let unsupportedCard = Code(0x8010_0065)
        static let unresponsiveCard = Code(0x8010_0066)
        static let unpoweredCard = Code(0x8010_0067)
        static let resetCardWarning = Code(0x8010_0068)
        static let removedCard = Code(0x8010_0069)

        var isSuccess: Bool { self == .success }

        var name: String? {
            switch self {
            case .success: "SCARD_S_SUCCESS"
            case .cancelled: "SCARD_E_CANCELLED"
            case .invalidHandle: "SCARD_E_INVALID_HANDLE"
            case .insufficientBuffer: "SCARD_E_INSUFFICIENT_BUFFER"
            case .unknownReader: "SCARD_E_UNKNOWN_READER"
            case .timeout: "SCARD_E_TIMEOUT"
            case .sharingViolation: "SCARD_E_SHARING_VIOLATION"
            case .noSmartcard: "SCARD_E_NO_SMARTCARD"
            case .protoMismatch: "SCARD_E_PROTO_MISMATCH"
            case .notReady: "SCARD_E_NOT_READY"
            case .commError: "SCARD_F_COMM_ERROR"
            case .readerUnavailable: "SCARD_E_READER_UNAVAILABLE"
            case .noService: "SCARD_E_NO_SERVICE"
            case .serviceStopped: "SCARD_E_SERVICE_STOPPED"
            case .noReadersAvailable: "SCARD_E_NO_READERS_AVAILABLE"
            case .commDataLost: "SCARD_E_COMM_DATA_LOST"
            case .unsupportedCard: "SCARD_W_UNSUPPORTED_CARD"
            case .unresponsiveCard: "SCARD_W_UNRESPONSIVE_CARD"
            case .unpoweredCard: "SCARD_W_UNPOWERED_CARD"
            case .resetCardWarning: "SCARD_W_RESET_CARD"
            case .removedCard: "SCARD_W_REMOVED_CARD"
            default: nil
            }
        }

        var description: String {
            let hex = "0x" + String(value, radix: 16, uppercase: true)
            return name.map { "\($0) (\(hex))" } ?? hex
        }

        /// What an exchange that ended with this code means to the reading protocol.
        var transportError: CardTransportError {
            switch self {
            case .removedCard, .resetCardWarning: .cardRemoved  // a reset loses the verified PIN just the same
            case .noSmartcard, .unpoweredCard: .noCard
            case .noReadersAvailable, .noService, .serviceStopped, .readerUnavailable, .unknownReader: .readerGone
            default: .failed(code: Int64(value))
            }
        }
    }
}

/// The pcsc-lite functions Madoguchi calls, resolved once per process with `dlopen`/`dlsym`. The library stays
/// loaded for the life of the process.
final class PCSCLibrary: @unchecked Sendable {
    typealias DWORD = PCSC.DWORD
    typealias LONG = PCSC.LONG

    let establishContext: @convention(c) (DWORD, UnsafeRawPointer?, UnsafeRawPointer?, UnsafeMutablePointer<PCSC.SCARDCONTEXT>?) -> LONG
    let releaseContext: @convention(c) (PCSC.SCARDCONTEXT) -> LONG
    let listReaders: @convention(c) (PCSC.SCARDCONTEXT, UnsafePointer<CChar>?, UnsafeMutablePointer<CChar>?, UnsafeMutablePointer<DWORD>?) -> LONG
    let connect: @convention(c) (
        PCSC.SCARDCONTEXT, UnsafePointer<CChar>?, DWORD, DWORD, UnsafeMutablePointer<PCSC.SCARDHANDLE>?, UnsafeMutablePointer<DWORD>?
    ) -> LONG
    let disconnect: @convention(c) (PCSC.SCARDHANDLE, DWORD) -> LONG
    let transmit: @convention(c) (
        PCSC.SCARDHANDLE, UnsafeRawPointer?, UnsafePointer<UInt8>?, DWORD, UnsafeMutableRawPointer?, UnsafeMutablePointer<UInt8>?,
        UnsafeMutablePointer<DWORD>?
    ) -> LONG
    let getStatusChange: @convention(c) (PCSC.SCARDCONTEXT, DWORD, UnsafeMutableRawPointer?, DWORD) -> LONG
    /// Optional: only used to interrupt a wait.
    let cancel: (@convention(c) (PCSC.SCARDCONTEXT) -> LONG)?
    /// `SCARD_PCI_T0` / `SCARD_PCI_T1`: the global `SCARD_IO_REQUEST`s `g_rgSCardT0Pci` and `g_rgSCardT1Pci`.
    let t0PCI: UnsafeRawPointer
    let t1PCI: UnsafeRawPointer

    private init(handle: UnsafeMutableRawPointer) throws(PCSCError) {
        func symbol(_ name: String) throws(PCSCError) -> UnsafeMutableRawPointer {
            guard let pointer = dlsym(handle, name) else { throw .symbolMissing(name) }
            return pointer
        }
        establishContext = unsafeBitCast(try symbol("SCardEstablishContext"), to: type(of: establishContext))
        releaseContext = unsafeBitCast(try symbol("SCardReleaseContext"), to: type(of: releaseContext))
        listReaders = unsafeBitCast(try symbol("SCardListReaders"), to: type(of: listReaders))
        connect = unsafeBitCast(try symbol("SCardConnect"), to: type(of: connect))
        disconnect = unsafeBitCast(try symbol("SCardDisconnect"), to: type(of: disconnect))
        transmit = unsafeBitCast(try symbol("SCardTransmit"), to: type(of: transmit))
        getStatusChange = unsafeBitCast(try symbol("SCardGetStatusChange"), to: type(of: getStatusChange))
        cancel = dlsym(handle, "SCardCancel").map { unsafeBitCast($0, to: (@convention(c) (PCSC.SCARDCONTEXT) -> LONG).self) }
        t0PCI = UnsafeRawPointer(try symbol("g_rgSCardT0Pci"))
        t1PCI = UnsafeRawPointer(try symbol("g_rgSCardT1Pci"))
    }

    /// The library, or why it cannot be used; tried once per process.
    static let shared: Result<PCSCLibrary, PCSCError> = load()

    private static func load() -> Result<PCSCLibrary, PCSCError> {
        let names: [String]
        if let path = getenv(PCSC.libraryEnvironmentVariable).map({ String(cString: $0) }), !path.isEmpty {
            names = [path]
        } else {
            names = PCSC.libraryNames
        }
        var reasons: [String] = []
        for name in names {
            if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) {
                do { return .success(try PCSCLibrary(handle: handle)) } catch { return .failure(error) }
            }
            reasons.append(dlerror().map { String(cString: $0) } ?? name)
        }
        return .failure(.libraryMissing(reasons.joined(separator: "; ")))
    }
}

/// Why a PC/SC reader could not be reached or a card not connected. Descriptions say what to do at the counter
/// (and what to install); none carries card data.
public enum PCSCError: Error, Hashable, Sendable, CustomStringConvertible {
    /// libpcsclite could not be loaded (`dlopen`'s message).
    case libraryMissing(String)
    /// The library lacks a function it should have (a broken or foreign libpcsclite).
    case symbolMissing(String)
    /// pcscd is not running (`SCARD_E_NO_SERVICE`) or stopped.
    case serviceNotRunning
    /// No reader connected, within the wait.
    case noReader
    /// No reader of that name (or name prefix) connected, within the wait.
    case readerNotFound(String)
    /// No card was put on the reader within the wait.
    case noCard(reader: String, waitedSeconds: Int)
    /// A card is there but does not answer (mute, unpowered, or not a smart card).
    case cardUnresponsive(reader: String)
    /// Another program holds the card (`SCARD_E_SHARING_VIOLATION`).
    case cardInUse(reader: String)
    /// The wait was cancelled.
    case cancelled
    /// Any other PC/SC failure: the function and its result code.
    case failed(function: String, code: UInt32)

    public var description: String {
        switch self {
        case let .libraryMissing(reason):
            "the PC/SC library libpcsclite.so.1 could not be loaded (\(reason)); install the PC/SC stack: `\(PCSC.installHint)`"
        case let .symbolMissing(name):
            "the PC/SC library has no \(name); reinstall it: `\(PCSC.installHint)`"
        case .serviceNotRunning:
            "the PC/SC service pcscd is not running; install and start it: `\(PCSC.installHint)`, then `systemctl enable --now pcscd.socket`"
        case .noReader:
            "no card reader is connected; plug in a PC/SC reader (any CCID reader works with pcscd's driver: `\(PCSC.installHint) libccid`)"
        case let .readerNotFound(name):
            "no card reader named \"\(name)\" is connected"
        case let .noCard(reader, seconds):
            "no card was put on the reader \"\(reader)\" within \(seconds) s"
        case let .cardUnresponsive(reader):
            "the card on \"\(reader)\" does not answer; put it back on the reader, chip side as the reader shows"
        case let .cardInUse(reader):
            "another program is using the card on \"\(reader)\"; close it and try again"
        case .cancelled:
            "waiting for a card was cancelled"
        case let .failed(function, code):
            "\(function) failed: \(PCSC.Code(code))"
        }
    }

    /// The same failure as the reading protocol sees transport failures.
    public var transportError: CardTransportError {
        switch self {
        case .libraryMissing, .symbolMissing, .serviceNotRunning, .noReader, .readerNotFound: .readerGone
        case .noCard, .cardUnresponsive: .noCard
        case .cardInUse: .failed(code: Int64(PCSC.Code.sharingViolation.value))
        case .cancelled: .failed(code: Int64(PCSC.Code.cancelled.value))
        case let .failed(_, code): PCSC.Code(code).transportError
        }
    }
}
