import Foundation

/// The parts of `docker inspect` output the lab reads.
struct ContainerInspection: Decodable, Sendable {
    struct State: Decodable, Sendable {
        struct Health: Decodable, Sendable {
            var status: String

            enum CodingKeys: String, CodingKey { case status = "Status" }
        }

        var status: String
        var exitCode: Int
        var startedAt: String?
        /// When the last run ended; while the container runs again, the run before this one.
        var finishedAt: String?
        var health: Health?
        /// The main process's id on the host, 0 while the container does not run: the way into
        /// its network namespace.
        var pid: Int?

        enum CodingKeys: String, CodingKey {
            case status = "Status", exitCode = "ExitCode", startedAt = "StartedAt", finishedAt = "FinishedAt", health = "Health"
            case pid = "Pid"
        }
    }

    struct Config: Decodable, Sendable {
        var labels: [String: String]?
        /// The image as the service names it, e.g. `chaoslab/fixture:latest`.
        var image: String?

        enum CodingKeys: String, CodingKey { case labels = "Labels", image = "Image" }
    }

    struct HostConfig: Decodable, Sendable {
        struct RestartPolicy: Decodable, Sendable {
            var name: String?

            enum CodingKeys: String, CodingKey { case name = "Name" }
        }

        var restartPolicy: RestartPolicy?

        enum CodingKeys: String, CodingKey { case restartPolicy = "RestartPolicy" }
    }

    struct NetworkSettings: Decodable, Sendable {
        struct Binding: Decodable, Sendable {
            var hostIP: String?
            var hostPort: String?

            enum CodingKeys: String, CodingKey { case hostIP = "HostIp", hostPort = "HostPort" }
        }

        struct Endpoint: Decodable, Sendable {
            var aliases: [String]?
            var ipAddress: String?

            enum CodingKeys: String, CodingKey { case aliases = "Aliases", ipAddress = "IPAddress" }
        }

        var ports: [String: [Binding]?]?
        var networks: [String: Endpoint]?

        enum CodingKeys: String, CodingKey { case ports = "Ports", networks = "Networks" }
    }

    var id: String
    /// When the container was created (RFC 3339), to tell a slot's newest task container.
    var created: String?
    var name: String
    /// The image's id (`sha256:…`).
    var image: String?
    var restartCount: Int?
    var state: State
    var config: Config
    var hostConfig: HostConfig?
    var networkSettings: NetworkSettings?

    enum CodingKeys: String, CodingKey {
        case id = "Id", created = "Created", name = "Name", image = "Image", restartCount = "RestartCount", state = "State", config = "Config"
        case hostConfig = "HostConfig", networkSettings = "NetworkSettings"
    }

    /// Reads the JSON array `docker inspect` prints.
    static func decode(_ bytes: [UInt8]) throws -> [ContainerInspection] {
        try JSONDecoder().decode([ContainerInspection].self, from: Data(bytes))
    }

    /// Reads what `docker inspect ID…` answered. A container removed between listing and
    /// inspecting makes Docker exit 1 while still printing the others, so only an answer with
    /// no JSON at all is an error.
    /// - Throws: ``CommandError`` for a failed command, ``StackError`` for output that is not
    ///   the JSON of `docker inspect`.
    static func decode(_ result: CommandResult, project: String) throws -> [ContainerInspection] {
        guard result.succeeded || result.stdout.hasPrefix("[") else {
            throw CommandError(failed: result)
        }
        do {
            return try decode(result.outputBytes)
        } catch {
            throw StackError(
                project: project,
                code: .unexpectedOutput(command: result.command.commandLine, problem: "not the JSON of `docker inspect` (\(error))")
            )
        }
    }

    var labels: [String: String] {
        config.labels ?? [:]
    }

    /// The compose service, or `nil` for a container compose did not create as a service
    /// instance (`docker compose run` leaves one-off containers).
    var service: String? {
        guard labels[ComposeLabel.oneOff]?.lowercased() != "true" else { return nil }
        return labels[ComposeLabel.service]
    }

    /// Network names and the aliases the container is known by on each.
    var attachments: [NetworkAttachment] {
        (networkSettings?.networks ?? [:])
            .map { NetworkAttachment(network: $0.key, aliases: $0.value.aliases ?? []) }
            .sorted { $0.network < $1.network }
    }

    /// The instance this container is, if it is a compose service's.
    var instance: ServiceInstance? {
        guard let service else { return nil }
        return instance(service: service, index: labels[ComposeLabel.containerNumber].flatMap { Int($0) } ?? 1)
    }

    /// This container as instance `index` of `service`, on `node` when a Swarm runs it.
    func instance(service: String, index: Int, node: String? = nil) -> ServiceInstance {
        var ports: [PublishedPort] = []
        for (key, bindings) in networkSettings?.ports ?? [:] {
            let parts = key.split(separator: "/")
            guard let containerPort = parts.first.flatMap({ Int($0) }) else { continue }
            let proto = parts.count > 1 ? String(parts[1]) : "tcp"
            for binding in bindings ?? [] {
                guard let hostPort = binding.hostPort.flatMap(Int.init) else { continue }
                ports.append(PublishedPort(hostIP: binding.hostIP ?? "", hostPort: hostPort, containerPort: containerPort, protocol: proto))
            }
        }
        ports.sort { ($0.containerPort, $0.hostIP) < ($1.containerPort, $1.hostIP) }
        return ServiceInstance(
            service: service,
            index: index,
            containerID: id,
            containerName: name.hasPrefix("/") ? String(name.dropFirst()) : name,
            state: InstanceState(rawValue: state.status) ?? .unknown,
            health: state.health.flatMap { InstanceHealth(rawValue: $0.status) } ?? .none,
            startedAt: state.startedAt.flatMap { DockerTimestamp.parse($0) },
            exitCode: state.exitCode,
            restartCount: restartCount ?? 0,
            restartPolicy: hostConfig?.restartPolicy?.name.flatMap { $0.isEmpty ? nil : $0 } ?? "no",
            ports: ports,
            networks: attachments.map(\.network),
            addresses: (networkSettings?.networks ?? [:]).values.compactMap(\.ipAddress).filter { !$0.isEmpty }.sorted(),
            labels: labels,
            node: node
        )
    }
}
