import Foundation

extension APIContractCheck {
    /// One POST of a message on one route, judged against what the broker saw published.
    struct Post: Sendable {
        /// What the POST is meant to show.
        enum Purpose: Sendable {
            /// Input the API must refuse, publishing nothing.
            case badInput(BadInput)
            /// A good message the API must publish before it answers "Message sent".
            case good
        }

        var purpose: Purpose
        /// When it was sent, the answer and how long it took, and the lab's token: in the body
        /// where the input can carry one, else only the POST's name.
        var attempt: PublishAttempt

        /// When the answer reached the lab, on the same clock as the firehose's events.
        var answeredAt: Date {
            attempt.at.addingTimeInterval(attempt.took.seconds)
        }

        var name: String {
            switch purpose {
            case .badInput(let input): "POST \(input.name)"
            case .good: "POST a good message"
            }
        }
    }

    /// What the broker's firehose showed around one route's POSTs.
    struct PublishRecord: Sendable {
        /// Every publish the firehose reported from the route's first POST on.
        var publishes: [BrokerEvent]
        /// When the lab was not watching.
        var gaps: [ObservationGap]
        /// Why the lab cannot watch the broker at all; `nil` while it can.
        var unavailable: String?
        /// When the lab read the firehose: nothing later is in ``publishes``.
        var readAt: Date
        /// The service behind each client address, to name who published.
        var names: [String: String] = [:]
    }

    /// The cases of one route's POSTs, and the lines that show what they rest on.
    struct PublishJudgement: Sendable {
        var cases: [Case]
        /// Each good message: sent, seen published, answered.
        var goodLines: [String]
        /// Each bad input and what the broker saw published meanwhile, then any publish no
        /// POST accounts for.
        var badLines: [String]
    }

    /// Judges one route's POSTs against the firehose: a pure function of what was recorded.
    ///
    /// A good message passes when it was answered 200 "Message sent", the broker saw it
    /// published (found by the lab's token in the body) and routed to `workQueue` (or, through
    /// a named exchange, to some queue), and the answer did not reach the lab more than
    /// ``answerMargin`` before that publish event did. A bad input passes when it was refused
    /// with a 4xx other than 401 and no publish belongs to it. A publish belongs to the POST
    /// whose token its body carries; a body without the lab's token (an empty message has
    /// none) belongs to the bad input sent last before it. Where the firehose cannot settle
    /// it (the lab not watching), the case is unobserved (`passed == nil`).
    func judgePublishes(route: String, posts: [Post], record: PublishRecord, workQueue: String) -> PublishJudgement {
        let owners = Self.owners(of: record.publishes, among: posts)
        var judgement = PublishJudgement(cases: [], goodLines: [], badLines: [])
        for (index, post) in posts.enumerated() {
            let published = record.publishes.indices.filter { owners[$0] == index }.map { record.publishes[$0] }
            let unseen = Self.unobserved(from: post.attempt.at, to: record.readAt, in: record)
            switch post.purpose {
            case .badInput(let input):
                judgement.cases.append(badInputCase(route: route, post: post, input: input, published: published, unseen: unseen))
                let seen = published.isEmpty
                    ? unseen.map { "publishing unknown: \($0)" } ?? "nothing published"
                    : published.map { "published \(Self.clock($0.receivedAt)) (\(Self.publishText($0, record: record)))" }.joined(separator: "; ")
                judgement.badLines.append("[\(route)] \(post.name) (\(post.attempt.token)): \(Self.answerText(post)), \(seen)")
            case .good:
                judgement.cases.append(goodCase(route: route, post: post, event: published.first, unseen: unseen, record: record, workQueue: workQueue))
                let seen = published.first.map { "published \(Self.clock($0.receivedAt)) (\(Self.publishText($0, record: record)))" }
                    ?? "published: " + (unseen ?? "not seen by \(Self.clock(record.readAt))")
                let order = published.first.map { " — " + Self.orderText(answered: post.answeredAt, published: $0.receivedAt) } ?? ""
                judgement.goodLines.append("[\(route)] \(post.attempt.token): sent \(Self.clock(post.attempt.at)), \(seen), \(Self.answerText(post))\(order)")
            }
        }
        let strays = record.publishes.indices.filter { owners[$0] == nil && record.publishes[$0].token == nil }
        judgement.badLines += strays.map {
            "[\(route)] a publish without the lab's token that no bad input accounts for: \(Self.clock(record.publishes[$0].receivedAt)) (\(Self.publishText(record.publishes[$0], record: record)))"
        }
        return judgement
    }

