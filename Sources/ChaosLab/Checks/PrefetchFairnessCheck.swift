import Foundation

/// Prefetch=1 fairness: a worker busy with a long task is sent nothing more until it
/// acknowledges, so short tasks go to the idle worker; and no consumer ever holds more than
/// one unacknowledged delivery, as the broker itself reports.
public struct PrefetchFairnessCheck: ReliabilityCheck {
    /// How long the long task takes.
    public var longTaskMilliseconds: Int
    /// How many short tasks follow it.
    public var shortTasks: Int
    /// How long each short task takes.
    public var shortTaskMilliseconds: Int

    public init(longTaskMilliseconds: Int = 5_000, shortTasks: Int = 6, shortTaskMilliseconds: Int = 200) {
        self.longTaskMilliseconds = longTaskMilliseconds
        self.shortTasks = shortTasks
        self.shortTaskMilliseconds = shortTaskMilliseconds
    }

    public var name: String { "prefetch-fairness" }
    public var title: String { "Prefetch=1 fairness" }
    public var expectation: String {
        "While one worker is busy with a \(longTaskMilliseconds) ms task, the \(shortTasks) short tasks that follow all go to the other worker(s); the broker never sees more than 1 unacknowledged delivery on any consumer channel."
    }
    public var mutants: [FixtureKnob] { [.prefetchUnlimited] }

