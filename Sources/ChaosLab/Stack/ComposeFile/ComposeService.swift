/// One service of a compose file: the parts the lab reads, and the whole entry as data for
/// anything else.
public struct ComposeService: Sendable, Hashable, Codable {
    /// The service's key under `services:`.
    public var name: String
    /// The line of the service's key, counted from 1.
    public var line: Int?
    /// The image reference, if any.
    public var image: String?
    /// The fixed hostname, if any (a RabbitMQ node keeps its data per hostname).
    public var hostname: String?
    /// The fixed container name, if any.
    public var containerName: String?
    /// Published ports.
    public var ports: [ComposePort]
    /// Environment variables; `nil` values are taken from the shell when compose runs.
    public var environment: [String: String?]
    /// Container labels (Traefik reads its routing from these).
    public var labels: [String: String]
    /// The line each container label is written on, by label key.
    public var labelLines: [String: Int]
    /// Labels under `deploy.labels`: the ones Docker Swarm puts on the service, where Traefik's
    /// swarm provider reads its routing.
    public var deployLabels: [String: String]
    /// The line each `deploy.labels` entry is written on, by label key.
    public var deployLabelLines: [String: Int]
    /// Ports exposed to other containers without publishing them (`expose:`), as written.
    public var expose: [String]
    /// How the image is built, when the service has a `build:`.
    public var build: ComposeBuild?
    /// The healthcheck, if the file declares one.
    public var healthcheck: ComposeHealthcheck?
    /// The services this one waits for.
    public var dependsOn: [ComposeDependency]
    /// Volume and bind mounts.
    public var volumes: [ComposeVolumeMount]
    /// The command, split into words as compose splits a string command.
    public var command: [String]?
    /// The networks the service joins, by their key under `networks:`.
    public var networks: [String]
    /// How many containers the service runs: `deploy.replicas`, else `scale`; `nil` when
    /// neither says (one).
    public var replicas: Int?
    /// The whole service entry (after interpolation), for what the fields above do not cover.
    public var raw: YAMLValue

    public init(
        name: String,
        line: Int? = nil,
        image: String? = nil,
        hostname: String? = nil,
        containerName: String? = nil,
        ports: [ComposePort] = [],
        environment: [String: String?] = [:],
        labels: [String: String] = [:],
        labelLines: [String: Int] = [:],
        deployLabels: [String: String] = [:],
        deployLabelLines: [String: Int] = [:],
        expose: [String] = [],
        build: ComposeBuild? = nil,
        healthcheck: ComposeHealthcheck? = nil,
        dependsOn: [ComposeDependency] = [],
        volumes: [ComposeVolumeMount] = [],
        command: [String]? = nil,
        networks: [String] = [],
        raw: YAMLValue = .mapping([:])
    ) {
        self.name = name
        self.line = line
        self.image = image
        self.hostname = hostname
        self.containerName = containerName
        self.ports = ports
        self.environment = environment
        self.labels = labels
        self.labelLines = labelLines
        self.deployLabels = deployLabels
        self.deployLabelLines = deployLabelLines
        self.expose = expose
        self.build = build
        self.healthcheck = healthcheck
        self.dependsOn = dependsOn
        self.volumes = volumes
        self.command = command
        self.networks = networks
        self.raw = raw
    }
}
