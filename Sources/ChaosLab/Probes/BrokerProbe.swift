import Foundation

/// Asks the broker itself what it holds, with `rabbitmqctl` inside the broker's container.
///
/// The broker's own view is the lab's first source of truth: it does not depend on how the
/// stack under test logs or what its authors chose to print.
public struct BrokerProbe: Sendable {
    /// The stack the broker runs in.
    public let stack: any StackDriver
    /// The broker's service.
    public let broker: ServiceTarget
    /// The deadline for one `rabbitmqctl` call.
    public var timeout: Duration

    public init(stack: any StackDriver, broker: ServiceTarget = "rabbitmq", timeout: Duration = .seconds(30)) {
        self.stack = stack
        self.broker = broker
        self.timeout = timeout
    }

    /// Every queue of the default virtual host, with live counts (the management API's lag
    /// by its statistics interval) and the definition of the policy that applies to each.
    public func queues() async throws -> [QueueStatus] {
        let rows = try await list(
            "list_queues", columns: ["name", "durable", "messages_ready", "messages_unacknowledged", "consumers", "arguments", "policy"]
        )
        let named = Set(rows.compactMap { ($0["policy"] as? String).flatMap { $0.isEmpty ? nil : $0 } })
        let definitions = named.isEmpty ? [:] : try await policyDefinitions()
        return rows.map { row in
            let policy = (row["policy"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            return QueueStatus(
                name: row["name"] as? String ?? "",
                durable: row["durable"] as? Bool ?? false,
                ready: (row["messages_ready"] as? NSNumber)?.intValue ?? 0,
                unacknowledged: (row["messages_unacknowledged"] as? NSNumber)?.intValue ?? 0,
                consumers: (row["consumers"] as? NSNumber)?.intValue ?? 0,
                arguments: Self.arguments(row["arguments"]),
                policy: policy,
                effectivePolicyDefinition: policy.flatMap { definitions[$0] } ?? [:]
            )
        }
    }

    /// Each policy's definition by name, values as text (`rabbitmqctl list_policies`).
    func policyDefinitions() async throws -> [String: [String: String]] {
        var definitions: [String: [String: String]] = [:]
        for row in try await list("list_policies", columns: []) {
            guard let name = row["name"] as? String else { continue }
            let text = row["definition"] as? String ?? ""
            let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? (row["definition"] as? [String: Any] ?? [:])
            definitions[name] = Self.arguments(object)
        }
        return definitions
    }

    /// The type of `exchange` (`direct`, `fanout`, `topic`, `headers`), or `nil` when the
    /// broker has no exchange of that name.
    public func exchangeType(named exchange: String) async throws -> String? {
        try await list("list_exchanges", columns: ["name", "type"]).first { ($0["name"] as? String) == exchange }?["type"] as? String
    }

    /// The bindings whose source is `exchange` (`rabbitmqctl list_bindings`).
    public func bindings(fromExchange exchange: String) async throws -> [Binding] {
        try await list("list_bindings", columns: ["source_name", "destination_name", "destination_kind", "routing_key"]).compactMap { row in
            guard (row["source_name"] as? String) == exchange, let destination = row["destination_name"] as? String else { return nil }
            return Binding(
                source: exchange, destination: destination,
                destinationType: Binding.DestinationType(text: row["destination_kind"] as? String ?? ""),
                routingKey: row["routing_key"] as? String ?? ""
            )
        }
    }

    /// One queue, or `nil` when the broker has no queue of that name.
    public func queue(named name: String) async throws -> QueueStatus? {
        try await queues().first { $0.name == name }
    }

    /// Declaration arguments as `rabbitmqctl --formatter json` prints them: an object, or a
    /// list of `[key, value]` pairs or `[key, type, value]` triples, depending on the version.
    static func arguments(_ value: Any?) -> [String: String] {
        func text(_ value: Any) -> String {
            switch value {
            case let string as String: string
            case let number as NSNumber: number.stringValue
            default: String(describing: value)
            }
        }
        var result: [String: String] = [:]
        if let object = value as? [String: Any] {
            for (key, value) in object { result[key] = text(value) }
        } else if let pairs = value as? [Any] {
            for pair in pairs {
                if let pair = pair as? [Any], (2...3).contains(pair.count), let key = pair[0] as? String, let value = pair.last {
                    result[key] = text(value)
                }
            }
        }
        return result
    }

    /// Runs `rabbitmqctl <command> --formatter json <columns>` and decodes its rows.
    func list(_ command: String, columns: [String]) async throws -> [[String: Any]] {
        let arguments = ["rabbitmqctl", "-q", command, "--formatter", "json"] + columns
        let result = try await stack.exec(broker, arguments, timeout: timeout)
        guard result.succeeded else {
            throw BrokerProbeError(
                command: arguments.joined(separator: " "),
                reason: "it exited with \(result.status) and said: \(result.lastErrorLines(3).joined(separator: " | "))"
            )
        }
        let data = Data(result.outputBytes)
        guard let rows = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]] else {
            throw BrokerProbeError(
                command: arguments.joined(separator: " "),
                reason: "its output is not a JSON list of rows: \(String(decoding: data.prefix(200), as: UTF8.self))"
            )
        }
        return rows
    }
}

/// The broker could not be asked, or its answer could not be read.
public struct BrokerProbeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The command run in the broker's container.
    public var command: String
    /// Why its answer is unusable.
    public var reason: String

    public var description: String {
        "Asking the broker with `\(command)` failed: \(reason)."
    }
}
