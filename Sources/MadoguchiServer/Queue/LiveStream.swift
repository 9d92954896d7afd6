import Vapor

/// Server-Sent Events from the live queue: the current state first, then every newer one. Each event
/// carries the state's version as its id; the browser's EventSource reconnects by itself and gets the
/// current state again at once, so a screen never keeps showing a call that has changed meanwhile.
enum LiveStream {
    static func response(_ req: Request, _ render: @escaping LiveScreens.Render) -> Response {
        let hub = req.madoguchi.queueHub
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "event-stream", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        headers.replaceOrAdd(name: "X-Accel-Buffering", value: "no")  // nginx: pass each event on at once
        // Vapor hands the writer out on the connection's event loop; the hub's screens write to it there.
        return Response(status: .ok, headers: headers, body: .init(stream: { writer in hub.attach(writer, render: render) }))
    }
}
