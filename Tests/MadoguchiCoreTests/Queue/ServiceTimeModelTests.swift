import Testing
@testable import MadoguchiCore

@Suite struct ServiceTimeModelTests {
    /// 30 certificate issues between 8 and 12 minutes, mean 10.
    private func modelWithHistory() -> ServiceTimeModel {
        var model = ServiceTimeModel(configuration: .init(priors: ["shomei": 300]))
        for index in 0..<30 {
            model.record(section: "shimin", purposes: ["shomei"], seconds: 480 + Double(index % 5) * 60)
        }
        return model
    }

    @Test func aForgottenFinishButtonBarelyMovesTheEstimate() {
        // setup
        var model = modelWithHistory()
        let before = model.expected(section: "shimin", purposes: ["shomei"])
        // MUT: one visit recorded ten times too long
        model.record(section: "shimin", purposes: ["shomei"], seconds: 10 * before)
        // validate: a plain mean would move by about 30%
        let after = model.expected(section: "shimin", purposes: ["shomei"])
        #expect(abs(before - 600) < 1)
        #expect(after > before && after < before * 1.07)
    }

    @Test func aPurposeWithoutObservationsUsesItsPrior() {
        let model = ServiceTimeModel(configuration: .init(priors: ["tennyu": 1500]))
        #expect(model.expected(section: "shimin", purposes: ["tennyu"]) == 1500)
    }

    @Test func aPurposeWithoutPriorOrObservationsUsesTheGlobalDefault() {
        let model = ServiceTimeModel(configuration: .init(defaultSeconds: 600))
        #expect(model.expected(section: "shimin", purposes: ["unknown"]) == 600)
    }

    @Test func priorsAreCalibratedByHowTheSectionCompares() {
        // setup: certificates take twice their prior
        var model = ServiceTimeModel(configuration: .init(priors: ["shomei": 300, "tennyu": 1000]))
        for _ in 0..<4 { model.record(section: "shimin", purposes: ["shomei"], seconds: 600) }
        #expect(model.expected(section: "shimin", purpose: "tennyu") == 1000)
        // MUT: the fifth observation makes the section's calibration trusted
        model.record(section: "shimin", purposes: ["shomei"], seconds: 600)
        // validate
        #expect(abs(model.expected(section: "shimin", purpose: "tennyu") - 2000) < 1)
        #expect(abs(model.expected(section: "shimin", purpose: "shomei") - 600) < 1)
        #expect(model.expected(section: "hoken", purpose: "tennyu") == 1000)
    }

    @Test func aPurposeWithoutPriorFallsBackToTheSectionsTypicalTime() {
        var model = ServiceTimeModel()
        for _ in 0..<5 { model.record(section: "hoken", purposes: ["kokuho.kanyu"], seconds: 900) }
        #expect(abs(model.expected(section: "hoken", purpose: "nenkin") - 900) < 1)
        #expect(model.expected(section: "shimin", purpose: "nenkin") == 600)
    }

    @Test func severalPurposesAddTheLongestAndAShareOfTheRest() {
        let model = ServiceTimeModel(configuration: .init(
            additionalPurposeShare: 0.8, priors: ["tennyu": 1500, "mynumber": 900]))
        #expect(abs(model.expected(section: "shimin", purposes: ["tennyu", "mynumber"]) - (1500 + 0.8 * 900)) < 1)
    }

    @Test func aVisitWithSeveralPurposesTeachesEachPurpose() {
        var model = ServiceTimeModel(configuration: .init(additionalPurposeShare: 1, priors: ["a": 600, "b": 600]))
        for _ in 0..<5 { model.record(section: "s", purposes: ["a", "b"], seconds: 1800) }
        #expect(model.observationCount(section: "s", purpose: "a") == 5)
        #expect(abs(model.expected(section: "s", purpose: "a") - 900) < 1)
    }

    @Test func theNaiveMeanIsThePlainMeanOfTickets() {
        var model = ServiceTimeModel()
        #expect(model.meanTicketSeconds(section: "shimin") == nil)
        model.record(section: "shimin", purposes: ["shomei"], seconds: 300)
        model.record(section: "shimin", purposes: ["tennyu"], seconds: 1500)
        model.record(section: "shimin", purposes: ["tennyu"], seconds: 0)  // ignored
        #expect(model.meanTicketSeconds(section: "shimin") == 900)
    }
}
