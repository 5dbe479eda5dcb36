import AMQPClient

extension FixtureConfiguration {
    /// Reads the configuration; an unset or empty variable takes its default.
    ///
    /// | variable | default |
    /// |---|---|
    /// | `AMQP_HOST`, `AMQP_PORT` | `rabbitmq`, `5672` |
    /// | `AMQP_USER`, `AMQP_PASSWORD`, `AMQP_VHOST` | `chaoslab`, `chaoslab-secret`, `/` |
    /// | `AMQP_HEARTBEAT` (seconds, 0 = off) | `5` |
    /// | `WORK_QUEUE` | `chaoslab.work` |
    /// | `API_PORT`, `API_USER`, `API_PASSWORD` | `8000`, `admin`, `chaoslab-api-secret` |
    /// | `WORKER_ID`, `DATA_DIR` | `worker`, `/data` |
    /// | `CHAOSLAB_KNOBS` | none |
    ///
    /// - Throws: ``ConfigurationError`` for a number that does not parse or is out of range,
    ///   or an unknown knob.
    init(environment: [String: String]) throws(ConfigurationError) {
        let reader = EnvironmentReader(environment: environment)
        amqp = AMQPConfiguration(
            host: reader.string("AMQP_HOST", default: "rabbitmq"),
            port: try reader.integer("AMQP_PORT", default: 5672, in: 1...65535),
            username: reader.string("AMQP_USER", default: "chaoslab"),
            password: reader.string("AMQP_PASSWORD", default: "chaoslab-secret"),
            virtualHost: reader.string("AMQP_VHOST", default: "/"),
            heartbeat: .seconds(try reader.integer("AMQP_HEARTBEAT", default: 5, in: 0...65535)),
            // Short deadlines: a fixture that cannot reach the broker retries instead of
            // hanging, and shutdown never waits long on a connect in progress.
            connectTimeout: .seconds(2),
            operationTimeout: .seconds(5)
        )
        workQueue = reader.string("WORK_QUEUE", default: "chaoslab.work")
        apiPort = try reader.integer("API_PORT", default: 8000, in: 1...65535)
        apiUser = reader.string("API_USER", default: "admin")
        apiPassword = reader.string("API_PASSWORD", default: "chaoslab-api-secret")
        workerID = reader.string("WORKER_ID", default: "worker")
        dataDirectory = reader.string("DATA_DIR", default: "/data")
        knobs = try Knob.parseList(reader.string("CHAOSLAB_KNOBS", default: ""), variable: "CHAOSLAB_KNOBS")
    }
}