    func goodCase(route: String, post: Post, event: BrokerEvent?, unseen: String?, record: PublishRecord, workQueue: String) -> Case {
        let token = post.attempt.token
        let expected = "200 \"Message sent\", answered only once the broker saw the message published to \(workQueue) (\(answerMargin.milliseconds) ms margin)"
        let sent = post.attempt.status == 200 && post.attempt.detail.contains("Message sent")
        var observed = Self.describe(post.attempt)
        guard sent else {
            if let event { observed += "; the broker saw it published at \(Self.clock(event.receivedAt)) all the same" }
            return Case(route: route, name: post.name, expected: expected, observed: observed, passed: false)
        }
        guard let event else {
            if let unseen {
                return Case(route: route, name: post.name, expected: expected, observed: observed + "; whether the broker saw it published is unknown: \(unseen)", passed: nil)
            }
            let watched = record.readAt.timeIntervalSince(post.answeredAt)
            return Case(route: route, name: post.name, expected: expected,
                        observed: "answered 'Message sent' but the broker never saw \(token) published (watched for \(String(format: "%.1f", watched)) s after the answer)", passed: false)
        }
        var problems: [String] = []
        if !Self.reaches(workQueue, event) {
            problems.append("the broker saw \(token) published \(Self.publishText(event, record: record)), not to \(workQueue): no worker gets it")
        }
        let lead = event.receivedAt.timeIntervalSince(post.answeredAt)
        if lead > answerMargin.seconds {
            problems.append("answered 'Message sent' at \(Self.clock(post.answeredAt)), \(Self.milliseconds(lead)) ms before the broker saw \(token) published at \(Self.clock(event.receivedAt)): the API does not wait for the broker")
        }
        // A transient message is the persistence check's to fail (it loses it in the broker
        // crash); here it is only told, so one defect fails one check.
        let transient = event.persistent ? "" : "; published transient (delivery mode 1): the persistence check judges that, this one does not"
        if !problems.isEmpty {
            return Case(route: route, name: post.name, expected: expected, observed: problems.joined(separator: "; ") + transient, passed: false)
        }
        return Case(route: route, name: post.name, expected: expected,
                    observed: observed + "; " + Self.orderText(answered: post.answeredAt, published: event.receivedAt) + transient, passed: true)
    }

    func badInputCase(route: String, post: Post, input: BadInput, published: [BrokerEvent], unseen: String?) -> Case {
        let refused = post.attempt.status.map { (400..<500).contains($0) && $0 != 401 } ?? false
        var observed = Self.describe(post.attempt)
        let passed: Bool?
        if let first = published.first {
            observed += " and published \(published.count) message\(published.count == 1 ? "" : "s") (the broker saw \(published.count == 1 ? "it" : "the first") "
                + "\(Self.milliseconds(abs(first.receivedAt.timeIntervalSince(post.answeredAt)))) ms \(first.receivedAt < post.answeredAt ? "before" : "after") the answer)"
            passed = false
        } else if let unseen {
            observed += "; whether anything was published is unknown: \(unseen)"
            passed = refused ? nil : false
        } else {
            observed += ", nothing published"
            passed = refused
        }
        return Case(route: route, name: post.name, expected: "4xx and nothing published", observed: observed, passed: passed, kind: input.kind, hint: input.hint)
    }

    /// The evidence blocks of every route's judgement: when each good message was sent, seen
    /// published and answered; what the broker saw published during each bad input.
    static func publishEvidence(_ judgements: [PublishJudgement], workQueue: String) -> [Evidence] {
        [
            Evidence(source: "broker", title: "Each good message: sent, seen published by the broker (firehose), answered — on the lab's clock",
                     lines: judgements.flatMap(\.goodLines)),
            Evidence(source: "broker", title: "What the broker saw published during each bad input (the firehose, which sees every publish with its time and routing; the depth of \(workQueue) is not read, as it misses a publish routed elsewhere or made after the answer)",
                     lines: judgements.flatMap(\.badLines)),
        ]
    }

