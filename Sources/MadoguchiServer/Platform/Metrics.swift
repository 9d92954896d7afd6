import NIOConcurrencyHelpers
import Prometheus
import Vapor

/// The instance's Prometheus metrics: one registry per application (no global bootstrap, so tests
/// can run several applications side by side).
final class Metrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    private static var requests: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "madoguchi", metricName: "http_requests", unitName: "total", helpText: "HTTP requests answered") }
    private static var latency: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "madoguchi", metricName: "http_request_duration", unitName: "seconds", helpText: "Time to answer an HTTP request") }
    private static var evaluations: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "madoguchi", metricName: "guide_evaluations", unitName: "total", helpText: "Life events evaluated by the guide") }
    private static let buckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    /// A request's counter and histogram, made once per route, method and status: the registry's lookup by name
    /// and labels (strings built and hashed, a lock) was a noticeable share of a small request's time.
    private struct RequestKey: Hashable {
        let route: ObjectIdentifier?
        let method: String
        let status: UInt
    }

    private let requestMetrics = NIOLockedValueBox([RequestKey: (Counter, DurationHistogram)]())

    func recordRequest(method: HTTPMethod, route: Route?, status: UInt, duration: Duration) {
        let key = RequestKey(route: route.map(ObjectIdentifier.init), method: method.rawValue, status: status)
        let (counter, histogram) = requestMetrics.withLockedValue { made in
            if let found = made[key] { return found }
            let path = route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
            let pair = (registry.makeCounter(descriptor: Self.requests, labels: [("method", method.rawValue), ("route", path), ("status", String(status))]),
                        registry.makeDurationHistogram(descriptor: Self.latency, labels: [("method", method.rawValue), ("route", path)], buckets: Self.buckets))
            made[key] = pair
            return pair
        }
        counter.increment()
        histogram.record(duration)
    }

    /// `channel` is the door that asked: `api` or `web`.
    func recordGuideEvaluation(event: String, channel: String) {
        let key = event + "\u{0}" + channel
        let counter = evaluationCounters.withLockedValue { made in
            if let found = made[key] { return found }
            let counter = registry.makeCounter(descriptor: Self.evaluations, labels: [("event", event), ("channel", channel)])
            made[key] = counter
            return counter
        }
        counter.increment()
    }

    private let evaluationCounters = NIOLockedValueBox([String: Counter]())

    private static var screens: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "madoguchi", metricName: "queue_live_screens", helpText: "Boards and ticket pages connected to this instance") }
    private static var waiting: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "madoguchi", metricName: "queue_waiting", helpText: "Tickets waiting, by section") }
    private static var openCounters: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "madoguchi", metricName: "queue_open_counters", helpText: "Counters open, by section") }

    private static var builds: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "madoguchi", metricName: "queue_state_builds", unitName: "total",
        helpText: "Times this instance built the live queue's state from the database") }

    /// The queue as it is now: gauges, set when /metrics is read.
    func recordQueue(_ state: QueueLiveState, screens: Int, builds: Int) {
        registry.makeGauge(descriptor: Self.screens).set(to: Double(screens))
        registry.makeGauge(descriptor: Self.builds).set(to: Double(builds))
        for section in state.sections {
            registry.makeGauge(descriptor: Self.waiting, labels: [("section", section.code)]).set(to: Double(section.waiting))
            registry.makeGauge(descriptor: Self.openCounters, labels: [("section", section.code)]).set(to: Double(section.openCounters))
        }
    }

    /// The Prometheus text exposition format.
    func exposition() -> String { registry.emitToString() }
}

/// Counts every request and its latency by route pattern (not the raw path, to keep label values few).
struct MetricsMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            record(request, status: (error as? any AbortError)?.status.code ?? 500, since: start)
            throw error
        }
        record(request, status: response.status.code, since: start)
        return response
    }

    private func record(_ request: Request, status: UInt, since start: ContinuousClock.Instant) {
        request.madoguchi.metrics.recordRequest(method: request.method, route: request.route, status: status, duration: ContinuousClock.now - start)
    }
}
