import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// The screens (boards and phones) connected to this instance, each written to on its own connection's event loop.
///
/// A new state goes to each event loop once, and that loop writes it to all of its screens in one pass. (Each
/// screen used to have a task reading an `AsyncStream`: every delivery woke a task on the concurrency pool, which
/// handed the write to the event loop and waited for it — thousands of thread hand-offs per call; with 2,000 screens
/// the last one got its state 130 ms after the first.) A screen that has not taken its last state yet (a phone on a
/// slow network) gets only the newest one once it has: nothing piles up, and no screen goes back to an older state.
final class LiveScreens: Sendable {
    /// Writes a state's `data:` for one screen after the event's header.
    typealias Render = @Sendable (QueueLiveState, inout ByteBuffer) -> Void

    /// One screen; touched only on its event loop (its writer's), which is what makes it safe to send there.
    private final class Screen: @unchecked Sendable {
        let writer: any BodyStreamWriter
        let render: Render
        /// The newest state written or being written: its version, then its moment (a refresh keeps the version
        /// and moves the estimates on).
        var newest = (version: Int.min, at: -Double.infinity)
        /// A write is on its way: newer states wait in `pending` (only the newest).
        var writing = false
        var pending: QueueLiveState?

        init(writer: any BodyStreamWriter, render: @escaping Render) {
            self.writer = writer
            self.render = render
        }
    }

    /// The screens of one event loop.
    private final class LoopScreens {
        var screens: [ObjectIdentifier: Screen] = [:]
    }

    private struct Loop {
        let loop: any EventLoop
        let screens: NIOLoopBound<LoopScreens>
    }

    private let loops = NIOLockedValueBox<[ObjectIdentifier: Loop]>([:])
    private let connected = NIOLockedValueBox(0)

    var count: Int { connected.withLockedValue { $0 } }

    /// Adds a screen (on its writer's event loop, where Vapor hands out the writer) and sends it the latest state at
    /// once. `latest` is asked after the screen is counted in: a state published meanwhile either finds the screen
    /// or is already the latest, so none is missed between the two.
    func attach(_ writer: any BodyStreamWriter, render: @escaping Render, latest: () -> QueueLiveState?) {
        let loop = writer.eventLoop
        loop.preconditionInEventLoop()
        let entry = loops.withLockedValue { loops -> Loop in
            if let entry = loops[ObjectIdentifier(loop)] { return entry }
            let entry = Loop(loop: loop, screens: NIOLoopBound(LoopScreens(), eventLoop: loop))
            loops[ObjectIdentifier(loop)] = entry
            return entry
        }
        let screen = Screen(writer: writer, render: render)
        entry.screens.value.screens[ObjectIdentifier(screen)] = screen
        connected.withLockedValue { $0 += 1 }
        // The browser's EventSource reconnects after a second when the connection drops.
        writer.write(.buffer(ByteBuffer(string: "retry: 1000\n\n")), promise: nil)
        if let latest = latest() { deliver(latest, to: screen, on: entry) }
    }

    /// Sends `state` to every screen: one hand-off per event loop.
    func publish(_ state: QueueLiveState) {
        for entry in loops.withLockedValue({ Array($0.values) }) {
            entry.loop.execute {
                for screen in entry.screens.value.screens.values { self.deliver(state, to: screen, on: entry) }
            }
        }
    }

    /// Ends every stream (at shutdown: the screens reconnect to another instance or when this one is back).
    func finishAll() {
        for entry in loops.withLockedValue({ Array($0.values) }) {
            entry.loop.execute {
                let screens = entry.screens.value.screens.values
                entry.screens.value.screens = [:]
                self.connected.withLockedValue { $0 -= screens.count }
                for screen in screens { screen.writer.write(.end, promise: nil) }
            }
        }
    }

    private func deliver(_ state: QueueLiveState, to screen: Screen, on entry: Loop) {
        guard (state.version, state.at) > screen.newest else { return }
        guard !screen.writing else {
            if let pending = screen.pending, (pending.version, pending.at) >= (state.version, state.at) { return }
            screen.pending = state
            return
        }
        screen.writing = true
        screen.newest = (state.version, state.at)
        var event = ByteBufferAllocator().buffer(capacity: 512 + state.boardJSON.count)
        event.writeString("id: \(state.version)\nevent: queue\ndata: ")
        screen.render(state, &event)
        event.writeString("\n\n")
        let written = entry.loop.makePromise(of: Void.self)
        screen.writer.write(.buffer(event), promise: written)
        written.futureResult.whenComplete { result in
            screen.writing = false
            switch result {
            case .success:
                if let next = screen.pending {
                    screen.pending = nil
                    self.deliver(next, to: screen, on: entry)
                }
            case .failure(let error):
                // The screen went away (or its connection broke): its stream ends, and it is forgotten.
                guard entry.screens.value.screens.removeValue(forKey: ObjectIdentifier(screen)) != nil else { return }
                self.connected.withLockedValue { $0 -= 1 }
                screen.writer.write(.error(error), promise: nil)
            }
        }
    }
}
