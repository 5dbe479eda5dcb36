import ChaosLab
import Foundation

/// Builds a ``SyntheticRun`` the way a real one unfolds, in three phases:
///
/// 1. a poison message requeued in a loop between two workers, if the shape asks for one;
/// 2. the flow: the lab publishes a message every millisecond through the API, the broker
///    delivers each to the workers' prefetch-1 channels in turn, a little late and jittered;
///    some workers are killed holding a message, which then goes to the next worker flagged
///    redelivered, and come back on a new connection; some messages are rejected; then the lab
///    reads the dead-letter queue and sees both queues empty (the drain marks);
/// 3. the planted losses: the last few messages go to workers killed as the run ends, after
///    the lab's last look at the queues, and are never redelivered.
struct SyntheticRunBuilder {
    static let origin = Date(timeIntervalSince1970: 1_800_000_000)
    static let queue = "work"
    static let deadLetterQueue = "work.dlq"
    static let brokerAddress = "172.30.0.2:5672"
    /// Seconds between two publishes of the flow.
    static let interval = 0.001
    /// Seconds from a worker's death to the broker's redelivery of what it held.
    static let redeliveryDelay = 0.03

    private let shape: SyntheticShape
    private var random: SeededGenerator
    private let tokenPrefix: String
    private var attempts: [PublishAttempt] = []
    /// Every event but worker deliveries, which get their channel once all are planned.
    private var events: [Timed<BrokerEvent>] = []
    private var deliveries: [Timed<PlannedDelivery>] = []
    private var planted = SyntheticRun.Planted()
    private var order = 0

    init(shape: SyntheticShape) {
        self.shape = shape
        random = SeededGenerator(seed: shape.seed)
        tokenPrefix = "bench-\(String(format: "%06x", shape.seed & 0xFF_FFFF))-"
    }

    mutating func build() -> SyntheticRun {
        let flowStart = poisonLoop()
        let flowEnd = flow(from: flowStart)
        let drainedAt = readDeadLetters(from: flowEnd + 0.1)
        let drains = [DrainMark(queue: Self.queue, at: at(drainedAt)), DrainMark(queue: Self.deadLetterQueue, at: at(drainedAt))]
        lostTail(from: drainedAt + 0.1)
        let (workerEvents, consumers) = assignChannels()
        var all = events + workerEvents
        all.sort { ($0.seconds, $0.order) < ($1.seconds, $1.order) }
        let ordered = all.enumerated().map { sequence, timed in
            var event = timed.value
            event.sequence = sequence
            return event
        }
        planted.deliveries = ordered.count { $0.kind == .delivered }
        planted.traces = ordered.count { $0.kind == .delivered && $0.queue == Self.queue }
        planted.acknowledged = attempts.count { $0.acknowledged }
        var names: [String: String] = [:]
        for worker in 0..<shape.workers {
            names[Self.host(of: worker)] = Self.name(of: worker)
        }
        let expectedDeadLettered = planted.deadLettered
        return SyntheticRun(
            events: ordered, consumers: consumers, drains: drains, names: names, attempts: attempts,
            queue: Self.queue, tokenPrefix: tokenPrefix,
            policy: HistoryPolicy(expectedDeadLettered: expectedDeadLettered, failedPublishesMayAppear: true),
            planted: planted
        )
    }

    // MARK: - The phases

    /// The poison message's deliveries, alternating between the first two workers, each after
    /// the first flagged redelivered; the last is rejected. Returns when the flow starts.
    private mutating func poisonLoop() -> Double {
        guard shape.requeueLoop > 0 else { return 0 }
        let poison = token(0)
        accept(poison, at: 0)
        for round in 0..<shape.requeueLoop {
            deliver(poison, to: round % 2, at: 0.005 + Double(round) * 0.0004, redelivered: round > 0)
        }
        planted.requeued = shape.requeueLoop - 1
        planted.deadLettered.insert(poison)
        if shape.requeueLoop > 1 {
            planted.redelivered.insert(poison)
        }
        return 0.005 + Double(shape.requeueLoop) * 0.0004 + 0.05
    }

