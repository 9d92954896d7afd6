import Foundation

/// A core system a Case's procedures are handed to (the 住民記録システム, the 国保 system, …), as catalog data
/// (`handoffs.yaml`): which procedures go there and how they are delivered.
public struct HandoffTarget: Sendable, Hashable {
    public enum Delivery: String, Sendable, CaseIterable {
        /// The core system fetches what is waiting (`GET /api/v1/handoffs`) and acknowledges each.
        case pull
        /// Madoguchi writes CSV files into the target's folder (ファイル連携, the default for 住基); the core
        /// system imports them and may acknowledge through the API.
        case csvFile = "csv-file"
        /// Madoguchi POSTs each hand-off to the core system's URL, signed by the Standard Webhooks rules, until
        /// it answers 2xx (410 turns the endpoint off until staff turn it on again).
        case push
    }

    /// Letters, digits and hyphens: `juki`, `kokuho`.
    public let id: String
    public let name: LocalizedText
    /// The procedure codes whose hand-off goes to this system.
    public let procedures: [String]
    public let delivery: Delivery
    /// The file layout of a `csv-file` target.
    public let layout: HandoffCSVLayout?
    /// Where a `push` target receives hand-offs, when the catalog names it (`madoguchi handoff endpoint` may set
    /// or change it per installation).
    public let url: String?

    public init(id: String, name: LocalizedText, procedures: [String], delivery: Delivery, layout: HandoffCSVLayout? = nil,
                url: String? = nil) {
        self.id = id
        self.name = name
        self.procedures = procedures
        self.delivery = delivery
        self.layout = layout
        self.url = url
    }

    /// Whether `text` is a URL a push target can be sent to: http or https with a host, nothing else.
    public static func isPushURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty, text.count <= 2_000 else { return false }
        return true
    }
}

extension Catalog {
    /// The core systems a procedure is handed to.
    public func handoffTargets(for procedure: String) -> [HandoffTarget] {
        handoffTargets.filter { $0.procedures.contains(procedure) }
    }

    public func handoffTarget(_ id: String) -> HandoffTarget? { handoffTargets.first { $0.id == id } }
}
