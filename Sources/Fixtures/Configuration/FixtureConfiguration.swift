import AMQPClient

/// Everything a fixture service reads from its environment (see ``init(environment:)`` for the
/// variables and their defaults).
struct FixtureConfiguration: Sendable, Codable, Hashable {
    /// How to reach the broker: `AMQP_HOST`, `AMQP_PORT`, `AMQP_USER`, `AMQP_PASSWORD`,
    /// `AMQP_VHOST`, `AMQP_HEARTBEAT`.
    var amqp: AMQPConfiguration
    /// The queue the API publishes to and the workers consume: `WORK_QUEUE`.
    var workQueue: String
    /// The API's HTTP port on 0.0.0.0: `API_PORT`.
    var apiPort: Int
    /// Basic-auth user name the API accepts: `API_USER`.
    var apiUser: String
    /// Basic-auth password the API accepts: `API_PASSWORD`.
    var apiPassword: String
    /// The worker's name in logs and records: `WORKER_ID`.
    var workerID: String
    /// Where the worker appends `messages.log`: `DATA_DIR`.
    var dataDirectory: String
    /// Fault knobs from `CHAOSLAB_KNOBS`.
    var knobs: Set<Knob>

    /// Whether `knob` is set.
    func has(_ knob: Knob) -> Bool {
        knobs.contains(knob)
    }

    /// The knobs for a start-up log line.
    var knobsText: String {
        knobs.isEmpty ? "none" : knobs.map(\.rawValue).sorted().joined(separator: ",")
    }
}
