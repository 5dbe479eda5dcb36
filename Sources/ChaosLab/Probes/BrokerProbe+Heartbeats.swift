import Foundation

extension BrokerProbe {
    /// The heartbeat timeout each client connection negotiated with the broker, in seconds (0:
    /// heartbeats off), by the client's address: how long the broker may take to notice a client
    /// that vanished without closing its connection (a lost or cut-off machine sends no FIN).
    public func heartbeatTimeouts() async throws -> [ConnectionHeartbeat] {
        let rows = try await list("list_connections", columns: ["peer_host", "timeout"])
        return rows.compactMap { row in
            guard let host = Self.address(row["peer_host"]) else { return nil }
            return ConnectionHeartbeat(peerHost: host, seconds: Self.int(row["timeout"]))
        }
    }

    /// An address as `rabbitmqctl --formatter json` writes it: text, or Erlang's tuple as a
    /// list of numbers: four bytes of IPv4, or eight 16-bit groups of IPv6, where an
    /// IPv4-mapped one (`::ffff:172.19.0.4`, how a dual-stack listener sees IPv4 clients) is
    /// given as its IPv4 address, as Docker names the container.
    static func address(_ value: Any?) -> String? {
        if let text = value as? String { return text }
        guard let parts = (value as? [Any])?.map({ Self.int($0) }) else { return nil }
        switch parts.count {
        case 4:
            return parts.map(String.init).joined(separator: ".")
        case 8 where parts[0..<5].allSatisfy({ $0 == 0 }) && parts[5] == 0xFFFF:
            return [parts[6] >> 8, parts[6] & 0xFF, parts[7] >> 8, parts[7] & 0xFF].map(String.init).joined(separator: ".")
        case 8:
            return parts.map { String($0, radix: 16) }.joined(separator: ":")
        default:
            return nil
        }
    }
}

/// One client connection's negotiated heartbeat timeout.
public struct ConnectionHeartbeat: Sendable, Codable, Hashable {
    /// The client's address.
    public var peerHost: String
    /// The timeout in seconds; 0 when the client turned heartbeats off.
    public var seconds: Int

    public init(peerHost: String, seconds: Int) {
        self.peerHost = peerHost
        self.seconds = seconds
    }
}
