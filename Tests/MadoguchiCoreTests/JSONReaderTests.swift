import Testing
@testable import MadoguchiCore

@Suite struct JSONReaderTests {
    private func read(_ text: String) -> JSONValue? { try? JSONReader.parse(Array(text.utf8)) }

    @Test func readsEveryKindOfValue() {
        #expect(read(#" {"a": [1, -2.5, 3e2, true, false, null, "x"], "b": {}} "#) == .object([
            "a": .array([.number(1), .number(-2.5), .number(300), .bool(true), .bool(false), .null, .string("x")]),
            "b": .object([:]),
        ]))
        #expect(read("[]") == .array([]))
        #expect(read("0") == .number(0))
    }

    @Test func readsEscapesAndJapanese() {
        #expect(read(#""a\"b\\c\/d\n\t""#) == .string("a\"b\\c/d\n\t"))
        #expect(read(#""\u5e02\u6c11\u8ab2""#) == .string("市民課"))
        #expect(read(#""𠮷野家""#) == .string("𠮷野家"))
        #expect(read(#""\ud842\udfb7""#) == .string("𠮷"))  // a surrogate pair
    }

    @Test(arguments: [
        "", "{", "[1,]", #"{"a":1,}"#, "01", "1.", "-", ".5", "+1", "1e", "tru", "nul", #""abc"#, #"{"a" 1}"#, #"{a:1}"#,
        "[1 2]", #""\x""#, #""\ud842""#, #""\udfb7""#, "\"tab\there\"", "1 2", "NaN", "Infinity", "1e999",
    ])
    func refusesWhatIsNotJSON(_ text: String) {
        #expect(read(text) == nil)
    }

    @Test func refusesInvalidUTF8() {
        #expect((try? JSONReader.parse([0x22, 0xFF, 0xFE, 0x22])) == nil)
    }

    @Test func limitsNesting() {
        let ok = String(repeating: "[", count: JSONReader.maxDepth - 1) + String(repeating: "]", count: JSONReader.maxDepth - 1)
        #expect(read(ok) != nil)
        let deep = String(repeating: "[", count: JSONReader.maxDepth + 1) + String(repeating: "]", count: JSONReader.maxDepth + 1)
        #expect(read(deep) == nil)
        #expect(read(String(repeating: "[", count: 100_000)) == nil)
    }
}
