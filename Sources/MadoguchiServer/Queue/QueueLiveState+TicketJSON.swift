import NIOCore

extension QueueLiveState {
    /// What one citizen's phone may show (`Ticket`), written straight after `buffer`'s event header. Every phone
    /// gets its own ticket, so this runs once per phone per change: `JSONEncoder` here was 7 % of the server's time
    /// in a live call to 2,000 screens. Keys left out when nil, as `JSONEncoder` leaves them out.
    func writeTicket(_ token: String, into buffer: inout ByteBuffer) {
        var writer = JSONWriter(appendingTo: buffer)
        buffer = ByteBuffer()  // one owner while writing: no copy of the buffer on write
        writer.object { json in
            json.key("version"); json.int(version)
            if let ticket = tickets[token] {
                json.key("ticket")
                json.object { json in
                    json.key("label"); json.string(ticket.label)
                    json.key("section"); json.string(ticket.section)
                    json.key("sectionName"); json.string(ticket.sectionName)
                    json.key("sectionNameEn"); json.string(ticket.sectionNameEn)
                    json.key("state"); json.string(ticket.state.rawValue)
                    if let position = ticket.position { json.key("position"); json.int(position) }
                    if let wait = ticket.waitSeconds { json.key("waitSeconds"); json.double(wait) }
                    if let counter = ticket.counter { json.key("counter"); json.int(counter) }
                    json.key("place"); json.string(ticket.place)
                    json.key("placeEn"); json.string(ticket.placeEn)
                    json.key("openCounters"); json.int(ticket.openCounters)
                }
            }
        }
        buffer = writer.buffer
    }
}
