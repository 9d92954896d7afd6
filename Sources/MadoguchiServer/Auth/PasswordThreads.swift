import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import Vapor
#if canImport(Glibc)
import Glibc
#endif

/// The threads bcrypt runs on: its own, and at a lower priority than the event loops.
///
/// A sign-in costs about 300 ms of a core (bcrypt at cost 12). On the shared thread pool (two threads on a
/// two-core machine, the ones SQLite's queries run on too) two sign-ins at once held every database query
/// back for their whole length, and at equal priority each one took a core from the event loops: under the
/// mixed load every page was slow in each second someone signed in. Here a sign-in still takes its 300 ms
/// when the machine is idle, but yields the CPU to whatever answers pages.
final class PasswordThreads: Sendable {
    /// Linux's nice value for these threads (0 is normal, 19 the lowest).
    static let niceness: Int32 = 10

    private let threads: Int
    /// Started at the first sign-in: most applications a test builds never hash a password.
    private let pool = NIOLockedValueBox<NIOThreadPool?>(nil)

    init(threads: Int = System.coreCount) {
        self.threads = max(1, threads)
    }

    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let pool = pool.withLockedValue { pool in
            if let pool { return pool }
            let started = NIOThreadPool(numberOfThreads: threads)
            started.start()
            pool = started
            return started
        }
        return try await pool.runIfActive {
            Self.lowerThisThread()
            return try work()
        }
    }

    func shutdown() async {
        let started = pool.withLockedValue { pool in defer { pool = nil }; return pool }
        try? await started?.shutdownGracefully()
    }

    /// On Linux a thread has its own nice value, and `setpriority(PRIO_PROCESS, 0, …)` sets the calling
    /// thread's (kernel/sys.c: `who == 0` is `current`). Once lowered it stays so; setting it again is one
    /// cheap system call. Raising it back would need a privilege, hence threads of their own.
    private static func lowerThisThread() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        #endif
    }

    /// The calling thread's nice value (tests).
    static func niceOfThisThread() -> Int32 {
        #if os(Linux)
        return getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        #else
        return 0
        #endif
    }

    /// Stops the threads when the application shuts down.
    struct Lifecycle: LifecycleHandler {
        let threads: PasswordThreads
        func shutdownAsync(_ application: Application) async { await threads.shutdown() }
    }
}
