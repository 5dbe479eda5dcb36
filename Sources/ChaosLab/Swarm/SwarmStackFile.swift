import Foundation

/// The compose file rewritten for `docker stack deploy`: what Compose does on one host that
/// Swarm does otherwise or not at all, said the Swarm way, nothing else changed.
///
/// - `ports` in the long syntax with `mode: host`: Swarm's routing mesh needs iptables, which
///   the daemons here run without, and Swarm binds no host address (a `127.0.0.1:` prefix is
///   dropped: on a node, a published port listens on every address of that node).
/// - `depends_on` and `build` are dropped: Swarm starts services in no order, and builds
///   nothing (the lab builds the images first and names them here).
/// - Bind mounts get absolute sources; a mount of the Docker socket gets the manager's socket
///   and, unless the service says where it runs, a `node.role == manager` constraint (Traefik's
///   Docker provider needs a manager).
/// - Text keeps its `$` as `$$`: the file is already interpolated, and `stack deploy`
///   interpolates again.
struct SwarmStackFile: Sendable {
    /// The services' images the lab built, by service.
    var builtImages: [String: String] = [:]
    /// Where the compose file is, for relative bind mounts.
    var directory: String
    /// The manager's Docker socket path on this machine.
    var managerSocket: String

    /// Container paths and host paths of the Docker socket.
    static let dockerSockets: Set<String> = ["/var/run/docker.sock", "/run/docker.sock"]
    /// Keys Swarm ignores or refuses, left out of the rewritten file.
    static let dropped: Set<String> = ["build", "depends_on", "container_name", "restart", "links", "profiles", "scale"]

    /// The stack file for `file`, as JSON (which `docker stack deploy` reads as YAML).
    /// - Throws: ``StackError`` naming the service whose port or image Swarm cannot take.
    func render(_ file: ComposeFile, project: String) throws -> String {
        var services: [String: YAMLValue] = [:]
        for service in file.services {
            services[service.name] = .mapping(try rendered(service, project: project))
        }
        var root: [String: YAMLValue] = ["services": .mapping(services)]
        if !file.networks.isEmpty {
            root["networks"] = .mapping(file.networks.mapValues(Self.network))
        }
        if !file.volumes.isEmpty {
            root["volumes"] = .mapping(file.volumes)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(Self.escaped(.mapping(root)))
        return String(decoding: data, as: UTF8.self)
    }

    private func rendered(_ service: ComposeService, project: String) throws -> [String: YAMLValue] {
        var entries = (service.raw.mapping ?? [:]).filter { !Self.dropped.contains($0.key) && !$0.key.hasPrefix("x-") }
        guard let image = builtImages[service.name] ?? service.image else {
            throw StackError(project: project, code: .invalidConfiguration(problem: "Service `\(service.name)` has neither `image:` nor a built image, and Swarm runs only images"))
        }
        entries["image"] = .string(image)
        if !service.ports.isEmpty {
            entries["ports"] = .sequence(try service.ports.map { try Self.port($0, service: service.name, project: project) })
        }
        var needsManager = false
        if !service.volumes.isEmpty {
            entries["volumes"] = .sequence(service.volumes.map { mount in
                if mount.type == "bind", let source = mount.source, Self.dockerSockets.contains(source) {
                    needsManager = true
                    return Self.mount(mount, source: managerSocket)
                }
                return Self.mount(mount, source: mount.type == "bind" ? mount.source.map(absolute) : mount.source)
            })
        }
        if needsManager {
            entries["deploy"] = Self.placedOnManager(entries["deploy"])
        }
        return entries
    }

    private func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? "/root"
        if path == "~" || path.hasPrefix("~/") { return home + path.dropFirst() }
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path
    }

    static func port(_ port: ComposePort, service: String, project: String) throws -> YAMLValue {
        guard let target = port.targetPort else {
            throw StackError(project: project, code: .invalidConfiguration(problem: "Service `\(service)` publishes the port range \(port.target), which the lab cannot forward on Swarm"))
        }
        var entry: [String: YAMLValue] = ["target": .int(target), "protocol": .string(port.protocol), "mode": .string("host")]
        if let published = port.publishedPort {
            entry["published"] = .int(published)
        }
        return .mapping(entry)
    }

    static func mount(_ mount: ComposeVolumeMount, source: String?) -> YAMLValue {
        var entry: [String: YAMLValue] = ["type": .string(mount.type), "target": .string(mount.target)]
        if let source { entry["source"] = .string(source) }
        if mount.readOnly { entry["read_only"] = .bool(true) }
        return .mapping(entry)
    }

    /// `deploy` with a `node.role == manager` constraint, unless it places the service already.
    static func placedOnManager(_ deploy: YAMLValue?) -> YAMLValue {
        var entries = deploy?.mapping ?? [:]
        var placement = entries["placement"]?.mapping ?? [:]
        if (placement["constraints"]?.sequence ?? []).isEmpty {
            placement["constraints"] = .sequence([.string("node.role == manager")])
        }
        entries["placement"] = .mapping(placement)
        return .mapping(entries)
    }

    /// A top-level network without the single-host driver (Swarm's default is the overlay).
    static func network(_ value: YAMLValue) -> YAMLValue {
        guard var entries = value.mapping else { return value }
        if entries["driver"]?.text == "bridge" { entries["driver"] = nil }
        return .mapping(entries)
    }

    /// Every text with `$` doubled, so `stack deploy`'s interpolation gives it back as it is.
    static func escaped(_ value: YAMLValue) -> YAMLValue {
        switch value {
        case .string(let text): .string(text.replacingOccurrences(of: "$", with: "$$"))
        case .sequence(let elements): .sequence(elements.map(escaped))
        case .mapping(let entries): .mapping(entries.mapValues(escaped))
        default: value
        }
    }
}