    /// For each publish, the index of the POST it belongs to, if any: the POST whose token the
    /// body carries; for a body without a token of the lab's, the bad input sent last before
    /// it. A publish of another token (another check's message) belongs to none.
    static func owners(of publishes: [BrokerEvent], among posts: [Post]) -> [Int?] {
        let byToken = Dictionary(posts.enumerated().map { ($1.attempt.token, $0) }, uniquingKeysWith: { first, _ in first })
        let order = posts.indices.sorted { posts[$0].attempt.at < posts[$1].attempt.at }
        return publishes.map { event in
            if let token = event.token { return byToken[token] }
            guard let last = order.last(where: { posts[$0].attempt.at <= event.receivedAt }),
                  case .badInput = posts[last].purpose else { return nil }
            return last
        }
    }

    /// Why the lab cannot tell what was published between `start` and `end`, or `nil` when it
    /// watched the whole time.
    static func unobserved(from start: Date, to end: Date, in record: PublishRecord) -> String? {
        if let reason = record.unavailable { return "the lab cannot watch the broker (\(reason))" }
        return record.gaps.first { $0.overlaps(start, end) }.map { "the lab was not watching the broker from \($0)" }
    }

    /// Whether a publish reached the work queue: by name through the default exchange (which
    /// lists the queue its key names even when there is none, so the name must match), or to
    /// any queue through a named exchange (whose bindings the stack chooses).
    static func reaches(_ workQueue: String, _ event: BrokerEvent) -> Bool {
        event.routedQueues.contains(workQueue) || (!event.exchange.isEmpty && !event.routedQueues.isEmpty)
    }

    /// `to chaoslab.work via the default exchange with key chaoslab.work, persistent, by sender`.
    static func publishText(_ event: BrokerEvent, record: PublishRecord) -> String {
        let queues = event.routedQueues.isEmpty ? "to no queue" : "to " + event.routedQueues.joined(separator: ", ")
        let exchange = event.exchange.isEmpty ? "the default exchange" : "exchange \(event.exchange)"
        let key = event.routingKeys.first.map { " with key \($0)" } ?? ""
        let publisher = event.channel.map { ", by " + (record.names[$0.connection.peerHost] ?? $0.connection.peerHost) } ?? ""
        return "\(queues) via \(exchange)\(key), \(event.persistent ? "persistent" : "transient")\(publisher)"
    }

    /// `published 3 ms before the answer` or `answered 212 ms before the publish`.
    static func orderText(answered: Date, published: Date) -> String {
        let lead = published.timeIntervalSince(answered)
        return lead <= 0 ? "published \(milliseconds(-lead)) ms before the answer" : "answered \(milliseconds(lead)) ms before the publish"
    }

    /// `400` with its body, or why no answer came, in a few words.
    static func describe(_ attempt: PublishAttempt) -> String {
        guard let status = attempt.status else { return "no answer" }
        let body = attempt.detail.replacingOccurrences(of: "\n", with: " ").prefix(80)
        return "\(status)" + (body.isEmpty ? "" : " \(body)") + " in \(Int((attempt.took.seconds * 1000).rounded())) ms"
    }

    /// `answered 08:00:01.105 with 400`, or `no answer by …`.
    static func answerText(_ post: Post) -> String {
        post.attempt.status.map { "answered \(clock(post.answeredAt)) with \($0)" } ?? "no answer by \(clock(post.answeredAt))"
    }

    /// The time of day on the lab's clock, to the nearest millisecond (the format alone cuts
    /// the rest off, which would make two times a few milliseconds apart look one off).
    static func clock(_ date: Date) -> String {
        date.addingTimeInterval(0.0005).formatted(.iso8601.time(includingFractionalSeconds: true))
    }

    static func milliseconds(_ seconds: TimeInterval) -> Int {
        Int((seconds * 1000).rounded())
    }
}

extension Duration {
    /// The duration in whole milliseconds, for messages.
    fileprivate var milliseconds: Int {
        Int((seconds * 1000).rounded())
    }
}
