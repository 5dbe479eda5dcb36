import Foundation

/// The API's contract, driven directly and through the proxy: basic auth (401 with
/// `WWW-Authenticate` without or with wrong credentials), health, each bad input (bad JSON,
/// empty, missing field, oversized) refused with a 4xx and nothing published, "Message sent"
/// only once the broker holds the message, a JSON body on the queue (not Python's
/// `str(dict)`), and 503 quickly while the broker is down, with recovery by itself afterwards.
///
/// The workers are stopped while it runs, so every message the API publishes stays in the work
/// queue where the broker's count shows it.
public struct APIContractCheck: ReliabilityCheck {
    /// Size of the oversized message.
    public var oversizedBytes: Int
    /// How fast a 503 must come while the broker is down.
    public var outageAnswerDeadline: Duration
    /// How long the API may take to publish again once the broker is back.
    public var recoveryDeadline: Duration

    public init(oversizedBytes: Int = 1 << 20, outageAnswerDeadline: Duration = .seconds(2), recoveryDeadline: Duration = .seconds(60)) {
        self.oversizedBytes = oversizedBytes
        self.outageAnswerDeadline = outageAnswerDeadline
        self.recoveryDeadline = recoveryDeadline
    }

    public var name: String { "api-contract" }
    public var title: String { "API contract" }
    public var expectation: String {
        "Directly and through the proxy: 401 with WWW-Authenticate without or with wrong credentials; health answers; bad JSON, an empty or missing message and a \(oversizedBytes / 1024) KiB body get a 4xx and publish nothing; \"Message sent\" comes only once the broker holds the message, and what it holds is a JSON document carrying the text; with the broker down the API answers 503 within \(Int(outageAnswerDeadline.seconds)) s and publishes again by itself once it is back."
    }
    public var mutants: [FixtureKnob] { [.acceptEmptyMessage, .nonJSONBody] }

    /// One request of the contract and what came of it.
    struct Case: Sendable {
        var route: String
        var name: String
        var expected: String
        var observed: String
        var passed: Bool

        var line: String {
            "\(passed ? "ok  " : "FAIL") [\(route)] \(name): expected \(expected); got \(observed)"
        }
    }

    /// An address the API is reached at: directly, or through the proxy.
    struct Route: Sendable {
        var name: String
        var baseURL: String
    }

    public func run(in context: CheckContext) async throws -> CheckOutcome {
        guard let api = context.roles.api else {
            return .notApplicable("The stack has no HTTP API.")
        }
        var routes = [Route(name: "direct", baseURL: api.baseURL)]
        if let proxied = api.proxiedBaseURL {
            routes.append(Route(name: "proxy", baseURL: proxied))
        }
        try await context.stopWorkers()
        try await context.broker.purge(context.roles.workQueue)

        var cases: [Case] = []
        var figures: [Figure] = []
        for route in routes {
            cases += try await requestCases(api: api, route: route, context: context)
        }
        let outage = try await brokerOutage(api: api, routes: routes, context: context)
        cases += outage.cases
        figures += outage.figures
        // The broker's CLI may answer a little after its AMQP listener.
        try await Wait.until("the broker to take commands again", deadline: .seconds(60), every: .milliseconds(500)) {
            try await context.broker.purge(context.roles.workQueue)
        }

        let failed = cases.filter { !$0.passed }
        figures.insert(contentsOf: [
            Figure("cases", "requests tried", Double(cases.count)),
            Figure("cases.failed", "requests answered against the contract", Double(failed.count)),
        ], at: 0)
        let evidence = [Evidence(source: "api", title: "Each request and its answer", lines: cases.map(\.line))]
        if !failed.isEmpty {
            // One sentence per broken rule, naming the routes it broke on and the first answer.
            var order: [String] = []
            var grouped: [String: [Case]] = [:]
            for failure in failed {
                let key = "\(failure.name)\u{0}\(failure.expected)"
                if grouped[key] == nil { order.append(key) }
                grouped[key, default: []].append(failure)
            }
            let sentences = order.map { key in
                let group = grouped[key]!
                return "\(group[0].name) (\(group.map(\.route).joined(separator: " and "))): expected \(group[0].expected), got \(group[0].observed)"
            }
            return .fail("\(failed.count) of \(cases.count) requests broke the contract: " + sentences.joined(separator: "; ") + ".", figures: figures, evidence: evidence)
        }
        return .pass("All \(cases.count) requests kept the contract over \(routes.map(\.name).joined(separator: " and ")), including 503 while the broker was down and recovery after.", figures: figures, evidence: evidence)
    }
}
