import Foundation
import Testing
@testable import MadoguchiCore

/// The FieldError of a check, or a recorded failure when the check passes.
private func fieldError<T>(_ check: () throws(FieldError) -> T, sourceLocation: SourceLocation = #_sourceLocation) -> FieldError? {
    do {
        _ = try check()
        Issue.record("accepted, expected a FieldError", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

@Suite struct PersonNameTests {
    @Test func variantCharactersSurviveUnchanged() throws {
        let taka = "\u{9AD9}橋"  // 髙橋 (はしご高)
        let saki = "山\u{FA11}"  // 山﨑 (たつさき, a CJK compatibility ideograph)
        let nabe = "渡\u{908A}"  // 渡邊
        for family in [taka, saki, nabe] {
            let name = try PersonName(family: family, given: "一郎")
            #expect(name.family.unicodeScalars.map(\.value) == family.unicodeScalars.map(\.value))
        }
        #expect(try PersonName(family: taka, given: "一郎").family.unicodeScalars.map(\.value) == [0x9AD9, 0x6A4B])
        #expect(try PersonName(family: saki, given: "一郎").family.unicodeScalars.map(\.value) == [0x5C71, 0xFA11])
    }

    /// U+FA10 塚 is canonically equivalent to U+585A 塚: Swift's `==` and NFC make them one, a register must not.
    @Test func equalityIsByUnicodeScalarsNotCanonicalEquivalence() throws {
        let compatibility = "\u{FA10}本", unified = "\u{585A}本"
        #expect(compatibility == unified)  // Why PersonName must not use String ==.
        #expect(compatibility.precomposedStringWithCanonicalMapping.unicodeScalars.first == "\u{585A}")  // NFC loses it.

        let a = try PersonName(family: compatibility, given: "花子")
        let b = try PersonName(family: unified, given: "花子")
        #expect(a != b)
        #expect(Set([a, b]).count == 2)
        #expect(a.family.unicodeScalars.first == "\u{FA10}")
        #expect(a == (try PersonName(family: " \u{FA10}本　", given: "花子")))
    }

    @Test func variationSelectorsAreKeptAndCountAsOneCharacter() throws {
        let katsura = "\u{845B}\u{E0100}城"  // 葛 with an IVS, as MJ glyphs are exchanged
        let name = try PersonName(family: katsura, given: "太郎")
        #expect(name.family.unicodeScalars.map(\.value) == [0x845B, 0xE0100, 0x57CE])
        #expect(name.family.count == 2)
    }

    @Test func fullUsesAFullWidthSpace() throws {
        let name = try PersonName(family: "\u{9AD9}橋", given: "健司")
        #expect(name.full == "\u{9AD9}橋\u{3000}健司")
        #expect("\(name)" == name.full)
    }

    @Test func onlySurroundingSpacesAreTrimmed() throws {
        let name = try PersonName(family: "　 髙橋 ", given: "\u{3000}健司\u{3000}")
        #expect(name.family == "髙橋")
        #expect(name.given == "健司")
        #expect(try PersonName(family: "デ ラ クルス", given: "マリア").family == "デ ラ クルス")
    }

    @Test func lengthIsOneToFortyCharacters() throws {
        #expect(try PersonName(family: "林", given: "一").full == "林　一")
        #expect(try PersonName(family: String(repeating: "林", count: 40), given: "一").family.count == 40)
        #expect(fieldError { () throws(FieldError) in try PersonName(family: String(repeating: "林", count: 41), given: "一") }?.field == "family")
        #expect(fieldError { () throws(FieldError) in try PersonName(family: "林", given: "") }?.field == "given")
        #expect(fieldError { () throws(FieldError) in try PersonName(family: "　 ", given: "一") }?.field == "family")
    }

    @Test(arguments: ["髙橋\n", "髙\t橋", "髙橋\u{0}", "髙橋\u{200B}", "髙\u{202E}橋", "<b>髙橋</b>", "髙橋&", "\"髙橋\"", "髙`橋",
                      "髙\u{E000}", "髙\u{F0000}", "髙\u{FFFD}", "髙〓", "髙\u{2028}橋"])
    func forbiddenCharactersAreRejected(family: String) {
        let error = fieldError { () throws(FieldError) in try PersonName(family: family, given: "健司") }
        #expect(error?.field == "family")
    }

    @Test func alphabetNameIsUpperCaseLettersSpacesHyphensApostrophes() throws {
        #expect(try PersonName(family: "NGUYEN", given: "VAN AN", alphabetName: "NGUYEN VAN AN").alphabetName == "NGUYEN VAN AN")
        #expect(try PersonName(family: "グエン", given: "アン", alphabetName: " nguyen van an ").alphabetName == "NGUYEN VAN AN")
        #expect(try PersonName(family: "オブライエン", given: "メアリー", alphabetName: "O'BRIEN-SMITH MARY").alphabetName
            == "O'BRIEN-SMITH MARY")
        #expect(try PersonName(family: "山田", given: "花子").alphabetName == nil)
        for bad in ["NGUYỄN VAN AN", "MARY2", "", " ", "--", "ＮＧＵＹＥＮ", "SMITH, JOHN", "<SCRIPT>"] {
            #expect(fieldError { () throws(FieldError) in try PersonName(family: "A", given: "B", alphabetName: bad) }?.field
                == "alphabetName", "\(bad)")
        }
    }
}
