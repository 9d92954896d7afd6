import Foundation
@testable import MadoguchiServer
@testable import MadoguchiCore
import NIOCore
import Testing
import Vapor

/// The hand-written pieces of the page path (issue 15) say what the library pieces they replaced said.
@Suite struct RenderingTests {
    @Test func anElementTreeIsWrittenOnceInDocumentOrder() {
        let page = el("div", ["class": "a\"b", "hidden": "", "id": nil]) {
            el("p") { "x < y & " + "z" }
            for item in ["一", "二"] { el("li") { item } }
            el("br")
            el("option") { Ruby.marked("{世帯主|せたいぬし}") }
            el("title") { Ruby.marked("{世帯主|せたいぬし}の方") }
        } + Markup(trusted: "<hr>")
        let expected = #"<div class="a&quot;b" hidden><p>x &lt; y &amp; z</p><li>一</li><li>二</li><br>"#
            + "<option>世帯主（せたいぬし）</option><title>世帯主の方</title></div><hr>"
        #expect(page.html == expected)
        #expect(page.utf8Count == expected.utf8.count)
        #expect(String(buffer: page.buffer()) == expected)
        #expect(page.buffer().capacity >= expected.utf8.count)
        #expect(Markup().html.isEmpty && Markup().utf8Count == 0)
    }

    @Test func aFormIsReadAsVaporReadsIt() throws {
        #expect(try URLEncodedForm.fields("a=1&b=x+y&c=%E4%B8%96%e7%95%8C&d=&e&a=2&f=b=c&&g=%2B%26".utf8)
                == ["a": "2", "b": "x y", "c": "世界", "d": "", "e": "", "f": "b=c", "g": "+&"])
        #expect(try URLEncodedForm.fields("".utf8).isEmpty)
        for damaged in ["a=%", "a=%4", "a=%zz", "a=%FF", "%C3=1"] {
            #expect(throws: URLEncodedForm.Malformed.self, "\(damaged)") { try URLEncodedForm.fields(damaged.utf8) }
        }
        #expect(throws: URLEncodedForm.Malformed.self) { try URLEncodedForm.fields("a=1&b=2&c=3".utf8, limit: 2) }
        #expect(URLEncodedForm.value("lang", inQuery: "x=1&lang=vi") == "vi")
        #expect(URLEncodedForm.value("lang", inQuery: "x=%zz&lang=vi") == nil)
        #expect(URLEncodedForm.value("lang", inQuery: nil) == nil)

        // Two thousand generated forms as browsers send them (name=value pairs): where Vapor's decoder reads one,
        // ours reads the same; where it refuses (a broken escape, bytes that are not UTF-8), so do we.
        var generator = SplitMix64(seed: 15)
        let alphabet: [String] = "ab=+%2E4F9z ~-_.*世".map(String.init) + ["%E4%B8%96", "%41", "%2", "%g1", "%26", "%3D"]
        func piece(_ count: UInt64, without excluded: String) -> String {
            var text = ""
            for _ in 0..<Int(generator.next() % count) {
                let pick = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                if pick != excluded { text += pick }
            }
            return text
        }
        let vapor = URLEncodedFormDecoder()
        for _ in 0..<2_000 {
            var pairs: [String] = []
            // Names of their own: a broken escape in a value a later one replaces refuses the form here, where
            // Vapor only reads the last value of a name.
            for index in 0..<Int(generator.next() % 5) {
                let name = "n\(index)" + piece(6, without: "=")
                pairs.append(name + "=" + piece(8, without: ""))
            }
            let body = pairs.joined(separator: "&")
            let theirs = try? vapor.decode([String: String].self, from: body)
            let ours = try? URLEncodedForm.fields(body.utf8)
            #expect(ours == theirs, "\(body)")
        }
    }

    @Test func tokensAreBase64URLAndDigestsHexAsFoundationWritesThem() {
        for count in 0..<40 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 250) }
            let foundation = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(Tokens.base64URL(bytes) == foundation, "\(count) bytes")
        }
        let tokens = (0..<200).map { _ in Tokens.random() }
        #expect(Set(tokens).count == 200)
        #expect(tokens.allSatisfy { $0.utf8.count == 43 && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } })
        // Every character position takes many values: the 32 bytes are drawn, not zero-filled.
        #expect((0..<43).allSatisfy { position in Set(tokens.map { Array($0)[position] }).count > 10 })
        #expect(Tokens.digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func spacesAreTrimmedAsFoundationTrimsThem() {
        for text in ["", "  ", "\u{3000}山田\u{3000}", "\t x y \t", "\u{00A0}x\u{2003}", "x\n", " \n ", "a", "  b", "c  "] {
            #expect(text.trimmedOfSpaces == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
        }
    }

    /// A phone's live ticket is written by hand (`writeTicket`): it must read back as `JSONEncoder` wrote it, nil
    /// fields left out, a quote in a place name escaped, no ticket at all for an unknown secret.
    @Test func aPhonesTicketIsTheJSONTheEncoderWrote() throws {
        func ticket(_ state: QueueTicketState, position: Int?, wait: Double?, counter: Int?) -> QueueLiveState.TicketState {
            .init(label: "A-012", section: "JUMIN", sectionName: "市民課", sectionNameEn: "Residents \"A\"", state: state,
                  position: position, waitSeconds: wait, counter: counter, place: "本庁舎1階\n", placeEn: "1F \\ main", openCounters: 2)
        }
        let state = try QueueLiveState(version: 41, at: 1_764_000_000.25, sections: [], calls: [], recent: [], tickets: [
            "waiting": ticket(.waiting, position: 3, wait: 754.3125, counter: nil),
            "called": ticket(.called, position: nil, wait: nil, counter: 4),
            "soon": ticket(.waiting, position: 1, wait: 0, counter: nil),
        ])
        for token in ["waiting", "called", "soon", "unknown"] {
            var buffer = ByteBuffer(string: "data: ")
            state.writeTicket(token, into: &buffer)
            let written = String(buffer: buffer)
            #expect(written.hasPrefix("data: {"))
            let ours = try JSONSerialization.jsonObject(with: Data(written.dropFirst(6).utf8)) as? NSDictionary
            let encoded = try JSONEncoder().encode(QueueLiveState.Ticket(version: state.version, ticket: state.tickets[token]))
            let theirs = try JSONSerialization.jsonObject(with: encoded) as? NSDictionary
            #expect(ours != nil && ours == theirs, "\(token): \(written)")
        }
    }
}
