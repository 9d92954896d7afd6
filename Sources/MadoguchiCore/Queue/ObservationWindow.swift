/// The last `capacity` service times of one purpose (or one section), oldest overwritten first.
///
/// A window rather than the whole history so that the estimate follows a change of staff,
/// of form or of season within a few dozen tickets.
struct ObservationWindow: Sendable {
    let capacity: Int
    private(set) var values: [Seconds] = []
    private var next = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { values.count }

    mutating func append(_ value: Seconds) {
        if values.count < capacity {
            values.append(value)
        } else {
            values[next] = value
            next = (next + 1) % capacity
        }
    }
}
