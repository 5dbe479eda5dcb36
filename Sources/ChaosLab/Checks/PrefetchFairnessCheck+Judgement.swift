import Foundation

extension PrefetchFairnessCheck {
    /// Everything the check saw, for ``judge(_:)``.
    struct Observation {
        var long: String
        var busyWorker: String
        /// The deliveries of the check's messages from the work queue.
        var deliveries: [BrokerDelivery]
        /// The work queue's consumers and their limits.
        var consumers: [(service: String, facts: ConsumerFacts)]
        var workers: [String]
        /// The short tasks the API acknowledged.
        var acknowledged: [String]
        var publishedAt: [String: Date]
        var samples: [ChannelSampler.Sample]
        var sampleFailures: Int
        /// The service behind each client address in the samples.
        var names: [String: String]
        var gaps: [ObservationGap]
    }

    /// The outcome for a stack that does not claim the property; `nil` when it does.
    func notApplicable(to roles: StackRoles) -> CheckOutcome? {
        guard roles.workers.count >= 2 else {
            return .notApplicable("The stack has \(roles.workers.count) worker; fairness needs a busy worker and an idle one.")
        }
        guard roles.api?.supportsWorkTime == true else {
            return .notApplicable("The API cannot ask for a long task, so a worker cannot be kept busy on purpose.")
        }
        return nil
    }

    /// The outcome when the API did not take the long task: no worker could be kept busy.
    static func unpublished(_ long: PublishAttempt) -> CheckOutcome {
        .inconclusive("The API did not acknowledge the long task (\(long.status.map(String.init) ?? "no response") \(long.detail.prefix(200))), so no worker could be kept busy; api-contract judges the API.")
    }

