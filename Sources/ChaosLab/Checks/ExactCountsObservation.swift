import Foundation

/// What the exact-counts check saw: the events it published and when, the counter's page at
/// each checkpoint, and the broker's account.
struct ExactCountsObservation: Sendable {
    /// When an event was published.
    enum Phase: String, Sendable, Hashable {
        /// With nothing failing.
        case steady
        /// In the burst during which the counting service was SIGKILLed.
        case counterKill
        /// Queued while the counting service was stopped, when the broker was SIGKILLed.
        case brokerKill

        var words: String {
            switch self {
            case .steady: "with nothing failing"
            case .counterKill: "in the burst around the counter's SIGKILL"
            case .brokerKill: "queued when the broker was SIGKILLed"
            }
        }
    }

    /// One event the lab published.
    struct Event: Sendable, Hashable {
        var attempt: PublishAttempt
        var phase: Phase
        var token: String { attempt.token }
    }

    /// The counter's page at one moment.
    struct Checkpoint: Sendable, Hashable {
        var label: String
        var reading: CounterReading
    }

    var counterService: String
    var queue: String
    var route: EventRoute
    var events: [Event] = []
    /// The page at each checkpoint, in order; the last is the verdict's.
    var checkpoints: [Checkpoint] = []
    /// Whether the queue drained and the page stopped changing before the final reading.
    var settled = true
    var counterKillAt: Date?
    var brokerKillAt: Date?
    /// The work queue just before the broker's SIGKILL, and once it answered again (`nil`
    /// when it was gone).
    var queueBeforeBrokerKill: QueueStatus?
    var queueAfterBrokerKill: QueueStatus?
    /// Whether the firehose saw each event published persistent, by token.
    var persistent: [String: Bool] = [:]
    /// Every delivery of the events from the work queue, as the broker saw it.
    var deliveries: [MessageTrace] = []
    /// Times the lab was not watching the broker.
    var gaps: [ObservationGap] = []
    /// The trigger part's finding, when a producer has a trigger.
    var trigger: PartFinding?

    init(counterService: String, queue: String, route: EventRoute) {
        self.counterService = counterService
        self.queue = queue
        self.route = route
    }

    mutating func record(_ label: String, _ reading: CounterReading) {
        checkpoints.append(Checkpoint(label: label, reading: reading))
    }

    /// The events the broker confirmed: the only ones the stack owes a count.
    var confirmedTokens: [String] {
        events.filter { $0.attempt.confirm == .acked }.map(\.token)
    }

    /// The final reading.
    var final: CounterReading? {
        checkpoints.last?.reading
    }
}
