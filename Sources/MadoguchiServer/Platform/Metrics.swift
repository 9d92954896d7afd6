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

    func recordRequest(method: String, route: String, status: UInt, duration: Duration) {
        registry.makeCounter(descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", String(status))])
            .increment()
        registry.makeDurationHistogram(descriptor: Self.latency, labels: [("method", method), ("route", route)], buckets: Self.buckets)
            .record(duration)
    }

    /// `channel` is the door that asked: `api` or `web`.
    func recordGuideEvaluation(event: String, channel: String) {
        registry.makeCounter(descriptor: Self.evaluations, labels: [("event", event), ("channel", channel)]).increment()
    }

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
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        request.madoguchi.metrics.recordRequest(method: request.method.rawValue, route: route, status: status,
                                                duration: ContinuousClock.now - start)
    }
}