    /// The flow of messages 1 to ``SyntheticShape/flowing``. Returns when its last delivery was.
    private mutating func flow(from start: Double) -> Double {
        let parts = plantParts()
        var last = start
        for number in 1...shape.flowing {
            let message = token(number)
            let sent = start + Double(number - 1) * Self.interval
            let worker = (number - 1) % shape.workers
            switch parts[number] {
            case .refused?:
                attempts.append(PublishAttempt(token: message, at: at(sent), status: 503, detail: "the broker did not confirm the publish", took: .milliseconds(3)))
                planted.indeterminate.insert(message)
                continue
            case .timedOut?:
                attempts.append(PublishAttempt(token: message, at: at(sent), status: nil, detail: "no answer within 5 s", took: .seconds(5)))
                planted.recovered.insert(message)
                publish(message, at: sent + 0.001)
            default:
                accept(message, at: sent)
            }
            let deliveredAt = sent + 0.004 + Double.random(in: 0..<0.003, using: &random)
            last = max(last, deliveredAt)
            switch parts[number] {
            case .redelivered?:
                let other = nextAcknowledging(after: worker)
                deliver(message, to: worker, at: deliveredAt, kills: true)
                deliver(message, to: other, at: deliveredAt + Self.redeliveryDelay, redelivered: true)
                last = max(last, deliveredAt + Self.redeliveryDelay)
                planted.consumerGone += 1
                planted.redelivered.insert(message)
            case .rejected?:
                deliver(message, to: worker, at: deliveredAt)
                planted.deadLettered.insert(message)
            case .duplicated?:
                publish(message, at: sent + 0.0015)
                deliver(message, to: worker, at: deliveredAt)
                deliver(message, to: (worker + 1) % shape.workers, at: deliveredAt + 0.0005)
                planted.duplicated.insert(message)
            default:
                deliver(message, to: worker, at: deliveredAt)
            }
        }
        for number in shape.messages + 1..<shape.messages + 1 + shape.strays {
            let stray = token(number)
            let sent = start + Double(Int.random(in: 0..<shape.flowing, using: &random)) * Self.interval + 0.0005
            publish(stray, at: sent)
            deliver(stray, to: Int.random(in: 0..<shape.acknowledgingWorkers, using: &random), at: sent + 0.004)
            planted.unexpected.insert(stray)
        }
        return last
    }

    /// The lab takes the rejected messages (and the poison) off the dead-letter queue, each
    /// carrying `x-death`. Returns when it saw both queues empty.
    private mutating func readDeadLetters(from start: Double) -> Double {
        let lab = ChannelAddress(connection: ConnectionName("172.30.0.1:40200 -> \(Self.brokerAddress)"), number: 1)
        let death = DeadLetter(queue: Self.queue, reason: "rejected", count: 1, exchange: "")
        var time = start
        for message in planted.deadLettered.sorted() {
            time += 0.0002
            events.append(Timed(seconds: time, order: nextOrder(), value: BrokerEvent(
                sequence: 0, kind: .delivered, receivedAt: at(time), exchange: "dlx", routingKeys: [Self.queue], queue: Self.deadLetterQueue,
                channel: lab, user: "chaoslab", persistent: true, deaths: [death], body: Self.body(message), token: message
            )))
        }
        return time + 0.1
    }

    /// Messages delivered to acknowledging workers that are killed with them after the lab's
    /// last look at the queues, and never redelivered.
    private mutating func lostTail(from start: Double) {
        for offset in 0..<shape.lost {
            let message = token(shape.flowing + 1 + offset)
            let sent = start + Double(offset) * Self.interval
            accept(message, at: sent)
            deliver(message, to: offset % shape.acknowledgingWorkers, at: sent + 0.004, kills: true)
            planted.lost.insert(message)
            planted.unsettled += 1
        }
    }

    // MARK: - Parts and pieces

    /// The part each planted message of the flow plays, by message number: drawn without
    /// replacement from the messages of acknowledging workers, away from the first and last
    /// rounds so every planted delivery has deliveries around it.
    private mutating func plantParts() -> [Int: PlantedPart] {
        let edge = 2 * shape.workers
        let eligible = (1...shape.flowing).filter { number in
            number > edge && number <= shape.flowing - edge && (number - 1) % shape.workers < shape.acknowledgingWorkers
        }
        var drawn = eligible.shuffled(using: &random)[...]
        var parts: [Int: PlantedPart] = [:]
        for (part, count) in [(PlantedPart.redelivered, shape.redelivered), (.rejected, shape.rejected), (.duplicated, shape.duplicates), (.refused, shape.refused), (.timedOut, shape.timedOut)] {
            for number in drawn.prefix(count) {
                parts[number] = part
            }
            drawn = drawn.dropFirst(count)
        }
        return parts
    }

