import Testing
@testable import MadoguchiCore

@Suite struct SampleCatalogLoadsTests {
    @Test func loadsEveryEventAndSection() {
        let catalog = SampleCatalog.catalog
        #expect(catalog.events.map(\.id) == ["move-in", "move-out", "move-within", "birth", "death", "marriage", "divorce"])
        #expect(catalog.sections.map(\.code) == ["JUMIN", "HOKEN_NENKIN", "KOUREI_KAIGO", "KODOMO", "HOIKU", "GAKKO", "SHOGAI", "ZEIMU", "KANKYO", "BOSHI"])
        #expect(catalog.section("JUMIN")?.name.ja == "市民課")
        #expect(catalog.version.count == 16)
    }
}