    /// The verdict on what was seen: a pure function, so every path is tested without a broker.
    func judge(_ seen: Observation) -> CheckOutcome {
        let longDelivery = seen.deliveries.first { $0.token == seen.long }
        let busyUntil = longDelivery.map { $0.at.addingTimeInterval(Double(longTaskMilliseconds) / 1000 - margin.seconds) } ?? .distantPast
        let busyChannel = longDelivery?.channel
        let sentToBusy = seen.deliveries.filter { $0.channel == busyChannel && $0.token != seen.long && $0.at < busyUntil }
        let workQueueChannels = Set(seen.consumers.map(\.facts.channel))
        var mostUnacked: [String: Int] = [:]
        for sample in seen.samples {
            for channel in sample.channels where channel.consumers > 0 {
                guard let address = ChannelAddress(channelName: channel.name), workQueueChannels.contains(address) else { continue }
                let owner = seen.names[channel.clientAddress] ?? channel.clientAddress
                mostUnacked[owner] = max(mostUnacked[owner] ?? 0, channel.unacknowledged)
            }
        }
        let handled = Set(seen.deliveries.filter(\.outcome.isHandled).compactMap(\.token))
        let unprocessed = seen.acknowledged.filter { !handled.contains($0) }

        var figures = [
            Figure("busy.worker.short.tasks", "short tasks sent to the busy worker (\(seen.busyWorker)) while busy", Double(sentToBusy.count), unit: "messages"),
            Figure("broker.samples", "channel samples taken", Double(seen.samples.count)),
            Figure("broker.sample.failures", "channel samples that failed", Double(seen.sampleFailures)),
        ]
        for (service, facts) in seen.consumers {
            figures.append(Figure("prefetch.\(service)", "prefetch limit of \(service)'s consumer (0 = none)", Double(facts.effectiveLimit ?? 0)))
        }
        for (owner, most) in mostUnacked.sorted(by: { $0.key < $1.key }) {
            figures.append(Figure("max.unacked.\(owner)", "most unacknowledged on \(owner)'s channel", Double(most), unit: "deliveries"))
        }
        var evidence = [
            Evidence(source: "broker", title: "Deliveries, in the order the broker made them (firehose)", lines: seen.deliveries.map {
                "\($0.token ?? "?") → \($0.consumer) on channel \($0.channel.number) at \($0.at.formatted(.iso8601.time(includingFractionalSeconds: true)))\($0.token == seen.long ? " (long task)" : "") → \($0.outcome.rawValue)"
            }),
            Evidence(source: "broker", title: "Consumers of the work queue and their limits", lines: seen.consumers.map {
                "\($0.service): prefetch \($0.facts.prefetch), channel-wide prefetch \($0.facts.globalPrefetch), ack_required \($0.facts.acknowledges)"
            }),
            Evidence(source: "broker", title: "Channel samples of the work queue's consumers (rabbitmqctl list_channels)", lines: Self.sampleLines(seen.samples, names: seen.names, channels: workQueueChannels)),
        ]
        if !seen.gaps.isEmpty {
            evidence.append(Evidence(source: "lab", title: "When the lab was not watching the broker", lines: seen.gaps.map(\.description)))
        }
        let messages = seen.deliveries.compactMap(\.trace)

        var problems: [String] = []
        if !sentToBusy.isEmpty {
            problems.append("the broker sent \(seen.busyWorker) \(sentToBusy.count) short task\(sentToBusy.count == 1 ? "" : "s") (\(sentToBusy.compactMap(\.token).prefix(3).joined(separator: ", "))) while it was busy with \(seen.long)")
        }
        let unlimited = seen.consumers.filter { $0.facts.effectiveLimit == nil }.sorted { $0.service.compare($1.service, options: .numeric) == .orderedAscending }
        if !unlimited.isEmpty {
            let names = unlimited.map(\.service).joined(separator: " and ")
            let autoAck = unlimited.allSatisfy { !$0.facts.acknowledges } ? ", and consume with auto-ack, so the broker never even counts unacknowledged deliveries" : ""
            problems.append("\(names)\(unlimited.count == 1 ? "'s consumer has" : "'s consumers have") no prefetch limit (basic.qos prefetch_count 0\(autoAck)): set basic.qos prefetch_count=1 before consuming")
        }
        for (service, facts) in seen.consumers {
            if let limit = facts.effectiveLimit, limit > 1 {
                problems.append("\(service)'s consumer may hold \(limit) unacknowledged deliveries (prefetch \(limit)), expected 1")
            }
        }
        for (owner, most) in mostUnacked.sorted(by: { $0.key < $1.key }) where most > 1 {
            problems.append("the broker counted \(most) unacknowledged deliveries at once on \(owner)'s channel")
        }
        if !unprocessed.isEmpty {
            problems.append("\(unprocessed.count) short task\(unprocessed.count == 1 ? " was" : "s were") never seen processed (first: \(unprocessed[0]))")
        }
        if !problems.isEmpty {
            // Tasks not seen processed are the only problem: they may have been processed unseen.
            if problems.count == 1, !unprocessed.isEmpty, !seen.gaps.isEmpty {
                return .inconclusive("The lab was not watching the broker the whole time (\(seen.gaps[0])): " + problems.joined(separator: "; ") + ".", figures: figures, evidence: evidence, messages: messages)
            }
            return .fail("Prefetch=1 is not enforced: " + problems.joined(separator: "; ") + ".", figures: figures, evidence: evidence, messages: messages)
        }
        guard !seen.consumers.isEmpty else {
            return .inconclusive("The broker listed no consumers of the work queue, so their limits could not be read.", figures: figures, evidence: evidence, messages: messages)
        }
        let most = mostUnacked.values.max() ?? 0
        let others = seen.workers.filter { $0 != seen.busyWorker }.joined(separator: " and ")
        // Short tasks the busy worker took as its long task ended (inside the margin, or after).
        let atEnd = Set(seen.deliveries.filter { $0.channel == busyChannel && $0.token != seen.long }.compactMap(\.token)).count
        let taken = atEnd == 0 ? "took all \(shortTasks) short tasks" : "took \(shortTasks - atEnd) of the \(shortTasks) short tasks, \(seen.busyWorker) the other \(atEnd) at the end of its long task"
        return .pass(
            "\(seen.busyWorker) was sent nothing while busy with the \(longTaskMilliseconds) ms task; \(others) \(taken); every consumer of the work queue is limited to 1 unacknowledged delivery\(seen.samples.isEmpty ? "" : ", and \(seen.samples.count) channel samples saw at most \(most) on one").",
            figures: figures, evidence: evidence, messages: messages
        )
    }

    /// One line per sample: each work-queue consumer channel's owner, unacked and prefetch.
    static func sampleLines(_ samples: [ChannelSampler.Sample], names: [String: String], channels: Set<ChannelAddress>) -> [String] {
        samples.map { sample in
            let shown = sample.channels.filter { ChannelAddress(channelName: $0.name).map(channels.contains) ?? false }.map { channel in
                "\(names[channel.clientAddress] ?? channel.clientAddress): unacked \(channel.unacknowledged), prefetch \(channel.prefetch)"
            }
            return "\(sample.at.formatted(.iso8601.time(includingFractionalSeconds: true)))  \(shown.joined(separator: "; "))"
        }
    }
}
