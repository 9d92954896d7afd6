import Foundation
import Vapor

/// Server-Sent Events from the live queue: the current state first, then every newer one. Each event
/// carries the state's version as its id; the browser's EventSource reconnects by itself and gets the
/// current state again at once, so a screen never keeps showing a call that has changed meanwhile.
enum LiveStream {
    static func response(_ req: Request, _ write: @escaping @Sendable (QueueLiveState, inout ByteBuffer) -> Void) -> Response {
        let hub = req.madoguchi.queueHub
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "event-stream", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: "X-Accel-Buffering", value: "no")  // nginx: pass each event on at once
        return Response(status: .ok, headers: headers, body: .init(asyncStream: { writer in
            let (_, stream) = hub.subscribe()
            do {
                try await writer.writeBuffer(ByteBuffer(string: "retry: 1000\n\n"))
                for await state in stream {
                    var event = ByteBufferAllocator().buffer(capacity: 512 + state.boardJSON.count)
                    event.writeString("id: \(state.version)\nevent: queue\ndata: ")
                    write(state, &event)
                    event.writeString("\n\n")
                    try await writer.writeBuffer(event)
                }
                try await writer.write(.end)
            } catch {
                // The screen went away; ending the loop ends its subscription.
                try? await writer.write(.end)
            }
        }))
    }
}
