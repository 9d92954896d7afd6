import Testing
@testable import MadoguchiCore

@Suite struct AttachmentKindTests {
    @Test func kindsAreKnownByTheirBytes() {
        #expect(AttachmentKind.sniff([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]) == .jpeg)
        #expect(AttachmentKind.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]) == .png)
        #expect(AttachmentKind.sniff(Array("%PDF-1.7\n".utf8)) == .pdf)
    }

    @Test func anythingElseIsRefused() {
        #expect(AttachmentKind.sniff(Array("<html><script>".utf8)) == nil)
        #expect(AttachmentKind.sniff(Array("GIF89a".utf8)) == nil)
        #expect(AttachmentKind.sniff([0x89, 0x50, 0x4E, 0x47]) == nil, "a cut-off PNG signature")
        #expect(AttachmentKind.sniff([UInt8]()) == nil)
        #expect(AttachmentKind.sniff(Array("MZ\u{90}".utf8)) == nil)
    }
}

@Suite struct RateLimiterTests {
    @Test func aKeyGetsItsBudgetPerWindowAndOthersAreUntouched() {
        var limiter = RateLimiter(limit: 3, window: .seconds(60))
        let start = ContinuousClock.now
        func attempt(_ key: String, after seconds: Int) -> Bool { limiter.allow(key, now: start + .seconds(seconds)) }
        for _ in 0..<3 { #expect(attempt("198.51.100.7", after: 0)) }
        #expect(!attempt("198.51.100.7", after: 10))
        #expect(attempt("203.0.113.9", after: 10))
        // After the window the budget is back.
        #expect(attempt("198.51.100.7", after: 61))
    }

    @Test func refusedAttemptsDoNotExtendTheWait() {
        var limiter = RateLimiter(limit: 1, window: .seconds(60))
        let start = ContinuousClock.now
        func attempt(after seconds: Int) -> Bool { limiter.allow("a", now: start + .seconds(seconds)) }
        #expect(attempt(after: 0))
        for second in stride(from: 1, to: 60, by: 5) { #expect(!attempt(after: second)) }
        #expect(attempt(after: 60))
    }

    @Test func aSlidingWindowOverManyAttemptsKeepsExactlyTheBudget() {
        var limiter = RateLimiter(limit: 1_000, window: .seconds(100))
        let start = ContinuousClock.now
        // 10 attempts a second for 300 s: at most 1,000 in any 100 s, so 10 a second keep going through.
        var allowed = 0
        for tenth in 0..<3_000 where limiter.allow("a", now: start + .milliseconds(tenth * 100)) { allowed += 1 }
        #expect(allowed == 3_000)
        // Twice as fast, for another 300 s: half are refused once the window is full.
        var refused = 0
        for step in 0..<6_000 where !limiter.allow("a", now: start + .seconds(300) + .milliseconds(step * 50)) { refused += 1 }
        #expect(refused > 2_900 && refused < 3_100, "\(refused)")
    }
}
