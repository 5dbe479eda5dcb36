@testable import ChaosLab
import Foundation
import Synchronization

/// A stand-in for `docker` with containers a test scripts: it writes their lines, stops,
/// starts and removes them, and the fake answers `ps`, `inspect` and `logs` (with `--since`
/// inclusive to the nanosecond and `--follow` waiting for lines until the run ends, as Docker
/// does). Times are nanoseconds after 2026-11-23T08:00:00Z.
final class FakeDocker: CommandRunning {
    static let origin: Int64 = 1_795_420_800

    struct Line {
        var at: Int64
        var stream: OutputLine.Stream
        var text: String
    }

    struct Container {
        var id: String
        var service: String
        var index: Int
        var running = true
        var startedAt: Int64
        var finishedAt: Int64?
        var lines: [Line] = []
        var removed = false
    }

    private struct State {
        var containers: [Container] = []
        var commands: [Command] = []
        var activeFollows = 0
        var unreachable = false
    }

    private let state = Mutex(State())

    /// The socket of the daemon that holds the containers (a Swarm node's), when not the
    /// default one: a command without `-H` and this socket reaches a daemon with no containers.
    let daemon: String?

    init(daemon: String? = nil) {
        self.daemon = daemon
    }

    /// The command's arguments after `-H daemon`, or `nil` when it was sent to another daemon.
    private func arguments(of command: Command) -> [String]? {
        let arguments = command.arguments
        guard let daemon else { return arguments.first == "-H" ? nil : arguments }
        guard arguments.count > 2, arguments[0] == "-H", arguments[1] == daemon else { return nil }
        return Array(arguments.dropFirst(2))
    }

    // MARK: - Scripting

    func add(_ id: String, service: String = "worker1", index: Int = 1, startedAt: Int64 = 0, finishedAt: Int64? = nil, running: Bool = true) {
        state.withLock {
            $0.containers.append(Container(id: id, service: service, index: index, running: running, startedAt: startedAt, finishedAt: finishedAt))
        }
    }

    func write(_ id: String, _ text: String, at: Int64, stream: OutputLine.Stream = .stdout) {
        change(id) { $0.lines.append(Line(at: at, stream: stream, text: text)) }
    }

    func stop(_ id: String, at: Int64) {
        change(id) {
            $0.running = false
            $0.finishedAt = at
        }
    }

    func start(_ id: String, at: Int64) {
        change(id) {
            $0.running = true
            $0.startedAt = at
        }
    }

    func remove(_ id: String) {
        change(id) { $0.removed = true }
    }

    /// Makes every command fail as when the daemon cannot be reached.
    func setUnreachable(_ unreachable: Bool) {
        state.withLock { $0.unreachable = unreachable }
    }

    private func change(_ id: String, _ body: (inout Container) -> Void) {
        state.withLock { state in
            guard let index = state.containers.firstIndex(where: { $0.id == id }) else { return }
            body(&state.containers[index])
        }
    }

    // MARK: - Observing

    var commandLines: [String] {
        state.withLock { $0.commands.map(\.commandLine) }
    }

    /// `docker logs --follow` running now.
    var activeFollows: Int {
        state.withLock { $0.activeFollows }
    }

    static func stamp(_ at: Int64) -> String {
        let seconds = at / 1_000_000_000
        let nanoseconds = at % 1_000_000_000
        let minutes = seconds / 60
        return "2026-11-23T\(pad(8 + minutes / 60, 2)):\(pad(minutes % 60, 2)):\(pad(seconds % 60, 2)).\(pad(nanoseconds, 9))Z"
    }

