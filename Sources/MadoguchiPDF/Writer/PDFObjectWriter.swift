/// Writes numbered PDF objects into one buffer, remembering each object's byte offset for
/// the cross-reference table, and closes the file with xref and trailer.
///
/// Object numbers are reserved before the objects are written because pages refer to the
/// font, whose contents are only known after every page has been encoded.
struct PDFObjectWriter {
    private(set) var bytes: [UInt8] = []
    /// Byte offset of object `n` at index `n - 1`; -1 while reserved but not yet written.
    private var offsets: [Int] = []

    init(expectedSize: Int) {
        bytes.reserveCapacity(expectedSize)
        bytes.appendASCII("%PDF-1.7\n")
        // A comment of high bytes tells transfer tools the file is binary.
        bytes.append(contentsOf: [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A])
    }

    mutating func reserve() -> Int {
        offsets.append(-1)
        return offsets.count
    }

    /// Writes object `number` whose body `write` appends (a dictionary, an array, …).
    mutating func object(_ number: Int, _ write: (inout [UInt8]) -> Void) {
        begin(number)
        write(&bytes)
        bytes.appendASCII("\nendobj\n")
    }

    /// Writes object `number` as a stream; `entries` are dictionary entries besides /Length.
    mutating func stream(_ number: Int, entries: String = "", data: [UInt8]) {
        begin(number)
        bytes.appendASCII("<< /Length ")
        bytes.appendInteger(data.count)
        if !entries.isEmpty {
            bytes.append(UInt8(ascii: " "))
            bytes.appendText(entries)
        }
        bytes.appendASCII(" >>\nstream\n")
        bytes.append(contentsOf: data)
        bytes.appendASCII("\nendstream\nendobj\n")
    }

    /// Appends the xref table and trailer and returns the finished file.
    /// `id`: the file identifier (hex), written twice as /ID (PDF/A requires one).
    mutating func finish(root: Int, info: Int, id: String) -> [UInt8] {
        let xref = bytes.count
        bytes.appendASCII("xref\n0 ")
        bytes.appendInteger(offsets.count + 1)
        // Entries are exactly 20 bytes: 10-digit offset, 5-digit generation, type, 2-byte EOL.
        bytes.appendASCII("\n0000000000 65535 f \n")
        for offset in offsets {
            precondition(offset >= 0, "a reserved PDF object was never written")
            appendPadded(offset, digits: 10)
            bytes.appendASCII(" 00000 n \n")
        }
        bytes.appendASCII("trailer\n<< /Size ")
        bytes.appendInteger(offsets.count + 1)
        bytes.appendASCII(" /Root ")
        bytes.appendInteger(root)
        bytes.appendASCII(" 0 R /Info ")
        bytes.appendInteger(info)
        bytes.appendASCII(" 0 R /ID [<")
        bytes.appendText(id)
        bytes.appendASCII("> <")
        bytes.appendText(id)
        bytes.appendASCII(">] >>\nstartxref\n")
        bytes.appendInteger(xref)
        bytes.appendASCII("\n%%EOF\n")
        return bytes
    }

    private mutating func begin(_ number: Int) {
        offsets[number - 1] = bytes.count
        bytes.appendInteger(number)
        bytes.appendASCII(" 0 obj\n")
    }

    private mutating func appendPadded(_ value: Int, digits: Int) {
        var divisor = 1
        for _ in 1..<digits { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(truncatingIfNeeded: 48 + rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}
