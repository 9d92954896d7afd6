import Testing
@testable import MadoguchiCard

/// The PC/SC glue that needs no reader: result codes, their meaning to the reading protocol, the C layout.
/// The transport itself runs through pcscd and vpcd in Tests/CardReader/test_card_reader.py.
@Suite("PC/SC (pcsc-lite loaded at run time)")
struct PCSCTests {
    @Test("pcsc-lite result codes become the transport's errors", arguments: [
        (UInt32(0x8010_0069), CardTransportError.cardRemoved),  // SCARD_W_REMOVED_CARD
        (0x8010_0068, .cardRemoved),  // SCARD_W_RESET_CARD: the verified PIN is lost just the same
        (0x8010_000C, .noCard),  // SCARD_E_NO_SMARTCARD
        (0x8010_0067, .noCard),  // SCARD_W_UNPOWERED_CARD
        (0x8010_002E, .readerGone),  // SCARD_E_NO_READERS_AVAILABLE
        (0x8010_001D, .readerGone),  // SCARD_E_NO_SERVICE
        (0x8010_0017, .readerGone),  // SCARD_E_READER_UNAVAILABLE
        (0x8010_0016, .failed(code: 0x8010_0016)),  // SCARD_E_NOT_TRANSACTED: anything else keeps its code
    ])
    func codes(value: UInt32, expected: CardTransportError) {
        #expect(PCSC.Code(value).transportError == expected)
    }

    @Test("LONG results are read on their low 32 bits, whether the library returns them positive or sign-extended")
    func longResults() {
        #expect(PCSC.Code(result: PCSC.LONG(truncatingIfNeeded: 0x8010_0069 as Int64)) == .removedCard)
        #expect(PCSC.Code(result: PCSC.LONG(truncatingIfNeeded: Int64(Int32(bitPattern: 0x8010_0069)))) == .removedCard)
        #expect(PCSC.Code(result: 0).isSuccess)
        #expect(PCSC.Code.removedCard.description == "SCARD_W_REMOVED_CARD (0x80100069)")
    }

    #if os(Linux)
    @Test("SCARD_READERSTATE as pcsc-lite lays it out on 64-bit Linux (DWORD is unsigned long)")
    func readerStateLayout() {
        #expect(MemoryLayout<PCSC.DWORD>.size == MemoryLayout<UInt>.size)
        #expect(MemoryLayout<PCSC.LONG>.size == MemoryLayout<Int>.size)
        if MemoryLayout<Int>.size == 8 {
            #expect(PCSC.ReaderState.currentState == 16)
            #expect(PCSC.ReaderState.eventState == 24)
            #expect(PCSC.ReaderState.atrLength == 32)
            #expect(PCSC.ReaderState.atr == 40)
            #expect(PCSC.ReaderState.size == 80)
        }
    }
    #endif

    @Test("A missing PC/SC stack reads as 'reader gone' and says what to install")
    func missingStack() {
        for error in [PCSCError.libraryMissing("libpcsclite.so.1: cannot open shared object file"), .serviceNotRunning, .noReader] {
            #expect(error.transportError == .readerGone)
            #expect(error.description.contains("apt install pcscd libpcsclite1"))
        }
        #expect(PCSCError.noCard(reader: "Virtual PCD 00 00", waitedSeconds: 5).transportError == .noCard)
        #expect(PCSCError.failed(function: "SCardTransmit", code: 0x8010_0069).transportError == .cardRemoved)
    }
}
