import ChaosLab

/// A run made up from a ``SyntheticShape``: everything the verdict engine reads, as the
/// broker observer and the lab would hand it over, and what the engine must find in it.
struct SyntheticRun: Sendable {
    /// The firehose, in the order received.
    var events: [BrokerEvent]
    var consumers: [ChannelAddress: ConsumerFacts]
    var drains: [DrainMark]
    /// The worker behind each client address.
    var names: [String: String]
    /// What the lab published through the API, in the order sent.
    var attempts: [PublishAttempt]
    /// The work queue, whose deliveries the checks follow.
    var queue: String
    /// The start of every token of the run.
    var tokenPrefix: String
    /// The policy the run is judged by: the rejected and poison messages are expected to be
    /// dead-lettered, and a publish whose answer never came may show up.
    var policy: HistoryPolicy
    /// What the engine must find.
    var planted: Planted

    /// What a correct engine finds in a ``SyntheticRun``, fixed when the run is built.
    struct Planted: Sendable, Hashable {
        var acknowledged = 0
        var lost: Set<String> = []
        var unexpected: Set<String> = []
        var duplicated: Set<String> = []
        var redelivered: Set<String> = []
        var deadLettered: Set<String> = []
        /// Refused with a server error and never published.
        var indeterminate: Set<String> = []
        /// Unanswered, but published and processed anyway.
        var recovered: Set<String> = []
        /// Deliveries the ledger must return: every delivery event.
        var deliveries = 0
        /// Deliveries from the work queue of the run's messages: the traces the checks judge.
        var traces = 0
        /// Deliveries the ledger must find gone with a killed consumer.
        var consumerGone = 0
        /// Deliveries the ledger must find requeued (the poison loop).
        var requeued = 0
        /// Deliveries the ledger must find settled by auto-ack.
        var autoAcked = 0
        /// Deliveries nothing settled: the planted losses.
        var unsettled = 0
    }

    var publishes: Int { events.count - planted.deliveries }
}
