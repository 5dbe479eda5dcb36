import Foundation

extension BrokerProbe {
    /// Every channel on the broker, with prefetch limits and unacknowledged deliveries.
    public func channels() async throws -> [ChannelStatus] {
        let rows = try await list(
            "list_channels",
            columns: ["name", "user", "prefetch_count", "global_prefetch_count", "messages_unacknowledged", "consumer_count"]
        )
        return rows.map { row in
            let name = row["name"] as? String ?? ""
            return ChannelStatus(
                name: name,
                clientAddress: ChannelStatus.clientAddress(fromName: name),
                user: row["user"] as? String ?? "",
                prefetch: Self.int(row["prefetch_count"]),
                globalPrefetch: Self.int(row["global_prefetch_count"]),
                unacknowledged: Self.int(row["messages_unacknowledged"]),
                consumers: Self.int(row["consumer_count"])
            )
        }
    }

    /// The consumers of `queue`, with their acknowledgement mode and prefetch limit.
    public func consumers(of queue: String) async throws -> [ConsumerStatus] {
        let rows = try await list("list_consumers", columns: ["queue_name", "consumer_tag", "ack_required", "prefetch_count"])
        return rows.compactMap { row in
            guard let name = row["queue_name"] as? String, name == queue else { return nil }
            return ConsumerStatus(
                queue: name,
                tag: row["consumer_tag"] as? String ?? "",
                acknowledgementRequired: (row["ack_required"] as? Bool) ?? ((row["ack_required"] as? String) == "true"),
                prefetch: Self.int(row["prefetch_count"])
            )
        }
    }

    /// Empties `queue`; returns nothing, because `rabbitmqctl` does not say how many it removed
    /// in a machine-readable way. Unacknowledged deliveries are not touched.
    public func purge(_ queue: String) async throws {
        let arguments = ["rabbitmqctl", "-q", "purge_queue", queue]
        let result = try await stack.exec(broker, arguments, timeout: timeout)
        guard result.succeeded else {
            throw BrokerProbeError(
                command: arguments.joined(separator: " "),
                reason: "it exited with \(result.status) and said: \(result.lastErrorLines(3).joined(separator: " | "))"
            )
        }
    }

    static func int(_ value: Any?) -> Int {
        (value as? NSNumber)?.intValue ?? (value as? String).flatMap(Int.init) ?? 0
    }
}
