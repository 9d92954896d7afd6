import Testing
@testable import MadoguchiCore

@Suite struct FuriganaTests {
    @Test(arguments: [
        ("タカハシ　ケンジ", "タカハシ　ケンジ"),
        ("たかはし けんじ", "タカハシ　ケンジ"),
        ("  たかはし　　 けんじ  ", "タカハシ　ケンジ"),
        ("ﾀｶﾊｼ ｹﾝｼﾞ", "タカハシ　ケンジ"),
        ("ｶﾞ", "ガ"), ("ﾊﾟ", "パ"), ("ﾋﾞﾋﾟﾌﾞﾌﾟﾍﾞﾍﾟﾎﾞﾎﾟ", "ビピブプベペボポ"), ("ｳﾞｨｸﾄﾙ", "ヴィクトル"),
        ("ｻﾞｼﾞｽﾞｾﾞｿﾞﾀﾞﾁﾞﾂﾞﾃﾞﾄﾞ", "ザジズゼゾダヂヅデド"),
        ("ｦｧｨｩｪｫｬｭｮｯｰ･ﾝ", "ヲァィゥェォャュョッー・ン"),
        ("ヴァイオレット", "ヴァイオレット"), ("ゔぁいおれっと", "ヴァイオレット"),
        ("キョウコ", "キョウコ"), ("ゆうこ", "ユウコ"), ("ヶ", "ヶ"), ("ゖ", "ヶ"), ("ぁぃぅぇぉっゃゅょゎ", "ァィゥェォッャュョヮ"),
        ("ユーリ", "ユーリ"), ("ｼﾞｮｰｼﾞ", "ジョージ"),
        ("ジョン・スミス", "ジョン・スミス"),
        ("か\u{3099}", "ガ"), ("は\u{309A}", "パ"), ("カ゛", "ガ"), ("ハ゜", "パ"),
        ("グエン ヴァン アン", "グエン　ヴァン　アン"),
    ])
    func normalizes(input: String, expected: String) throws {
        let result = try #require(Furigana.normalized(input))
        #expect(Array(result.unicodeScalars) == Array(expected.unicodeScalars))
        #expect(Furigana.isValid(input))
    }

    @Test(arguments: [
        "", "   ", "　", "高橋　ケンジ", "タカハシ ken", "タカハシ1", "タカハシ１", "ﾀｶﾊｼ!", "タカハシ\tケンジ", "タカハシ\nケンジ",
        "ﾞ", "ガ\u{3099}", "ー\u{309A}", "ア゛", "ヷ", "ヽ", "ゝ", "〜", "タカハシ-ケンジ", "ㇰ",
    ])
    func rejects(input: String) {
        #expect(Furigana.normalized(input) == nil)
        #expect(!Furigana.isValid(input))
    }

    @Test func theNormalizedFormIsItsOwnNormalization() throws {
        for text in ["たかはし けんじ", "ﾊﾟﾊﾟ ｶﾞｶﾞ", "ヴ ー ・"] {
            let once = try #require(Furigana.normalized(text))
            #expect(Furigana.normalized(once) == once)
        }
    }
}