    public func run(in context: CheckContext) async throws -> CheckOutcome {
        guard context.roles.workers.count >= 2 else {
            return .notApplicable("The stack has \(context.roles.workers.count) worker; fairness needs a busy worker and an idle one.")
        }
        guard context.roles.api?.supportsWorkTime == true else {
            return .notApplicable("The API cannot ask for a long task, so a worker cannot be kept busy on purpose.")
        }
        let prefix = context.token(name, 0).dropLast(1).description
        let since = Date()
        let addresses = try await context.workerAddresses()
        let sampler = ChannelSampler(broker: context.broker)
        await sampler.start()

        let long = context.token(name, 0)
        let longAttempt = try await context.publish(long, workMilliseconds: longTaskMilliseconds)
        guard longAttempt.acknowledged else {
            _ = await sampler.stop()
            return .fail("The API did not acknowledge the long task: \(longAttempt.status.map(String.init) ?? "no response") \(longAttempt.detail).")
        }
        let busy = try await context.waitForStart(of: long, since: since)
        context.logger.info("prefetch-fairness: \(busy.worker) is busy with \(long); publishing \(shortTasks) short tasks")
        let shorts = (1...shortTasks).map { context.token(name, $0) }
        let attempts = try await context.publish(shorts, workMilliseconds: shortTaskMilliseconds)
        let deadline = Duration.milliseconds(longTaskMilliseconds + shortTasks * shortTaskMilliseconds) + .seconds(20)
        let deliveries = try await context.waitForProcessing(
            of: Set([long] + attempts.filter(\.acknowledged).map(\.token)), prefix: prefix, since: since, deadline: deadline
        )
        let (samples, sampleFailures) = await sampler.stop()

        // Worker view: short tasks the busy worker took, and how long each waited for it.
        let sentToBusy = deliveries.filter { $0.worker == busy.worker && $0.id != long }
        // Broker view: the most unacknowledged deliveries seen on each consumer channel.
        var mostUnacked: [String: Int] = [:]
        var prefetchSeen: [String: Int] = [:]
        for sample in samples {
            for channel in sample.channels where channel.consumers > 0 {
                let owner = addresses[channel.clientAddress] ?? channel.clientAddress
                mostUnacked[owner] = max(mostUnacked[owner] ?? 0, channel.unacknowledged)
                prefetchSeen[owner] = channel.prefetch
            }
        }
        let overLimit = mostUnacked.filter { $0.value > 1 }.sorted { $0.key < $1.key }

        var figures = [
            Figure("busy.worker.short.tasks", "short tasks the busy worker (\(busy.worker)) processed", Double(sentToBusy.count), unit: "messages"),
            Figure("broker.samples", "broker samples taken", Double(samples.count)),
            Figure("broker.sample.failures", "broker samples that failed", Double(sampleFailures)),
        ]
        for (owner, most) in mostUnacked.sorted(by: { $0.key < $1.key }) {
            figures.append(Figure("max.unacked.\(owner)", "most unacknowledged on \(owner)'s channel", Double(most), unit: "deliveries"))
            figures.append(Figure("prefetch.\(owner)", "prefetch limit on \(owner)'s channel (0 = unlimited)", Double(prefetchSeen[owner] ?? 0)))
        }
        var evidence = [
            Evidence(source: "workers", title: "Deliveries, in start order", lines: deliveries.map {
                "\($0.id) → \($0.worker) at \($0.start.formatted(.iso8601.time(includingFractionalSeconds: true)))\($0.id == long ? " (long task)" : "")"
            }),
            Evidence(source: "broker", title: "Channel samples with consumers (rabbitmqctl list_channels)", lines: Self.sampleLines(samples, addresses: addresses)),
        ]
        if let refused = context.unacknowledgedEvidence(attempts) { evidence.append(refused) }

        guard samples.count >= 2 else {
            return .inconclusive("The broker could be sampled only \(samples.count) times (\(sampleFailures) failures), too few to judge.", figures: figures, evidence: evidence, messages: deliveries)
        }
        var problems: [String] = []
        if !sentToBusy.isEmpty {
            let publishedAt = Dictionary(attempts.map { ($0.token, $0.at) }, uniquingKeysWith: { first, _ in first })
            let lateness = sentToBusy.compactMap { delivery in publishedAt[delivery.id].map { delivery.start.timeIntervalSince($0) } }.max()
            let waited = lateness.map { String(format: ", and started them up to %.1f s after they were published while another worker was free", $0) } ?? ""
            problems.append("\(busy.worker) was sent \(sentToBusy.count) short task\(sentToBusy.count == 1 ? "" : "s") while busy with \(long)\(waited)")
        }
        for (owner, most) in overLimit {
            problems.append("the broker counted up to \(most) unacknowledged deliveries on \(owner)'s channel (prefetch \(prefetchSeen[owner] ?? 0)\(prefetchSeen[owner] == 0 ? " = unlimited" : "")), expected at most 1")
        }
        let unlimited = prefetchSeen.filter { owner, prefetch in prefetch == 0 && !overLimit.contains { $0.key == owner } }.keys.sorted()
        if !unlimited.isEmpty {
            problems.append("the broker shows no prefetch limit on \(unlimited.joined(separator: " and "))'s consumer channel (prefetch 0): set basic.qos prefetch_count=1 before consuming")
        }
        let unprocessed = attempts.filter(\.acknowledged).map(\.token).filter { token in !deliveries.contains { $0.id == token && $0.outcome == .acked } }
        if !unprocessed.isEmpty {
            problems.append("\(unprocessed.count) short task\(unprocessed.count == 1 ? " was" : "s were") never processed (first: \(unprocessed[0]))")
        }
        if !problems.isEmpty {
            return .fail("Prefetch=1 is not enforced: " + problems.joined(separator: "; ") + ".", figures: figures, evidence: evidence, messages: deliveries)
        }
        let most = mostUnacked.values.max() ?? 0
        return .pass(
            "\(busy.worker) received nothing while busy with the \(longTaskMilliseconds) ms task; the other worker(s) took all \(shortTasks) short tasks; at most \(most) unacknowledged delivery per consumer channel in \(samples.count) broker samples.",
            figures: figures, evidence: evidence, messages: deliveries
        )
    }

    /// One line per sample: each consumer channel's owner, unacked and prefetch.
    static func sampleLines(_ samples: [ChannelSampler.Sample], addresses: [String: String]) -> [String] {
        samples.map { sample in
            let channels = sample.channels.filter { $0.consumers > 0 }.map { channel in
                "\(addresses[channel.clientAddress] ?? channel.clientAddress): unacked \(channel.unacknowledged), prefetch \(channel.prefetch)"
            }
            return "\(sample.at.formatted(.iso8601.time(includingFractionalSeconds: true)))  \(channels.joined(separator: "; "))"
        }
    }
}
