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
