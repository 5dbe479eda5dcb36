public import Foundation

/// One running (or stopped) instance of a service: a container under Compose, a task under
/// Swarm. A snapshot, taken when the driver was asked.
public struct ServiceInstance: Sendable, Hashable, Codable {
    /// The service name, as in the compose file.
    public var service: String
    /// The instance number, counted from 1.
    public var index: Int
    /// The full container id.
    public var containerID: String
    /// The container name, without Docker's leading slash.
    public var containerName: String
    /// The life-cycle state.
    public var state: InstanceState
    /// The healthcheck verdict; ``InstanceHealth/none`` without a healthcheck.
    public var health: InstanceHealth
    /// When the container last started; `nil` if it never did.
    public var startedAt: Date?
    /// The exit code of the last run, meaningful once the instance has exited.
    public var exitCode: Int
    /// How often Docker restarted the container by its restart policy.
    public var restartCount: Int
    /// The restart policy: `no`, `always`, `unless-stopped` or `on-failure`.
    public var restartPolicy: String
    /// Ports bound on the host.
    public var ports: [PublishedPort]
    /// The networks the instance is attached to.
    public var networks: [String]
    /// The instance's IP addresses on those networks; a broker sees its clients by these.
    public var addresses: [String]
    /// The container's labels (compose's own and the file's, such as Traefik's routers).
    public var labels: [String: String]
    /// The Swarm node that runs the instance; `nil` under Compose (one host).
    public var node: String?

    public init(
        service: String,
        index: Int,
        containerID: String,
        containerName: String,
        state: InstanceState,
        health: InstanceHealth,
        startedAt: Date? = nil,
        exitCode: Int = 0,
        restartCount: Int = 0,
        restartPolicy: String = "no",
        ports: [PublishedPort] = [],
        networks: [String] = [],
        addresses: [String] = [],
        labels: [String: String] = [:],
        node: String? = nil
    ) {
        self.service = service
        self.index = index
        self.containerID = containerID
        self.containerName = containerName
        self.state = state
        self.health = health
        self.startedAt = startedAt
        self.exitCode = exitCode
        self.restartCount = restartCount
        self.restartPolicy = restartPolicy
        self.ports = ports
        self.networks = networks
        self.addresses = addresses
        self.labels = labels
        self.node = node
    }

    /// The first 12 characters of the container id, as Docker prints it.
    public var shortID: String {
        String(containerID.prefix(12))
    }

    /// The address this machine reaches the instance at directly: its first, under Compose
    /// (bridge networks are routed from the host); none on a Swarm node, whose overlay
    /// addresses only the stack's containers reach (the lab goes through published ports).
    public var directAddress: String? {
        node == nil ? addresses.first : nil
    }

    /// Whether the instance runs and, if it has a healthcheck, passes it.
    public var isReady: Bool {
        state == .running && (health == .none || health == .healthy)
    }

    /// This instance as a target for a stack operation.
    public var target: ServiceTarget {
        .instance(service, index)
    }
}
