import Foundation

/// What makes a PDF a PDF/A-2u (ISO 19005-2, level U) besides embedded fonts with ToUnicode: the XMP metadata
/// that says so and repeats /Info, an output intent with an ICC profile for the page's colours, and a file /ID.
enum ArchivalParts {
    /// The XMP packet: `pdfaid` part 2, conformance U; dc:title, xmp:CreateDate and pdf:Producer equal to /Info.
    static func metadata(title: String?, creationDate: Date) -> [UInt8] {
        var description = "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>U</pdfaid:conformance>"
        if let title {
            description += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">\(escaped(title))</rdf:li></rdf:Alt></dc:title>"
        }
        description += "<xmp:CreateDate>\(xmpDate(creationDate))</xmp:CreateDate><pdf:Producer>Madoguchi</pdf:Producer>"
        let packet = """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\
            <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:dc="http://purl.org/dc/elements/1.1/" \
            xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">\(description)</rdf:Description>\
            </rdf:RDF></x:xmpmeta>
            <?xpacket end="w"?>
            """
        return Array(packet.utf8)
    }

    /// The same instant as /CreationDate (`D:20260401093000+09'00'`), as XMP writes dates.
    static func xmpDate(_ date: Date) -> String {
        let pdf = PDFDateFormat.string(for: date)
        let d = Array(pdf.dropFirst(2))
        func part(_ from: Int, _ count: Int) -> String { String(d[from..<(from + count)]) }
        return "\(part(0, 4))-\(part(4, 2))-\(part(6, 2))T\(part(8, 2)):\(part(10, 2)):\(part(12, 2))+09:00"
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// An ICC v2 display profile for sRGB (IEC 61966-2.1): D50 white, the sRGB primaries adapted to D50, gamma
    /// 2.2 curves — the output intent every page's (grey) drawing is meant for.
    static let sRGBProfile: [UInt8] = {
        func u32(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        func s15(_ value: Double) -> [UInt8] { u32(UInt32(bitPattern: Int32((value * 65_536).rounded()))) }
        func sig(_ text: String) -> [UInt8] { Array(text.utf8) }
        func xyz(_ x: Double, _ y: Double, _ z: Double) -> [UInt8] { sig("XYZ ") + u32(0) + s15(x) + s15(y) + s15(z) }
        func padded(_ bytes: [UInt8]) -> [UInt8] { bytes + [UInt8](repeating: 0, count: (4 - bytes.count % 4) % 4) }
        let name = "sRGB IEC61966-2.1"
        let desc = sig("desc") + u32(0) + u32(UInt32(name.utf8.count + 1)) + Array(name.utf8) + [0]
            + u32(0) + u32(0) + [0, 0, 0] + [UInt8](repeating: 0, count: 67)
        let cprt = sig("text") + u32(0) + Array("No copyright, use freely".utf8) + [0]
        let curve = sig("curv") + u32(0) + u32(1) + [0x02, 0x33]  // gamma 563/256 ≈ 2.2
        let tags: [(String, [UInt8])] = [
            ("desc", desc), ("cprt", cprt), ("wtpt", xyz(0.9642, 1.0, 0.8249)),
            ("rXYZ", xyz(0.4361, 0.2225, 0.0139)), ("gXYZ", xyz(0.3851, 0.7169, 0.0971)), ("bXYZ", xyz(0.1431, 0.0606, 0.7141)),
            ("rTRC", curve), ("gTRC", curve), ("bTRC", curve),
        ]
        var table: [UInt8] = u32(UInt32(tags.count))
        var data: [UInt8] = []
        let dataStart = 128 + 4 + 12 * tags.count
        for (signature, content) in tags {
            table += sig(signature) + u32(UInt32(dataStart + data.count)) + u32(UInt32(content.count))
            data += padded(content)
        }
        let size = dataStart + data.count
        var header: [UInt8] = u32(UInt32(size)) + u32(0) + [0x02, 0x10, 0x00, 0x00] + sig("mntr") + sig("RGB ") + sig("XYZ ")
        header += [0x07, 0xEA, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]  // 2026-01-01 00:00:00
        header += sig("acsp") + u32(0) + u32(0) + u32(0) + u32(0) + [UInt8](repeating: 0, count: 8) + u32(0)
        header += s15(0.9642) + s15(1.0) + s15(0.8249) + u32(0)
        header += [UInt8](repeating: 0, count: 128 - header.count)
        return header + table + data
    }()

    /// A file identifier from the file's bytes (the same bytes give the same /ID): two halves of FNV-1a.
    static func identifier(_ bytes: [UInt8]) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b ^ UInt64(byte ^ 0x5A)) &* 0x0000_0100_0000_01B3
        }
        return String(format: "%016llX%016llX", a, b)
    }
}
