import AMQPClient
@testable import ChaosLab
import Foundation

/// The number at the end of a soak token.
func tokenNumber(_ token: String) -> Int {
    Int(token.split(separator: "-").last ?? "") ?? -1
}

/// An API that answers each token as `answer` says, after `delay`.
struct FakePoster: SoakPoster {
    var delay: Duration = .zero
    var answer: @Sendable (Int) -> Int? = { _ in 200 }

    func post(token: String) async -> (status: Int?, detail: String) {
        if delay > .zero {
            do {
                try await Task.sleep(for: delay)
            } catch {
                return (nil, "cancelled")
            }
        }
        let status = answer(tokenNumber(token))
        return (status, status == nil ? "no response" : "")
    }

    func shutdown() async {}
}

/// What a fake broker does with one message.
enum FakeBrokerAnswer: Sendable {
    case ack, nack, returned
    /// Never confirms it.
    case silent
    /// Drops the connection when it is published.
    case dropConnection
}

/// A broker connection that confirms at once, as `answer` says for each token.
actor FakeChannel: SoakPublisher {
    let answer: @Sendable (Int) -> FakeBrokerAnswer
    private var next: UInt64 = 1
    private var ready: [ConfirmedPublish] = []
    private(set) var isClosed = false

    init(answer: @escaping @Sendable (Int) -> FakeBrokerAnswer) {
        self.answer = answer
    }

    struct Dropped: Error, CustomStringConvertible {
        var description: String { "The connection to the fake broker was lost." }
    }

    func publish(_ messages: [AMQPOutgoingMessage]) throws -> [UInt64] {
        var sequences: [UInt64] = []
        for message in messages {
            let sequence = next
            next += 1
            switch answer(tokenNumber(message.properties.messageID ?? "")) {
            case .ack: ready.append(ConfirmedPublish(sequence: sequence, confirmation: .acked))
            case .nack: ready.append(ConfirmedPublish(sequence: sequence, confirmation: .nacked))
            case .returned: ready.append(ConfirmedPublish(sequence: sequence, confirmation: .returned(replyCode: 312, replyText: "NO_ROUTE")))
            case .silent: break
            case .dropConnection:
                isClosed = true
                throw Dropped()
            }
            sequences.append(sequence)
        }
        return sequences
    }

    func confirmed(timeout: Duration) async throws -> [ConfirmedPublish] {
        if ready.isEmpty {
            try await Task.sleep(for: timeout)
            return []
        }
        defer { ready = [] }
        return ready
    }

    func close() {
        isClosed = true
    }
}

/// Counts the connections a soak opened.
actor ConnectionCounter {
    private(set) var opened = 0

    func open() -> Int {
        opened += 1
        return opened
    }
}

extension SoakLoad {
    /// A load over fake API lanes.
    static func fake(_ poster: FakePoster, _ configuration: SoakLoadConfiguration) -> SoakLoad {
        SoakLoad(transport: .api { poster }, configuration: configuration)
    }

    /// A load over fake broker connections.
    static func fake(
        counter: ConnectionCounter = ConnectionCounter(), _ configuration: SoakLoadConfiguration,
        answer: @escaping @Sendable (Int) -> FakeBrokerAnswer
    ) -> SoakLoad {
        let target = SoakAMQPTarget(routingKey: "chaoslab.work") { _ in throw CancellationError() }
        return SoakLoad(transport: .amqp(
            open: { _ in
                _ = await counter.open()
                return FakeChannel(answer: answer)
            },
            message: target.messages(workMilliseconds: 0)
        ), configuration: configuration)
    }
}
