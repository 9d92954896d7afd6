import Foundation
@testable import MadoguchiCore
@testable import MadoguchiServer
import Testing
import Vapor
import VaporTesting

@Suite struct GuideAPITests {
    static let familyOfFour = """
        {"event":"move-in","eventDate":"2026-04-01","plannedMoveOutDate":"2026-03-28","household":{"dogs":1},
         "members":[
          {"id":"a","relation":"head","sex":"male","birthDate":"1984-05-10","insurance":"national","myNumberCard":"standard"},
          {"id":"b","relation":"spouse","sex":"female","birthDate":"1987-09-02","insurance":"national"},
          {"id":"c","relation":"child","sex":"female","birthDate":"2015-06-20","insurance":"national"},
          {"id":"d","relation":"child","sex":"male","birthDate":"2018-11-03","insurance":"national"}]}
        """

    @Test func familyOfFourMovingInGetsItsProceduresInVisitingOrder() async throws {
        try await withMadoguchi { app in
            // MUT
            let response = try await app.postGuide(Self.familyOfFour)
            // validate
            #expect(response.status == .ok)
            #expect(response.headers.contentType == .json)
            #expect(try codes(response) == ["juki.tennyu", "myna.keizoku", "jpki.sign-reissue", "kokuho.kanyu",
                                             "jidoteate.nintei", "kodomo-iryo.shinsei", "gakko.tennyugaku", "inu.henko"])
            let procedures = try #require(try json(response)["procedures"] as? [[String: Any]])
            let tennyu = procedures[0]
            #expect(tennyu["section"] as? String == "JUMIN")
            #expect(tennyu["sectionName"] as? String == "市民課")
            #expect(tennyu["deadline"] as? String == "2026-04-15")
            #expect(tennyu["members"] as? [String] == ["a", "b", "c", "d"])
            #expect((tennyu["name"] as? [String: String])?["en"] == "Moving-in notification")
            // 転出予定日 3/28 + 15 days = 4/12, a Sunday → Monday 4/13.
            #expect(procedures.first { $0["code"] as? String == "jidoteate.nintei" }?["deadline"] as? String == "2026-04-13")
            #expect(procedures.first { $0["code"] as? String == "gakko.tennyugaku" }?["members"] as? [String] == ["c", "d"])
            #expect(procedures.first { $0["code"] as? String == "inu.henko" }?["members"] as? [String] == ["a"])
            #expect(procedures.first { $0["code"] as? String == "gakko.tennyugaku" }?["deadline"] is NSNull)
        }
    }

    /// The answer is written straight into the buffer; it is the document `JSONEncoder` writes, byte for byte, in
    /// every language, and a string with quotes, backslashes, control characters, `/` and Japanese round-trips.
    @Test func theWrittenAnswerIsTheEncodersDocument() async throws {
        try await withMadoguchi { app in
            let six = try String(contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Benchmarks/six-member-move-in.json").path, encoding: .utf8)
            let event = try GuideRequestParser(catalog: app.madoguchi.catalog).parse(json: Data(six.utf8))
            let findings = app.madoguchi.engine.evaluate(event)
            #expect(findings.count > 10)
            for language in [Language.ja, .en, .easy] {
                let answer = GuideAnswer(event: event.kind, findings: findings, language: language)
                let written = answer.json(allocator: ByteBufferAllocator())
                // Foundation's encoder orders keys by hash on Linux: the documents are compared as values; ours keeps
                // the contract's order.
                let encoded = try JSONSerialization.jsonObject(with: try GuideAnswer.encoder.encode(answer)) as? NSDictionary
                let mine = try JSONSerialization.jsonObject(with: Data(written.readableBytesView)) as? NSDictionary
                #expect(mine != nil && mine?.isEqual(encoded) == true, "\(language)")
                #expect(String(buffer: written).hasPrefix(#"{"event":"move-in","procedures":[{"code":"juki.tennyu","section":"JUMIN","sectionName":""#))
            }
        }
        var buffer = ByteBuffer()
        let tricky = "a\"b\\c\n\t\u{01}\u{1F}/あ𠮷\r"
        JSONWriter.escape(tricky, into: &buffer)
        let decoded = try JSONDecoder().decode(String.self, from: Data(buffer.readableBytesView))
        #expect(decoded == tricky)
        #expect(String(buffer: buffer) == #""a\"b\\c\n\t\u0001\u001f/あ𠮷\r""#)

        // Texts needing an escape at every place of a word of eight bytes and after it, and texts needing none
        // (written in one piece): each reads back as itself, in an object with keys around it.
        var generator = SplitMix64(seed: 8)
        let alphabet = ["a", "\"", "\\", "\n", "\u{1F}", "\u{0}", " ", "~", "\u{7F}", "あ", "𠮷", "/", "\u{20}", "!"]
        for round in 0..<2_000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 20) { text += alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            var writer = JSONWriter(allocator: ByteBufferAllocator(), capacity: 16)
            writer.object { w in
                w.key("a"); w.string(text)
                w.key("list"); w.strings([text, "x"])
                w.key("n"); w.int(round)
            }
            struct Read: Decodable { let a: String; let list: [String]; let n: Int }
            let read = try JSONDecoder().decode(Read.self, from: Data(writer.buffer.readableBytesView))
            #expect(read.a == text && read.list == [text, "x"] && read.n == round, "\(text.debugDescription)")
            #expect(!writer.buffer.readableBytesView.contains { $0 < 0x20 })
        }
    }

    @Test func englishTextsOnRequest() async throws {
        try await withMadoguchi { app in
            let response = try await app.postGuide(Self.familyOfFour, query: "?lang=en")
            let procedures = try #require(try json(response)["procedures"] as? [[String: Any]])
            #expect(procedures[0]["sectionName"] as? String == "Citizens Division")
            #expect((procedures[0]["reason"] as? String)?.contains("moved here") == true)
        }
    }

    static let badInputs: [(body: String, code: String, field: String?)] = [
        ("{", "invalid_json", nil),
        ("[1,2]", "invalid_type", nil),
        (#"{"eventDate":"2026-04-01","members":[{"relation":"head","sex":"male","birthDate":"1980-01-01"}]}"#, "missing_field", "event"),
        (#"{"event":"moving","eventDate":"2026-04-01","members":[{"relation":"head","sex":"male","birthDate":"1980-01-01"}]}"#, "invalid_value", "event"),
        (#"{"event":"move-in","eventDate":"2026-13-01","members":[{"relation":"head","sex":"male","birthDate":"1980-01-01"}]}"#, "invalid_date", "eventDate"),
        (#"{"event":"move-in","eventDate":"1970-01-01","members":[{"relation":"head","sex":"male","birthDate":"1960-01-01"}]}"#, "invalid_date", "eventDate"),
        (#"{"event":"move-in","eventDate":"2026-04-01","members":[]}"#, "no_members", "members"),
        (#"{"event":"move-in","eventDate":"2026-04-01"}"#, "missing_field", "members"),
        (#"{"event":"move-in","eventDate":"2026-04-01","members":[{"relation":"head","sex":"male","birthDate":"1980-01-01"},{"relation":"child","sex":"male","birthDate":"2026-02-30"}]}"#, "invalid_date", "members[1].birthDate"),
        (#"{"event":"move-in","eventDate":"2026-04-01","members":[{"relation":"boss","sex":"male","birthDate":"1980-01-01"}]}"#, "invalid_value", "members[0].relation"),
        (#"{"event":"move-in","eventDate":"2026-04-01","members":[{"relation":"head","birthDate":"1980-01-01"}]}"#, "missing_field", "members[0].sex"),
        (#"{"event":"move-in","eventDate":"2026-04-01","members":[{"relation":"head","sex":"male","birthDate":"1980-01-01","insurance":"private"}]}"#, "invalid_value", "members[0].insurance"),
        (#"{"event":"move-in","eventDate":"2026-04-01","members":[{"relation":"head","sex":"male","birthDate":"1980-01-01","receives":["money"]}]}"#, "invalid_value", "members[0].receives[0]"),
        (#"{"event":"move-in","eventDate":"2026-04-01","household":{"dogs":"two"},"members":[{"relation":"head","sex":"male","birthDate":"1980-01-01"}]}"#, "invalid_type", "household.dogs"),
        (#"{"event":"move-in","eventDate":"2026-04-01","household":{"dogs":-1},"members":[{"relation":"head","sex":"male","birthDate":"1980-01-01"}]}"#, "invalid_value", "household.dogs"),
        (#"{"event":"move-in","eventDate":"2026-04-01","members":[{"relation":"head","sex":"male","birthDate":"1980-01-01","pregnant":"yes"}]}"#, "invalid_type", "members[0].pregnant"),
        (#"{"event":"birth","eventDate":"2026-04-01","members":[{"relation":"head","sex":"male","birthDate":"1980-01-01"}]}"#, "missing_field", "members"),
        (#"{"event":"death","eventDate":"2026-04-01","members":[{"relation":"head","sex":"male","birthDate":"1940-01-01"}]}"#, "invalid_value", "members"),
    ]

    @Test(arguments: badInputs)
    func badInputIsA400WithTheErrorShape(_ bad: (body: String, code: String, field: String?)) async throws {
        try await withMadoguchi { app in
            let response = try await app.postGuide(bad.body)
            #expect(response.status == .badRequest)
            let error = try apiError(response)
            #expect(error.code == bad.code)
            #expect(error.field == bad.field)
        }
    }

    @Test func twentyMembersAreAnsweredTwentyOneAreNot() async throws {
        func body(_ count: Int) -> String {
            let members = (0..<count).map { i in
                #"{"relation":"\#(i == 0 ? "head" : "child")","sex":"female","birthDate":"2000-01-01"}"#
            }
            return #"{"event":"move-within","eventDate":"2026-04-01","members":[\#(members.joined(separator: ","))]}"#
        }
        try await withMadoguchi { app in
            #expect(try await app.postGuide(body(20)).status == .ok)
            let response = try await app.postGuide(body(21))
            #expect(response.status == .badRequest)
            #expect(try apiError(response).code == "too_many_members")
        }
    }

    @Test func aNonJSONContentTypeIsRefused() async throws {
        try await withMadoguchi { app in
            var headers = HTTPHeaders()
            headers.contentType = .plainText
            let response = try await app.testing().sendRequest(.POST, "/api/v1/guide", headers: headers, body: ByteBuffer(string: Self.familyOfFour))
            #expect(response.status == .badRequest)
            #expect(try apiError(response).code == "unsupported_media_type")
        }
    }

    @Test func aBodyOver64KiBIsRefusedOverRealHTTP() async throws {
        try await withMadoguchi { app in
            let padding = String(repeating: " ", count: 64 * 1024)
            let tester = try app.testing(method: .running(hostname: "127.0.0.1", port: 0))
            var headers = HTTPHeaders()
            headers.contentType = .json
            let big = try await tester.performTest(request: TestingHTTPRequest(
                method: .POST, url: URI(path: "/api/v1/guide"), headers: headers, body: ByteBuffer(string: Self.familyOfFour + padding)))
            #expect(big.status == .badRequest)
            #expect(try apiError(big).code == "body_too_large")
            // Just under the limit is still answered.
            let small = try await tester.performTest(request: TestingHTTPRequest(
                method: .POST, url: URI(path: "/api/v1/guide"), headers: headers, body: ByteBuffer(string: Self.familyOfFour + " ")))
            #expect(small.status == .ok)
        }
    }

    /// Damaged variants of a valid request: every answer is a 200 or a 400 with the error shape, never a 500.
    @Test func damagedRequestsNeverCauseA500() async throws {
        var generator = SplitMix64(seed: 20_261_127)
        let original = Array(Self.familyOfFour.utf8)
        let alphabet = Array(#"{}[]":,0123456789-truefalsnl"#.utf8) + [0xE3, 0x81, 0x82]
        try await withMadoguchi { app in
            for _ in 0..<300 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let at = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: bytes[at] = alphabet.randomElement(using: &generator)!
                    case 1: bytes.remove(at: at)
                    default: bytes.insert(alphabet.randomElement(using: &generator)!, at: at)
                    }
                }
                var headers = HTTPHeaders()
                headers.contentType = .json
                let response = try await app.testing().sendRequest(.POST, "/api/v1/guide", headers: headers, body: ByteBuffer(bytes: bytes))
                #expect(response.status == .ok || response.status == .badRequest, "\(String(decoding: bytes, as: UTF8.self))")
                if response.status == .badRequest { _ = try apiError(response) }
            }
        }
    }

    @Test func deeplyNestedJSONIsRefusedNotCrashed() async throws {
        try await withMadoguchi { app in
            let response = try await app.postGuide(String(repeating: "[", count: 30_000))
            #expect(response.status == .badRequest)
            #expect(try apiError(response).code == "invalid_json")
        }
    }
}

/// A small deterministic random generator, so a failing damaged request can be reproduced.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
