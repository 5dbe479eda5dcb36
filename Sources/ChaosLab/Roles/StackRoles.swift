/// What each service of a stack is for, and how the lab talks to it and observes it.
///
/// Checks see a stack only through its roles, never through the internals of the reference
/// fixtures, so the same checks run on a student's stack once its roles are known.
public struct StackRoles: Sendable, Codable, Hashable {
    /// The broker's service.
    public var broker: String
    /// How the lab logs in to the broker from the host, when its AMQP port is published.
    public var brokerAccess: BrokerAccess?
    /// The broker login the stack uses, published port or not: how the lab watches the broker
    /// at the container's own address. `nil` leaves ``brokerAccess``'s login, else guest.
    public var brokerLogin: BrokerCredentials?
    /// How to publish through the stack's API; `nil` when the stack has no HTTP API.
    public var api: APIRole?
    /// The worker services, each consuming the work queue.
    public var workers: [String]
    /// The queue the API publishes to and the workers consume.
    public var workQueue: String
    /// The dead-letter queue, when the stack claims dead-lettering.
    public var deadLetterQueue: String?
    /// The reverse proxy, when there is one.
    public var proxy: ProxyRole?
    /// How a worker shows what it processed.
    public var workerEvidence: WorkerEvidence
    /// How the lab publishes events straight to the broker in the producers' format, when the
    /// stack counts events.
    public var events: EventRoute?
    /// The service that counts events per key, and where it shows the counts.
    public var counter: CounterRole?
    /// A request that makes a producer publish one event, when a producer takes one.
    public var trigger: EventTrigger?

    public init(
        broker: String,
        brokerAccess: BrokerAccess? = nil,
        brokerLogin: BrokerCredentials? = nil,
        api: APIRole?,
        workers: [String],
        workQueue: String,
        deadLetterQueue: String? = nil,
        proxy: ProxyRole? = nil,
        workerEvidence: WorkerEvidence,
        events: EventRoute? = nil,
        counter: CounterRole? = nil,
        trigger: EventTrigger? = nil
    ) {
        self.broker = broker
        self.brokerAccess = brokerAccess
        self.brokerLogin = brokerLogin
        self.api = api
        self.workers = workers
        self.workQueue = workQueue
        self.deadLetterQueue = deadLetterQueue
        self.proxy = proxy
        self.workerEvidence = workerEvidence
        self.events = events
        self.counter = counter
        self.trigger = trigger
    }

    /// The login the lab watches the broker with: the stack's, else RabbitMQ's built-in guest.
    public var credentials: BrokerCredentials {
        if let brokerLogin { return brokerLogin }
        if let access = brokerAccess {
            return BrokerCredentials(user: access.user, password: access.password, virtualHost: access.virtualHost)
        }
        return BrokerCredentials(user: "guest", password: "guest")
    }
}