    static func date(_ at: Int64) -> Date {
        LogInstant(seconds: origin + at / 1_000_000_000, nanoseconds: Int32(at % 1_000_000_000)).date
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    // MARK: - Answering

    func run(_ command: Command) async throws -> CommandResult {
        let (status, stdout, stderr) = answer(command)
        return CommandResult(command: command, status: .exited(status), outputBytes: Array(stdout.utf8), errorBytes: Array(stderr.utf8), duration: .milliseconds(1))
    }

    func stream(_ command: Command, to receive: @escaping @Sendable ([OutputLine]) async -> Void) async throws -> CommandStatus {
        guard let arguments = arguments(of: command), arguments.first == "logs" else {
            let (status, stdout, stderr) = answer(command)
            let lines = stdout.split(separator: "\n").map { OutputLine(.stdout, String($0)) } + stderr.split(separator: "\n").map { OutputLine(.stderr, String($0)) }
            if !lines.isEmpty { await receive(lines) }
            return .exited(status)
        }
        let id = arguments.last!
        let follow = arguments.contains("--follow")
        let since = arguments.firstIndex(of: "--since").map { Self.offset(arguments[$0 + 1]) }
        state.withLock { state in
            state.commands.append(command)
            if follow { state.activeFollows += 1 }
        }
        defer {
            if follow { state.withLock { $0.activeFollows -= 1 } }
        }
        var delivered = 0
        while true {
            let (container, unreachable) = state.withLock { state in
                (state.containers.first { $0.id == id && !$0.removed }, state.unreachable)
            }
            guard let container, !unreachable else {
                await receive([OutputLine(.stderr, unreachable ? "Cannot connect to the Docker daemon." : "Error response from daemon: No such container: \(id)")])
                return .exited(1)
            }
            let fresh = container.lines[delivered...].filter { since == nil || $0.at >= since! }
            delivered = container.lines.count
            if !fresh.isEmpty {
                await receive(fresh.map { OutputLine($0.stream, "\(Self.stamp($0.at)) \($0.text)") })
            }
            guard follow, container.running else { return .exited(0) }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Nanoseconds after the origin of a `--since` value, `seconds.nanoseconds`.
    private static func offset(_ since: String) -> Int64 {
        let parts = since.split(separator: ".")
        return (Int64(parts[0])! - origin) * 1_000_000_000 + Int64(parts[1])!
    }

    private func answer(_ command: Command) -> (Int32, String, String) {
        state.withLock { state in
            state.commands.append(command)
            if state.unreachable {
                return (1, command.arguments.first == "inspect" ? "[]\n" : "", "Cannot connect to the Docker daemon.\n")
            }
            guard let arguments = arguments(of: command) else {
                let id = command.arguments.last ?? ""
                return (1, command.arguments.contains("inspect") ? "[]\n" : "", "Error response from daemon: No such container: \(id)\n")
            }
            let live = state.containers.filter { !$0.removed }
            switch arguments.first {
            case "ps" where arguments.contains("-q"):
                let service = arguments.first { $0.hasPrefix("label=\(ComposeLabel.service)=") }.map { String($0.split(separator: "=").last!) }
                let index = arguments.first { $0.hasPrefix("label=\(ComposeLabel.containerNumber)=") }.flatMap { Int($0.split(separator: "=").last!) }
                let ids = live.filter { (service == nil || $0.service == service) && (index == nil || $0.index == index) }.map(\.id)
                return (0, ids.map { $0 + "\n" }.joined(), "")
            case "inspect":
                let ids = arguments.dropFirst().filter { !$0.hasPrefix("--") && $0 != "container" }
                let found = ids.compactMap { id in live.first { $0.id == id } }
                let missing = ids.filter { id in !live.contains { $0.id == id } }
                let json = "[" + found.map(Self.inspection).joined(separator: ",") + "]\n"
                return missing.isEmpty ? (0, json, "") : (1, json, missing.map { "Error response from daemon: No such container: \($0)\n" }.joined())
            default:
                return (0, "", "")
            }
        }
    }

    private static func inspection(_ container: Container) -> String {
        """
        {"Id":"\(container.id)","Name":"/lab_\(container.service)_\(container.index)","RestartCount":0,
         "State":{"Status":"\(container.running ? "running" : "exited")","ExitCode":0,"StartedAt":"\(stamp(container.startedAt))",
           "FinishedAt":"\(container.finishedAt.map(stamp) ?? "0001-01-01T00:00:00Z")"},
         "Config":{"Labels":{"\(ComposeLabel.project)":"lab","\(ComposeLabel.service)":"\(container.service)","\(ComposeLabel.containerNumber)":"\(container.index)"}}}
        """
    }
}
