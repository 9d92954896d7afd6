/// Work on many things with at most `limit` of them under way at once (a core system's households, a page of
/// acknowledgements): more at once only queues on the same two cores and the same write path.
extension Sequence where Element: Sendable {
    /// `transform` of each element, at most `limit` at once, the results in the elements' order. The first error
    /// thrown ends the whole (the work under way is cancelled).
    func concurrentMap<T: Sendable>(limit: Int, _ transform: @escaping @Sendable (Element) async throws -> T) async throws -> [T] {
        let elements = Array(self)
        return try await withThrowingTaskGroup(of: (Int, T).self) { group in
            var results = [T?](repeating: nil, count: elements.count)
            var next = elements.indices.makeIterator()
            func start() {
                guard let index = next.next() else { return }
                let element = elements[index]
                group.addTask { (index, try await transform(element)) }
            }
            for _ in 0..<Swift.max(1, limit) { start() }
            while let (index, result) = try await group.next() {
                results[index] = result
                start()
            }
            return results.compactMap { $0 }
        }
    }
}
