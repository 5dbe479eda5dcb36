/// One node of a Swarm on this machine: a Docker daemon in its own network namespace, reached
/// by its socket, its published ports by its address on the lab's bridge.
public struct SwarmNode: Sendable, Hashable, Codable {
    /// The node's name, also its network namespace (`clnode1`).
    public var name: String
    /// The node's address on the bridge (`10.213.0.11`): where its published ports listen.
    public var address: String
    /// The daemon's socket, as `docker -H` takes it (`unix:///run/chaoslab-swarm/clnode1/docker.sock`).
    public var socket: String
    /// The daemon's process id; 0 while the node is down.
    public var daemonPID: Int

    public init(name: String, address: String, socket: String, daemonPID: Int) {
        self.name = name
        self.address = address
        self.socket = socket
        self.daemonPID = daemonPID
    }

    /// Whether the node's daemon runs.
    public var isUp: Bool {
        daemonPID > 0
    }

    /// The socket's path on this machine, for a container that mounts the Docker socket.
    public var socketPath: String {
        socket.hasPrefix("unix://") ? String(socket.dropFirst("unix://".count)) : socket
    }

    /// Reads the lines `scripts/swarm.sh nodes` prints: `name address socket pid`.
    /// - Throws: ``StackError`` naming the line that is not of that form.
    static func parse(_ text: String, project: String) throws -> [SwarmNode] {
        try text.split(whereSeparator: \.isNewline).map { line in
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count == 4, let pid = Int(fields[3]) else {
                throw StackError(project: project, code: .unexpectedOutput(command: "scripts/swarm.sh nodes", problem: "`\(line)` is not `name address socket pid`"))
            }
            return SwarmNode(name: fields[0], address: fields[1], socket: fields[2], daemonPID: pid)
        }
    }
}
