@testable import ChaosLab
import Testing

/// One row of the label table: labels on the `api` service and the checks they must trigger
/// (an empty set: the labels must lint clean).
struct LabelCase: Sendable, CustomTestStringConvertible {
    var name: String
    var labels: [String]
    var flags: [String] = LintFixture.flags
    var more: String = ""
    var expected: Set<LintRule>

    var testDescription: String { name }

    static let routed = [
        "traefik.enable=true",
        "traefik.http.routers.api.entrypoints=web",
        "traefik.http.services.api.loadbalancer.server.port=8000",
    ]

    /// The routed labels with `rule` as the router's rule.
    static func rule(_ rule: String, _ expected: Set<LintRule> = []) -> LabelCase {
        LabelCase(name: "rule \(rule)", labels: routed + ["traefik.http.routers.api.rule=\(rule)"], expected: expected)
    }
}
