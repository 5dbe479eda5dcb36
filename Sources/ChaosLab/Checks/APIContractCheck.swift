import Foundation

/// The API's contract, driven directly and through the proxy: basic auth (401 with
/// `WWW-Authenticate` without or with wrong credentials), health, each bad input (bad JSON,
/// empty, missing field) refused with a 4xx and nothing published, "Message sent" only once
/// the broker holds the message, a body on the queue that carries the text (JSON or plain
/// text, not Python's `str(dict)`), no success while the broker is down, and recovery by
/// itself afterwards.
///
/// What was published, and when, is the broker's firehose's account: each good message's
/// publish event against the moment its answer arrived, and no publish for a refused input.
///
/// What a stack claims and what loses or corrupts messages decides the verdict. A size limit,
/// health that reports readiness and a fast 503 are good practice no stack is judged on: they
/// come as advice beside the verdict.
///
/// The workers are stopped while it runs, so the good message stays in the work queue, where
/// the lab takes it back to read its body.
public struct APIContractCheck: ReliabilityCheck {
    /// Size of the oversized message.
    public var oversizedBytes: Int
    /// How fast a 503 should come while the broker is down (advice).
    public var outageAnswerDeadline: Duration
    /// How long the API may take to publish again once the broker is back.
    public var recoveryDeadline: Duration
    /// The margins the lab allows on each bound.
    public var outageAnswerMargin: Duration
    public var recoveryMargin: Duration
    /// How much earlier than the firehose's publish event a good message's answer may reach
    /// the lab. A correct API answers after the broker's confirm, which the broker sends after
    /// routing the message, when the event is already on its way to the lab over a local TCP
    /// connection; the answer has the API's own work and HTTP still ahead of it. So a correct
    /// answer arrives after the event, and the margin only absorbs the lab's own scheduling:
    /// the two arrive on different threads (the HTTP client's event loop, the firehose's
    /// AMQP reader) of a machine that may be busy, and are stamped when each gets to run. 50 ms
    /// is well above that jitter on a loaded two-core host and well below any deliberate
    /// publish-later (a background publish, a batch flushed on a timer), which lags by hundreds
    /// of milliseconds.
    public var answerMargin: Duration
    /// How long after a good message's answer the lab watches the firehose for its publish
    /// before it says the broker never saw it.
    public var publishWait: Duration

    public init(
        oversizedBytes: Int = 1 << 20, outageAnswerDeadline: Duration = .seconds(2), recoveryDeadline: Duration = .seconds(60),
        outageAnswerMargin: Duration = .milliseconds(500), recoveryMargin: Duration = .seconds(5),
        answerMargin: Duration = .milliseconds(50), publishWait: Duration = .seconds(3)
    ) {
        self.oversizedBytes = oversizedBytes
        self.outageAnswerDeadline = outageAnswerDeadline
        self.recoveryDeadline = recoveryDeadline
        self.outageAnswerMargin = outageAnswerMargin
        self.recoveryMargin = recoveryMargin
        self.answerMargin = answerMargin
        self.publishWait = publishWait
    }

    var outageAnswer: TimeBound { TimeBound(bound: outageAnswerDeadline, margin: outageAnswerMargin) }
    var recovery: TimeBound { TimeBound(bound: recoveryDeadline, margin: recoveryMargin) }

    public var name: String { "api-contract" }
    public var title: String { "API contract" }
    public var expectation: String {
        "Directly and through the proxy (asked for the paths its router takes): 401 with WWW-Authenticate without or with wrong credentials; health answers 2xx; bad JSON and an empty or missing message get a 4xx and publish nothing (the broker's firehose shows no publish); \"Message sent\" comes only once the broker saw the message published to the work queue (the answer no more than \(answerMargin.secondsText) before the firehose's publish event; a publish not seen within \(publishWait.secondsText) of the answer is a message the broker never got), and what it holds carries the text (JSON or plain text, not Python's str() of a dict); with the broker down no request is answered as a success, and once it is back the API publishes again by itself within \(recovery). Advice, beside the verdict: a \(oversizedBytes / 1024) KiB message refused, 503 within \(outageAnswer) and health that says 503 while the broker is down."
    }
    public var mutants: [FixtureKnob] { [.acceptEmptyMessage, .nonJSONBody, .answerBeforePublish] }

    /// One request of the contract and what came of it.
    struct Case: Sendable, Hashable {
        /// Whether a case decides the verdict or only advises.
        enum Kind: Sendable, Hashable {
            /// Something the stack claims, or whose breach loses or corrupts messages.
            case requirement
            /// Good practice the verdict does not depend on.
            case advice
        }

        var route: String
        var name: String
        var expected: String
        var observed: String
        /// Whether it held; `nil` when the lab could not observe what decides it (it was not
        /// watching the broker around the request).
        var passed: Bool?
        var kind: Kind = .requirement
        /// Why the advice matters, for an advice case that did not hold.
        var hint: String?

        var line: String {
            let mark = switch passed {
            case true?: "ok  "
            case nil: "??  "
            case false?: kind == .requirement ? "FAIL" : "tip "
            }
            return "\(mark) [\(route)] \(name): expected \(expected); got \(observed)"
        }
    }

    /// An address the API is reached at, directly or through the proxy, with the paths to ask
    /// there for the API's own message and health paths.
    struct Route: Sendable, Hashable {
        var name: String
        var baseURL: String
        var messagePath: String
        var healthPath: String?
        /// The Host header the proxy's router wants, if any.
        var host: String?

        var hostHeader: [(String, String)] {
            host.map { [("Host", $0)] } ?? []
        }
    }

    public func run(in context: CheckContext) async throws -> CheckOutcome {
        guard let api = context.roles.api else {
            return .notApplicable("The stack has no HTTP API.")
        }
        var routes = [Route(name: "direct", baseURL: api.baseURL, messagePath: api.messagePath, healthPath: api.healthPath)]
        var leading: [Evidence] = []
        if let proxied = api.proxiedBaseURL {
            let derived = await proxyRoute(api: api, proxiedBaseURL: proxied, context: context)
            routes.append(derived.route)
            leading.append(Evidence(source: "proxy", title: "The API's paths through the proxy", lines: derived.lines))
        }
        try await context.stopWorkers()
        if let outcome = await probeMessagePath(api: api, context: context) {
            try await context.purge(context.roles.workQueue)
            return outcome
        }
        try await context.purge(context.roles.workQueue)
        // A broker restarted by an earlier check leaves the firehose re-arming for a moment;
        // what it would miss is unobserved, not judged, so wait for it first.
        if context.observer.unavailable == nil {
            try? await context.observer.waitUntilWatching(after: .distantPast, deadline: .seconds(30))
        }

        var cases: [Case] = []
        var figures: [Figure] = []
        var publishes: [PublishJudgement] = []
        for (index, route) in routes.enumerated() {
            let requests = try await requestCases(api: api, route: route, index: index, context: context)
            cases += requests.cases
            publishes.append(requests.publishes)
        }
        leading += Self.publishEvidence(publishes, workQueue: context.roles.workQueue)
        let outage = try await brokerOutage(api: api, routes: routes, context: context)
        cases += outage.cases
        figures += outage.figures
        // The broker's CLI may answer a little after its AMQP listener.
        try await Wait.until("the broker to take commands again", deadline: .seconds(60), every: .milliseconds(500)) {
            try await context.purge(context.roles.workQueue)
        }
        return Self.verdict(cases: cases, routes: routes.map(\.name), figures: figures, evidence: leading)
    }
}
