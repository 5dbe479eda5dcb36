@testable import AMQPClient
import Testing

@Suite("Errors and C status mapping")
struct AMQPErrorTests {
    @Test("every rabbitmq-c status maps to its C constant's name", arguments: [
        (Int32(0), "AMQP_STATUS_OK"), (-0x1, "AMQP_STATUS_NO_MEMORY"), (-0x2, "AMQP_STATUS_BAD_AMQP_DATA"),
        (-0x5, "AMQP_STATUS_HOSTNAME_RESOLUTION_FAILED"), (-0x7, "AMQP_STATUS_CONNECTION_CLOSED"),
        (-0x9, "AMQP_STATUS_SOCKET_ERROR"), (-0xB, "AMQP_STATUS_TABLE_TOO_BIG"), (-0xC, "AMQP_STATUS_WRONG_METHOD"),
        (-0xD, "AMQP_STATUS_TIMEOUT"), (-0xF, "AMQP_STATUS_HEARTBEAT_TIMEOUT"), (-0x11, "AMQP_STATUS_SOCKET_CLOSED"),
        (-0x13, "AMQP_STATUS_BROKER_UNSUPPORTED_SASL_METHOD"), (-0x100, "AMQP_STATUS_TCP_ERROR"),
        (-0x200, "AMQP_STATUS_SSL_ERROR"), (-0x204, "AMQP_STATUS_SSL_SET_ENGINE_FAILED"),
    ])
    func statusNames(_ status: Int32, _ name: String) {
        #expect(AMQPStatus.name(of: status) == name)
        #expect(!AMQPStatus.text(of: status).isEmpty)
    }

    @Test("every name in the table is a distinct status")
    func namesAreComplete() {
        #expect(AMQPStatus.names.count == 28)
        #expect(Set(AMQPStatus.names.values).count == AMQPStatus.names.count)
        #expect(AMQPStatus.name(of: -0x999) == "AMQP_STATUS_-2457")
    }

    @Test("transport failures end the connection; unparsable input only while reading")
    func fatalStatuses() {
        for name in ["AMQP_STATUS_SOCKET_ERROR", "AMQP_STATUS_SOCKET_CLOSED", "AMQP_STATUS_HEARTBEAT_TIMEOUT",
                     "AMQP_STATUS_CONNECTION_CLOSED", "AMQP_STATUS_TCP_ERROR"] {
            #expect(AMQPStatus.endsConnection(status(named: name), whileReading: false), "\(name)")
            #expect(AMQPStatus.endsConnection(status(named: name), whileReading: true), "\(name)")
        }
        for name in ["AMQP_STATUS_BAD_AMQP_DATA", "AMQP_STATUS_UNKNOWN_METHOD"] {
            #expect(!AMQPStatus.endsConnection(status(named: name), whileReading: false), "\(name)")
            #expect(AMQPStatus.endsConnection(status(named: name), whileReading: true), "\(name)")
        }
        for name in ["AMQP_STATUS_TIMEOUT", "AMQP_STATUS_TABLE_TOO_BIG", "AMQP_STATUS_INVALID_PARAMETER",
                     "AMQP_STATUS_WRONG_METHOD"] {
            #expect(!AMQPStatus.endsConnection(status(named: name), whileReading: true), "\(name)")
        }
    }

    @Test("messages are full sentences with their context")
    func messages() {
        let library = AMQPError.library(-0xB, during: "Encoding a field table", on: "127.0.0.1:5672")
        #expect(library.code == .library(status: -0xB, name: "AMQP_STATUS_TABLE_TOO_BIG"))
        #expect(library.message.hasPrefix("Encoding a field table on 127.0.0.1:5672 failed with AMQP_STATUS_TABLE_TOO_BIG ("))
        #expect(library.message.hasSuffix(")."))

        let channel = AMQPError.channelClosedByBroker(3, replyCode: 404, replyText: "NOT_FOUND - no queue 'q' in vhost '/'",
                                                      during: "queue.declare of \"q\"")
        #expect(channel.description == "The broker closed channel 3 during queue.declare of \"q\" with 404: NOT_FOUND - no queue 'q' in vhost '/'.")
        #expect(channel.replyCode == 404)

        let connection = AMQPError.connectionClosedByBroker(replyCode: 320, replyText: "CONNECTION_FORCED - shutdown",
                                                            endpoint: "rabbitmq:5672")
        #expect(connection.code == .connectionClosed(replyCode: 320, replyText: "CONNECTION_FORCED - shutdown"))
        #expect(connection.replyCode == 320)

        let lost = AMQPError.transportLost(status: -0xF, endpoint: "rabbitmq:5672", during: "Waiting for a delivery")
        #expect(lost.code == .connectionClosed(replyCode: 0, replyText: "AMQP_STATUS_HEARTBEAT_TIMEOUT"))
        #expect(lost.replyCode == nil)
        #expect(lost.message.hasPrefix("The connection to rabbitmq:5672 was lost during Waiting for a delivery: AMQP_STATUS_HEARTBEAT_TIMEOUT ("))

        let refused = AMQPError.loginRefused(replyCode: 403, replyText: "ACCESS_REFUSED - Login was refused", endpoint: "127.0.0.1:5672", who: "user \"guest\"")
        #expect(refused.code == .loginRefused(replyCode: 403, replyText: "ACCESS_REFUSED - Login was refused"))
        #expect(refused.replyCode == 403)
        #expect(refused.message == "The broker at 127.0.0.1:5672 refused the login of user \"guest\": 403 ACCESS_REFUSED - Login was refused.")

        let timedOut = AMQPError.timedOut("queue.declare", after: .milliseconds(1500), on: "127.0.0.1:5672")
        #expect(timedOut.message == "queue.declare on 127.0.0.1:5672 did not complete within 1.5 s.")
    }

    private func status(named name: String) -> Int32 {
        AMQPStatus.names.first { $0.value == name }!.key
    }
}
