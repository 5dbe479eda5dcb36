import Foundation

/// One AMQP channel on the broker: a connection and the channel's number on it. The firehose
/// says on which channel each delivery was made; the management API names the same channel
/// `<connection> (<number>)`.
public struct ChannelAddress: Sendable, Codable, Hashable, Comparable, CustomStringConvertible {
    public var connection: ConnectionName
    public var number: Int

    public init(connection: ConnectionName, number: Int) {
        self.connection = connection
        self.number = number
    }

    /// Reads a management API or `rabbitmqctl` channel name, `<connection> (<number>)`.
    public init?(channelName: String) {
        guard channelName.hasSuffix(")"), let open = channelName.lastIndex(of: "("),
              let number = Int(channelName[channelName.index(after: open)..<channelName.index(before: channelName.endIndex)]) else {
            return nil
        }
        let connection = channelName[..<open].trimmingCharacters(in: .whitespaces)
        guard !connection.isEmpty else { return nil }
        self.init(connection: ConnectionName(connection), number: number)
    }

    public var description: String { "\(connection) (\(number))" }

    public static func < (left: Self, right: Self) -> Bool {
        (left.connection, left.number) < (right.connection, right.number)
    }
}
