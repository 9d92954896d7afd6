import Testing
@testable import MadoguchiCore

@Suite struct CaseStateTests {
    @Test func aCaseMovesForwardOneStepAtATime() throws {
        var state = CaseState.draft
        for (event, expected) in [(CaseEvent.confirm, CaseState.confirmed), (.sign, .signed), (.handOff, .handedOff), (.complete, .completed)] {
            state = try CaseStateMachine.state(after: event, from: state)
            #expect(state == expected)
        }
    }

    @Test func printingForAPenSignatureIsAnotherWayToSign() throws {
        #expect(try CaseStateMachine.state(after: .signOnPaper, from: .confirmed) == .signed)
    }

    @Test func editingAfterConfirmationGoesBackToDraft() throws {
        #expect(try CaseStateMachine.state(after: .edit, from: .confirmed) == .draft)
        #expect(try CaseStateMachine.state(after: .edit, from: .signed) == .draft)
    }

    /// Every pair not in the table is refused.
    @Test func illegalMovesAreRefused() {
        let legal: Set<String> = ["draft>confirm", "confirmed>edit", "signed>edit", "confirmed>sign", "confirmed>sign-on-paper",
                                  "signed>hand-off", "handed-off>complete", "draft>cancel", "confirmed>cancel", "signed>cancel",
                                  "handed-off>cancel"]
        for state in CaseState.allCases {
            for event in CaseEvent.allCases {
                let allowed = (try? CaseStateMachine.state(after: event, from: state)) != nil
                #expect(allowed == legal.contains("\(state.rawValue)>\(event.rawValue)"), "\(state) \(event)")
            }
        }
        #expect(throws: IllegalCaseMove(from: .draft, event: .handOff)) { try CaseStateMachine.state(after: .handOff, from: .draft) }
        #expect(CaseStateMachine.allowedEvents(from: .completed).isEmpty)
        #expect(CaseStateMachine.allowedEvents(from: .draft) == [.confirm, .cancel])
    }

    @Test func proceduresMoveOnTheWorkList() {
        #expect(ProcedureStatus.waiting.after(.handOff) == .open)
        #expect(ProcedureStatus.open.after(.markDone) == .done)
        #expect(ProcedureStatus.open.after(.giveBack) == .returned)
        #expect(ProcedureStatus.returned.after(.resend) == .open)
        #expect(ProcedureStatus.done.after(.giveBack) == nil)
        #expect(ProcedureStatus.waiting.after(.markDone) == nil)
        #expect(ProcedureStatus.allDone([.done, .done]))
        #expect(!ProcedureStatus.allDone([.done, .returned]))
        #expect(!ProcedureStatus.allDone([]))
    }
}

@Suite struct CaseReferenceTests {
    @Test func referencesAreShortUnambiguousAndDifferent() {
        let references = (0..<2_000).map { _ in CaseReference.make() }
        #expect(Set(references).count == references.count)
        for reference in references {
            #expect(reference.count == 9)
            #expect(reference.allSatisfy { $0 == "-" || CaseReference.alphabet.contains($0) })
            #expect(!reference.contains { "01OIL".contains($0) })
        }
    }

    @Test func whatAScannerOrAPersonTypesIsRead() {
        #expect(CaseReference.normalized("k7qm-3txa") == "K7QM-3TXA")
        #expect(CaseReference.normalized("K7QM3TXA") == "K7QM-3TXA")
        #expect(CaseReference.normalized("https://madoguchi.example/c/K7QM-3TXA") == "K7QM-3TXA")
        #expect(CaseReference.normalized("K7QM 3TXA") == "K7QM-3TXA")
    }

    @Test func lookAlikesAndWrongLengthsAreRefusedNotGuessed() {
        #expect(CaseReference.normalized("K7QM-3TX0") == nil)
        #expect(CaseReference.normalized("K7QM-3TXI") == nil)
        #expect(CaseReference.normalized("K7QM-3TX") == nil)
        #expect(CaseReference.normalized("K7QM-3TXAA") == nil)
        #expect(CaseReference.normalized("") == nil)
    }
}
