/// A field of the roles schema (the `x-chaoslab` block and the roles manifest), named by its
/// path in the schema, e.g. `broker.amqp_port`.
public enum RoleField: String, Sendable, Codable, Hashable, CaseIterable {
    case brokerService = "broker.service"
    case brokerHost = "broker.host"
    case brokerAMQPPort = "broker.amqp_port"
    case brokerManagementURL = "broker.management_url"
    case brokerUser = "broker.user"
    case brokerPassword = "broker.password"
    case brokerVirtualHost = "broker.vhost"
    case apiService = "api.service"
    case apiBaseURL = "api.base_url"
    case apiProxiedBaseURL = "api.proxied_base_url"
    case apiMessagePath = "api.message_path"
    case apiHealthPath = "api.health_path"
    case apiUser = "api.user"
    case apiPassword = "api.password"
    case apiBodyTemplate = "api.body_template"
    case apiPoisonBodyTemplate = "api.poison_body_template"
    case workers
    case workQueue = "work_queue"
    case deadLetterQueue = "dead_letter_queue"
    case proxyService = "proxy.service"
    case proxyBaseURL = "proxy.base_url"
    case proxySecureBaseURL = "proxy.secure_base_url"
    case proxyDashboardURL = "proxy.dashboard_url"
    case proxyRoutes = "proxy.routes"
    case receivedPattern = "worker_evidence.received_pattern"
    case donePattern = "worker_evidence.done_pattern"
    case rejectedPattern = "worker_evidence.rejected_pattern"
    case recordFile = "worker_evidence.record_file"
    case effectFile = "worker_evidence.effect_file"
    case eventsExchange = "events.exchange"
    case eventsRoutingKey = "events.routing_key"
    case eventsBodyTemplate = "events.body_template"
    case eventsPersistent = "events.persistent"
    case eventsTriggerURL = "events.trigger_url"
    case eventsTriggerKey = "events.trigger_key"
    case counterService = "counter.service"
    case counterURL = "counter.url"
    case counterUser = "counter.user"
    case counterPassword = "counter.password"

    /// The shape a field's value must have.
    enum Shape: Sendable {
        /// The name of a service of the compose file.
        case service
        /// Names of services of the compose file.
        case services
        /// Any text (credentials, queue names, a host).
        case text
        /// A TCP port, 1–65535.
        case port
        /// An `http://` or `https://` URL.
        case url
        /// An absolute path (`/…`).
        case path
        /// A request body holding `{{token}}`.
        case template
        /// An event body holding `{{token}}`, in whatever format the producers use.
        case eventTemplate
        /// `true` or `false`.
        case flag
        /// A regular expression; the received pattern's must have a named group `token`.
        case pattern
        /// A list of routes, each a mapping.
        case routes
    }

    /// The section it belongs to (`broker`, `api`, `proxy`, `worker_evidence`, `events`,
    /// `counter`), or `nil` for a
    /// top-level field.
    public var section: String? {
        let parts = rawValue.split(separator: ".")
        return parts.count == 2 ? String(parts[0]) : nil
    }

    /// The key inside its section (or at the top level).
    public var key: String {
        String(rawValue.split(separator: ".").last ?? "")
    }

    var shape: Shape {
        switch self {
        case .brokerService, .apiService, .proxyService, .counterService: .service
        case .workers: .services
        case .brokerAMQPPort: .port
        case .brokerManagementURL, .apiBaseURL, .apiProxiedBaseURL, .proxyBaseURL, .proxySecureBaseURL, .proxyDashboardURL, .counterURL, .eventsTriggerURL: .url
        case .apiMessagePath, .apiHealthPath, .recordFile, .effectFile: .path
        case .apiBodyTemplate, .apiPoisonBodyTemplate: .template
        case .receivedPattern, .donePattern, .rejectedPattern: .pattern
        case .proxyRoutes: .routes
        case .eventsBodyTemplate: .eventTemplate
        case .eventsPersistent: .flag
        case .eventsExchange, .eventsRoutingKey, .eventsTriggerKey, .counterUser, .counterPassword: .text
        case .brokerHost, .brokerUser, .brokerPassword, .brokerVirtualHost, .apiUser, .apiPassword, .workQueue, .deadLetterQueue: .text
        }
    }

    /// Whether the value is a secret that output should not show.
    public var isSecret: Bool {
        self == .brokerPassword || self == .apiPassword || self == .counterPassword
    }

    /// The fields of `section` (`nil`: the top-level ones), in schema order.
    static func fields(in section: String?) -> [RoleField] {
        allCases.filter { $0.section == section }
    }

    /// The sections, in schema order.
    static let sections = ["broker", "api", "proxy", "worker_evidence", "events", "counter"]

    /// The field whose `null` stands for the whole section: `api: null` means the stack has no
    /// HTTP API. `nil` for sections that cannot be absent as a whole.
    static func sectionAnchor(_ section: String) -> RoleField? {
        switch section {
        case "api": .apiService
        case "proxy": .proxyService
        case "events": .eventsRoutingKey
        case "counter": .counterService
        default: nil
        }
    }
}