    /// The lab publishes `message` and the API acknowledges it; the API publishes it to the broker.
    private mutating func accept(_ message: String, at sent: Double) {
        let took = Int.random(in: 2...6, using: &random)
        attempts.append(PublishAttempt(token: message, at: at(sent), status: 202, detail: "{\"queued\":true}", took: .milliseconds(took)))
        publish(message, at: sent + 0.001)
    }

    /// The API's publish of `message`, as the firehose shows it.
    private mutating func publish(_ message: String, at time: Double) {
        let api = ChannelAddress(connection: ConnectionName("172.30.0.3:40100 -> \(Self.brokerAddress)"), number: 1)
        events.append(Timed(seconds: time, order: nextOrder(), value: BrokerEvent(
            sequence: 0, kind: .published, receivedAt: at(time), exchange: "", routingKeys: [Self.queue], routedQueues: [Self.queue],
            channel: api, user: "tasks", persistent: true, body: Self.body(message), token: message
        )))
    }

    private mutating func deliver(_ message: String, to worker: Int, at time: Double, redelivered: Bool = false, kills: Bool = false) {
        deliveries.append(Timed(seconds: time, order: nextOrder(), value: PlannedDelivery(token: message, worker: worker, redelivered: redelivered, killsWorker: kills)))
    }

    /// Puts each worker delivery on the channel its worker had at the time: a killed worker
    /// comes back on a new connection, so its old channel receives nothing more.
    private mutating func assignChannels() -> ([Timed<BrokerEvent>], [ChannelAddress: ConsumerFacts]) {
        var generation = Array(repeating: 0, count: shape.workers)
        var consumers: [ChannelAddress: ConsumerFacts] = [:]
        var placed: [Timed<BrokerEvent>] = []
        placed.reserveCapacity(deliveries.count)
        for timed in deliveries.sorted(by: { ($0.seconds, $0.order) < ($1.seconds, $1.order) }) {
            let delivery = timed.value
            let worker = delivery.worker
            let channel = ChannelAddress(connection: ConnectionName("\(Self.host(of: worker)):\(41_000 + generation[worker]) -> \(Self.brokerAddress)"), number: 1)
            let acknowledges = worker < shape.acknowledgingWorkers
            if consumers[channel] == nil {
                consumers[channel] = ConsumerFacts(channel: channel, queue: Self.queue, prefetch: acknowledges ? 1 : 0, acknowledges: acknowledges)
            }
            if !acknowledges {
                planted.autoAcked += 1
            }
            if delivery.killsWorker {
                generation[worker] += 1
            }
            placed.append(Timed(seconds: timed.seconds, order: timed.order, value: BrokerEvent(
                sequence: 0, kind: .delivered, receivedAt: at(timed.seconds), exchange: "", routingKeys: [Self.queue], queue: Self.queue,
                redelivered: delivery.redelivered, channel: channel, user: "tasks", persistent: true, body: Self.body(delivery.token), token: delivery.token
            )))
        }
        return (placed, consumers)
    }

    private func nextAcknowledging(after worker: Int) -> Int {
        (worker + 1) % shape.acknowledgingWorkers
    }

    private func token(_ number: Int) -> String {
        tokenPrefix + String(number)
    }

    private mutating func nextOrder() -> Int {
        order += 1
        return order
    }

    private func at(_ seconds: Double) -> Date {
        Self.origin.addingTimeInterval(seconds)
    }

    static func host(of worker: Int) -> String {
        "172.30.1.\(worker + 1)"
    }

    static func name(of worker: Int) -> String {
        "worker\(worker + 1)"
    }

    static func body(_ message: String) -> String {
        "{\"message\":\"\(message)\"}"
    }
}

/// A value placed in the run's time, with the order it was made in to break ties.
private struct Timed<Value> {
    var seconds: Double
    var order: Int
    var value: Value
}

/// A worker delivery before it has a channel.
private struct PlannedDelivery {
    var token: String
    var worker: Int
    var redelivered: Bool
    /// Whether the worker is killed holding this delivery.
    var killsWorker: Bool
}

/// The part a planted message of the flow plays.
private enum PlantedPart {
    case redelivered, rejected, duplicated, refused, timedOut
}
