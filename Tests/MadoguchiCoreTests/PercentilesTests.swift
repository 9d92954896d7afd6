import Testing
@testable import MadoguchiCore

@Suite struct PercentilesTests {
    @Test func nearestRankPercentiles() {
        let values: [Double] = [15, 20, 35, 40, 50]
        #expect(Percentiles.median(values) == 35)
        #expect(Percentiles.value(0.9, of: values) == 50)
        #expect(Percentiles.value(0.3, of: values) == 20)
        #expect(Percentiles.value(0.0, of: values) == 15)
        #expect(Percentiles.median([7]) == 7)
        #expect(Percentiles.median([]) == nil)
        #expect(Percentiles.median([4, 1, 3, 2]) == 2, "unsorted input, even count: the lower middle")
    }
}
