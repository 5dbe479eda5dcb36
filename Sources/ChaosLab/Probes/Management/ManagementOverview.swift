/// What `/api/overview` says about the broker: versions, node, and how fresh its statistics are.
public struct ManagementOverview: Sendable, Codable, Hashable {
    /// How much rate history the statistics database keeps (`rates_mode`).
    public enum RatesMode: ManagementTerm {
        /// No message rates at all (`none`): `message_stats` stays empty.
        case none
        /// Rates per object (`basic`, the default).
        case basic
        /// Also per queue–exchange–channel pair (`detailed`).
        case detailed
        /// A value this lab does not know.
        case other(String)

        public init(text: String) {
            switch text {
            case "none": self = .none
            case "basic": self = .basic
            case "detailed": self = .detailed
            default: self = .other(text)
            }
        }

        public var text: String {
            switch self {
            case .none: "none"
            case .basic: "basic"
            case .detailed: "detailed"
            case .other(let text): text
            }
        }
    }

    /// RabbitMQ's default `collect_statistics_interval`: channels, queues and connections
    /// refresh their counters in the management API this often.
    public static let defaultStatisticsInterval: Duration = .seconds(5)

    /// The management plugin's version, e.g. `3.10.8`.
    public var managementVersion: String
    /// The broker's version, e.g. `3.10.8`; empty when the answer leaves it out.
    public var rabbitmqVersion: String
    /// The Erlang/OTP version, e.g. `25.2.3`, if given.
    public var erlangVersion: String?
    /// The node that answered, e.g. `rabbit@mgmtrec`.
    public var node: String
    /// The cluster's name, if given.
    public var clusterName: String?
    /// Events waiting to enter the statistics database; a growing number means the figures
    /// the API shows lag behind the broker by more than the statistics interval.
    public var statisticsDatabaseEventQueue: Int
    /// The rates mode; `nil` when the answer leaves it out.
    public var ratesMode: RatesMode?
    /// Whether the management plugin collects no statistics (`disable_stats`, 3.9 and later):
    /// then queues and channels come without message counters.
    public var statisticsDisabled: Bool
    /// `collect_statistics_interval` when the API tells it. RabbitMQ 3.10.8 does not (neither
    /// `/api/overview` nor `/api/nodes` carries it), so this is usually `nil`; see
    /// ``statisticsInterval``.
    public var collectStatisticsInterval: Duration?

    public init(
        managementVersion: String,
        rabbitmqVersion: String,
        erlangVersion: String? = nil,
        node: String,
        clusterName: String? = nil,
        statisticsDatabaseEventQueue: Int = 0,
        ratesMode: RatesMode? = nil,
        statisticsDisabled: Bool = false,
        collectStatisticsInterval: Duration? = nil
    ) {
        self.managementVersion = managementVersion
        self.rabbitmqVersion = rabbitmqVersion
        self.erlangVersion = erlangVersion
        self.node = node
        self.clusterName = clusterName
        self.statisticsDatabaseEventQueue = statisticsDatabaseEventQueue
        self.ratesMode = ratesMode
        self.statisticsDisabled = statisticsDisabled
        self.collectStatisticsInterval = collectStatisticsInterval
    }

    /// How long after an event the API's channel and queue counters can still miss it: the
    /// interval the API reports, else RabbitMQ's default of 5 s. A broker configured otherwise
    /// (`collect_statistics_interval` in rabbitmq.conf) is not visible through the API.
    public var statisticsInterval: Duration {
        collectStatisticsInterval ?? Self.defaultStatisticsInterval
    }
}
