import Testing
@testable import MadoguchiCore

@Suite struct CallOrderTests {
    private func ticket(
        _ id: String, at issuedAt: Seconds, priority: Bool = false, slot: Seconds? = nil,
        state: QueueTicketState = .waiting
    ) -> QueueTicketSnapshot {
        QueueTicketSnapshot(
            id: id, section: "shimin", purposes: ["shomei"], issuedAt: issuedAt,
            priority: priority, reservationSlot: slot, state: state)
    }

    /// The whole order, sorted lane by lane, is the order `next` gives when called again and again (the rule's
    /// own definition), for a thousand generated queues of every kind of ticket.
    @Test func theOrderIsWhatCallingNextAgainAndAgainGives() {
        var seed: UInt64 = 0x5EED
        func draw(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        for round in 0..<1_000 {
            let now: Seconds = 10_000
            let waiting = (0..<draw(40)).map { index in
                ticket("t\(index)", at: Seconds(draw(12_000)), priority: draw(10) == 0,
                       slot: draw(3) == 0 ? Seconds(8_000 + draw(4_000)) : nil,
                       state: draw(8) == 0 ? .called : .waiting)
            }
            let inARow = draw(4)
            var remaining = waiting, count = inARow, expected: [String] = []
            while let next = CallOrder.next(waiting: remaining, now: now, reservedInARow: count) {
                expected.append(next.id)
                remaining.removeAll { $0.id == next.id }
                count = CallOrder.reservedInARow(count, after: CallOrder.lane(of: next, now: now))
            }
            #expect(CallOrder.ordered(waiting: waiting, now: now, reservedInARow: inARow).map(\.id) == expected, "round \(round)")
        }
    }

    @Test func priorityTicketsGoFirstByIssueTime() {
        // setup
        let waiting = [
            ticket("walk-in", at: 100),
            ticket("reserved", at: 50, slot: 200),
            ticket("priority-late", at: 300, priority: true),
            ticket("priority-early", at: 250, priority: true),
        ]
        // MUT
        let order = CallOrder.ordered(waiting: waiting, now: 400, reservedInARow: 0).map(\.id)
        // validate
        #expect(order == ["priority-early", "priority-late", "reserved", "walk-in"])
    }

    @Test func reservationAtItsSlotGoesAheadOfEarlierWalkIns() {
        let waiting = [ticket("walk-in", at: 100), ticket("reserved", at: 900, slot: 1000)]
        #expect(CallOrder.next(waiting: waiting, now: 1000, reservedInARow: 0)?.id == "reserved")
    }

    @Test func afterTwoReservedCallsAWalkInWhoWasWaitingGoesFirst() {
        // setup: the walk-in arrived before the slot began
        let waiting = [ticket("walk-in", at: 100), ticket("reserved", at: 900, slot: 1000)]
        // MUT / validate
        #expect(CallOrder.next(waiting: waiting, now: 1000, reservedInARow: 1)?.id == "reserved")
        #expect(CallOrder.next(waiting: waiting, now: 1000, reservedInARow: 2)?.id == "walk-in")
    }

    @Test func interleaveLimitIgnoresWalkInsWhoCameAfterTheSlot() {
        let waiting = [ticket("walk-in", at: 1100), ticket("reserved", at: 900, slot: 1000)]
        #expect(CallOrder.next(waiting: waiting, now: 1200, reservedInARow: 5)?.id == "reserved")
    }

    @Test func orderedInterleavesTwoReservedThenOneWalkIn() {
        let waiting = [
            ticket("w1", at: 10), ticket("w2", at: 20),
            ticket("r1", at: 30, slot: 100), ticket("r2", at: 31, slot: 110), ticket("r3", at: 32, slot: 120),
        ]
        let order = CallOrder.ordered(waiting: waiting, now: 200, reservedInARow: 0).map(\.id)
        #expect(order == ["r1", "r2", "w1", "r3", "w2"])
    }

    @Test func earlyReservationHolderWaitsForTheSlotWhileOthersWait() {
        let waiting = [ticket("early", at: 50, slot: 1000), ticket("walk-in", at: 100)]
        #expect(CallOrder.next(waiting: waiting, now: 500, reservedInARow: 0)?.id == "walk-in")
        #expect(CallOrder.lane(of: waiting[0], now: 500) == .earlyReservation)
    }

    @Test func earlyReservationHolderIsCalledRatherThanLeaveACounterIdle() {
        let waiting = [ticket("early", at: 50, slot: 1000)]
        #expect(CallOrder.next(waiting: waiting, now: 500, reservedInARow: 0)?.id == "early")
    }

    @Test func checkingInLongAfterTheSlotMakesAWalkIn() {
        let late = ticket("late", at: 1000 + CallOrder.reservationGrace + 1, slot: 1000)
        let waiting = [late, ticket("walk-in", at: 1500)]
        #expect(CallOrder.lane(of: late, now: 3000) == .walkIn)
        #expect(CallOrder.ordered(waiting: waiting, now: 3000, reservedInARow: 0).map(\.id) == ["walk-in", "late"])
    }

    @Test func onlyWaitingTicketsAreCalled() {
        let waiting = [ticket("done", at: 10, state: .done), ticket("serving", at: 20, state: .serving)]
        #expect(CallOrder.next(waiting: waiting, now: 100, reservedInARow: 0) == nil)
    }

    @Test func priorityCallsDoNotResetTheReservedCount() {
        #expect(CallOrder.reservedInARow(afterCalls: [.reservation, .priority, .reservation]) == 2)
        #expect(CallOrder.reservedInARow(afterCalls: [.reservation, .walkIn, .reservation]) == 1)
    }
}

@Suite struct OpeningHoursTests {
    @Test func theCountersAreOpenOnlyOnOpenDaysWithinTheHours() {
        let hours = OpeningHours.standard
        let monday = CivilDate(uncheckedYear: 2026, month: 4, day: 6)
        #expect(hours.isOpen(atUnixSeconds: JapanTime.unixSeconds(monday, minutes: 8 * 60 + 30)))
        #expect(hours.isOpen(atUnixSeconds: JapanTime.unixSeconds(monday, minutes: 17 * 60 + 14)))
        #expect(!hours.isOpen(atUnixSeconds: JapanTime.unixSeconds(monday, minutes: 17 * 60 + 15)), "closing time is closed")
        #expect(!hours.isOpen(atUnixSeconds: JapanTime.unixSeconds(monday, minutes: 8 * 60 + 29)))
        #expect(!hours.isOpen(atUnixSeconds: JapanTime.unixSeconds(monday.addingDays(-1), minutes: 10 * 60)), "Sunday")
        #expect(!hours.isOpen(atUnixSeconds: JapanTime.unixSeconds(CivilDate(uncheckedYear: 2026, month: 4, day: 29), minutes: 10 * 60)), "昭和の日")
    }
}
