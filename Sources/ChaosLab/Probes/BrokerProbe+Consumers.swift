import Foundation

extension BrokerProbe {
    /// Every consumer with its channel's limits, from `rabbitmqctl list_consumers` and
    /// `list_channels` joined by channel process: what the management API gives in one call,
    /// for brokers without it.
    public func consumerFacts() async throws -> [ConsumerFacts] {
        let consumers = try await list("list_consumers", columns: ["queue_name", "channel_pid", "ack_required", "prefetch_count"])
        let channels = try await list("list_channels", columns: ["pid", "name", "global_prefetch_count"])
        var byProcess: [String: (ChannelAddress, Int)] = [:]
        for row in channels {
            guard let pid = row["pid"] as? String, let name = row["name"] as? String, let address = ChannelAddress(channelName: name) else { continue }
            byProcess[pid] = (address, Self.int(row["global_prefetch_count"]))
        }
        return consumers.compactMap { row in
            guard let pid = row["channel_pid"] as? String, let (address, global) = byProcess[pid], let queue = row["queue_name"] as? String else {
                return nil
            }
            return ConsumerFacts(
                channel: address, queue: queue, prefetch: Self.int(row["prefetch_count"]), globalPrefetch: global,
                acknowledges: (row["ack_required"] as? Bool) ?? ((row["ack_required"] as? String) == "true")
            )
        }
    }

    /// Switches the firehose on (`on`) or off for `virtualHost`.
    public func trace(_ on: Bool, virtualHost: String) async throws {
        try await run([on ? "trace_on" : "trace_off", "-p", virtualHost])
    }

    /// Runs `rabbitmqctl -q <arguments>` in the broker's container.
    /// - Throws: ``BrokerProbeError`` when it exits with an error.
    public func run(_ command: [String]) async throws {
        let arguments = ["rabbitmqctl", "-q"] + command
        let result = try await stack.exec(broker, arguments, timeout: timeout)
        guard result.succeeded else {
            // A password never goes into an error message.
            let shown = command.first == "add_user" ? Array(arguments.prefix(4)) + ["…"] : arguments
            throw BrokerProbeError(
                command: shown.joined(separator: " "),
                reason: "it exited with \(result.status) and said: \(result.lastErrorLines(3).joined(separator: " | "))"
            )
        }
    }
}
