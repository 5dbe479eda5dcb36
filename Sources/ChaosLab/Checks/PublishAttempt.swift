public import Foundation

/// One message the lab tried to publish, through the stack's API or straight to its broker,
/// and what came back.
///
/// Each route keeps its own kind of answer, so neither pretends to be the other: an API
/// publish has an HTTP ``status``, a broker publish a ``confirm``. ``outcome`` reads either.
public struct PublishAttempt: Sendable, Codable, Hashable {
    /// The lab's token for the message.
    public var token: String
    /// When the request (or the basic.publish) was sent.
    public var at: Date
    /// The HTTP status, or `nil` when no response came; always `nil` on the AMQP route.
    public var status: Int?
    /// The response body, the broker's reply text, or why no answer came.
    public var detail: String
    /// How long the answer took (or how long the lab waited before giving up).
    public var took: Duration
    /// Through the API or straight to the broker.
    public var route: PublishRoute
    /// The broker's answer on the AMQP route, or `nil` when none came; always `nil` on the
    /// API route.
    public var confirm: BrokerConfirm?

    /// An attempt through the stack's API.
    public init(token: String, at: Date, status: Int?, detail: String, took: Duration) {
        self.token = token
        self.at = at
        self.status = status
        self.detail = detail
        self.took = took
        self.route = .api
        self.confirm = nil
    }

    /// An attempt straight to the broker; `confirm` is `nil` when no answer came.
    public init(token: String, at: Date, confirm: BrokerConfirm?, detail: String, took: Duration) {
        self.token = token
        self.at = at
        self.status = nil
        self.detail = detail
        self.took = took
        self.route = .amqp
        self.confirm = confirm
    }

    /// Reports written before the AMQP route have no `route`: those attempts went through the API.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        token = try container.decode(String.self, forKey: .token)
        at = try container.decode(Date.self, forKey: .at)
        status = try container.decodeIfPresent(Int.self, forKey: .status)
        detail = try container.decode(String.self, forKey: .detail)
        took = try container.decode(Duration.self, forKey: .took)
        route = try container.decodeIfPresent(PublishRoute.self, forKey: .route) ?? .api
        confirm = try container.decodeIfPresent(BrokerConfirm.self, forKey: .confirm)
    }

    /// Whether the stack acknowledged the message (HTTP 2xx, or the broker's ack): from then on
    /// the stack owes its processing.
    public var acknowledged: Bool {
        outcome == .acknowledged
    }

    /// When the answer came (or the lab stopped waiting).
    public var answeredAt: Date {
        at.addingTimeInterval(took.seconds)
    }

    /// The answer in a few words, e.g. "HTTP 503", "broker nack", "no confirm".
    public var answer: String {
        switch route {
        case .api: status.map { "HTTP \($0)" } ?? "no response"
        case .amqp:
            switch confirm {
            case .acked?: "broker ack"
            case .nacked?: "broker nack"
            case .returned?: "returned by the broker"
            case nil: "no confirm"
            }
        }
    }
}
