import Testing
@testable import MadoguchiCore

/// The parse error of `text`, or a recorded failure when it parses.
private func parseError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ConditionSyntaxError? {
    do {
        let condition = try ConditionParser.parse(text)
        Issue.record("“\(text)” parsed as \(condition), expected an error", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

@Suite struct ConditionParserTests {
    // MARK: Valid conditions

    @Test func alwaysIsTrue() throws {
        #expect(try ConditionParser.parse("always") == .literal(.bool(true)))
    }

    @Test func householdComparison() throws {
        #expect(try ConditionParser.parse("household.dogs > 0") == .compare(.event(.dogs), .greater, .literal(.int(0))))
    }

    @Test func quantifierWithMembershipAndNegation() throws {
        let parsed = try ConditionParser.parse(#"any(moving, insurance in ["national", "none"] and not kouki)"#)
        #expect(parsed == .quantified(.any, .moving, .and(
            .contains(element: .member(.insurance), list: .literal(.list(["national", "none"]))),
            .not(.member(.kouki)))))
    }

    @Test func andBindsTighterThanOr() throws {
        let parsed = try ConditionParser.parse("not from.abroad or household.dogs > 0 and household.mopeds > 0")
        #expect(parsed == .or(
            .not(.event(.fromAbroad)),
            .and(.compare(.event(.dogs), .greater, .literal(.int(0))),
                 .compare(.event(.mopeds), .greater, .literal(.int(0))))))
    }

    @Test func countComparesWithANumber() throws {
        let parsed = try ConditionParser.parse("any(deceased, head) and count(survivors, age >= 15) >= 2")
        #expect(parsed == .and(
            .quantified(.any, .deceased, .member(.head)),
            .compare(.count(.survivors, .compare(.member(.age), .greaterOrEqual, .literal(.int(15)))), .greaterOrEqual, .literal(.int(2)))))
    }

    @Test func textInAListFactAndNotIn() throws {
        #expect(try ConditionParser.parse(#"none(members, "child-allowance" in receives)"#)
            == .quantified(.none, .members, .contains(element: .literal(.string("child-allowance")), list: .member(.receives))))
        #expect(try ConditionParser.parse(#"all(moving, relation not in ["head", "spouse"])"#)
            == .quantified(.all, .moving, .not(.contains(element: .member(.relation), list: .literal(.list(["head", "spouse"]))))))
    }

    @Test func pensionCategoryComparesWithANumberOrNull() throws {
        #expect(try ConditionParser.parse("any(members, pensionCategory == 3)")
            == .quantified(.any, .members, .compare(.member(.pensionCategory), .equal, .literal(.int(3)))))
        #expect(try ConditionParser.parse("any(members, pensionCategory != null)")
            == .quantified(.any, .members, .compare(.member(.pensionCategory), .notEqual, .literal(.null))))
    }

    @Test func aQuantifierWithoutAConditionAsksForAnyoneInTheSet() throws {
        #expect(try ConditionParser.parse("any(newborn)") == .quantified(.any, .newborn, .literal(.bool(true))))
    }

    @Test func everyConditionOfTheSampleCatalogParses() {
        let triggers = SampleCatalog.catalog.events.flatMap(\.triggers)
        #expect(triggers.count == 62)
        for trigger in triggers {
            #expect((try? ConditionParser.parse(trigger.conditionText)) == trigger.condition, "\(trigger.conditionText)")
        }
    }

    // MARK: Errors

    @Test func unknownMemberFactNamesTheTypoAndItsOffset() throws {
        let error = try #require(parseError(#"any(moving, insurence == "national")"#))
        #expect(error.offset == 12)
        #expect(error.message.contains("unknown member fact 'insurence'"))
        #expect(error.message.contains("insurance"), "lists the known facts")
    }

    @Test func enumValueOutsideItsDomainListsThePossibleValues() throws {
        let error = try #require(parseError(#"any(moving, insurance == "nationl")"#))
        #expect(error.offset == 12)
        #expect(error.message.contains("'nationl' is not a possible value"))
        #expect(error.message.contains("national"))
        #expect(error.message.contains("late-elderly"))
    }

    @Test func enumValueIsCheckedWhenWrittenOnTheLeft() {
        let error = parseError(#"any(moving, "nationl" == insurance)"#, sourceLocation: #_sourceLocation)
        #expect(error?.offset == 12)
        #expect(error?.message.contains("'nationl' is not a possible value") == true)
        // Written the right way round, the valid value parses.
        #expect((try? ConditionParser.parse(#"any(moving, "national" == insurance)"#)) != nil)
    }

    @Test func enumValueInAListIsChecked() throws {
        let error = try #require(parseError(#"any(moving, insurance in ["national", "nothing"])"#))
        #expect(error.offset == 12)
        #expect(error.message.contains("'nothing'"))
    }

    @Test func listValueOfAListFactIsChecked() throws {
        let error = try #require(parseError(#"any(members, "child-alowance" in receives)"#))
        #expect(error.offset == 13)
        #expect(error.message.contains("'child-alowance' is not a possible value"))
        #expect(error.message.contains("child-rearing-allowance"))
    }

    @Test func memberFactOutsideAQuantifier() throws {
        let error = try #require(parseError("household.dogs > 0 and pregnant"))
        #expect(error.offset == 23)
        #expect(error.message.contains("'pregnant' is a member fact"))
        #expect(error.message.contains("any(set"))
    }

    @Test func unknownHouseholdFact() throws {
        let error = try #require(parseError("household.cats > 0"))
        #expect(error.offset == 0)
        #expect(error.message.contains("unknown fact 'household.cats'"))
        #expect(error.message.contains("household.dogs"))
    }

    @Test func unclosedString() throws {
        let error = try #require(parseError(#"any(members, relation == "head)"#))
        #expect(error.offset == 25)
        #expect(error.message.contains("not closed"))
    }

    @Test func typeMismatchInAComparison() throws {
        let error = try #require(parseError(#"any(members, age == "x")"#))
        #expect(error.offset == 13)
        #expect(error.message.contains("cannot compare a number with a text"))
    }

    @Test func orderingTextsIsRefused() throws {
        let error = try #require(parseError(#"any(members, sex < "male")"#))
        #expect(error.offset == 13)
        #expect(error.message.contains("only be compared with == or !="))
    }

    @Test func nestedQuantifier() throws {
        let error = try #require(parseError("any(members, any(moving, pregnant))"))
        #expect(error.offset == 13)
        #expect(error.message.contains("cannot be nested"))
    }

    @Test func unknownFunction() throws {
        let error = try #require(parseError("always and exists(moving, pregnant)"))
        #expect(error.offset == 11)
        #expect(error.message.contains("unknown function 'exists'"))
        #expect(error.message.contains("any, all, none or count"))
    }

    @Test func unknownMemberSet() throws {
        let error = try #require(parseError("any(kids, pregnant)"))
        #expect(error.offset == 4)
        #expect(error.message.contains("needs a member set"))
        #expect(error.message.contains("children"))
    }

    @Test func aConditionMustBeYesOrNo() throws {
        let error = try #require(parseError("household.dogs"))
        #expect(error.message.contains("must be yes or no"))
    }

    @Test func notNeedsYesOrNo() throws {
        let error = try #require(parseError("not household.mopeds"))
        #expect(error.message.contains("expected yes or no"))
    }

    @Test func unknownOperatorAndCharacter() throws {
        let bang = try #require(parseError("household.dogs ! 0"))
        #expect(bang.offset == 15)
        #expect(bang.message.contains("unknown operator '!'"))
        let ampersand = try #require(parseError("from.abroad && always"))
        #expect(ampersand.offset == 12)
        #expect(ampersand.message.contains("unexpected character '&'"))
    }

    @Test func unbalancedParentheses() throws {
        let open = try #require(parseError("any(moving, pregnant"))
        #expect(open.offset == 20)
        #expect(open.message.contains("expected ')'"))
        let extra = try #require(parseError("any(moving, pregnant))"))
        #expect(extra.offset == 21)
        #expect(extra.message.contains("after the end of the condition"))
    }

    @Test func emptyCondition() throws {
        let error = try #require(parseError(""))
        #expect(error.offset == 0)
        #expect(error.message.contains("expected a value"))
    }

    @Test func aQuantifiersConditionMustBeYesOrNo() {
        // `any(moving, insurance)` forgets the comparison: it would never hold, silently.
        #expect(parseError("any(moving, insurance)", sourceLocation: #_sourceLocation) != nil)
        #expect(parseError("count(moving, age) > 1", sourceLocation: #_sourceLocation) != nil)
        // Inside `and`, the same mistake is caught.
        #expect(parseError("always and any(moving, insurance)") != nil)
    }
}
