import AMQPClient
import ArgumentParser
import ChaosLab
import Foundation

/// Where a benchmark reaches the broker: the reference stack's published AMQP port and login
/// (from the same `CHAOSLAB_*` variables compose reads) unless told otherwise.
struct BrokerOptions: ParsableArguments {
    @Option(help: "The broker's host.")
    var host = "127.0.0.1"

    @Option(help: "The broker's AMQP port (default: CHAOSLAB_AMQP_PORT, else 5672).")
    var port: Int?

    @Option(help: "The broker user (default: the reference stack's).")
    var user: String?

    @Option(help: "The broker password (default: the reference stack's).")
    var password: String?

    /// The reference stack's access, with whatever was given on the command line.
    var access: BrokerAccess {
        let reference = StackRoles.reference(environment: ProcessInfo.processInfo.environment).brokerAccess
            ?? BrokerAccess(user: "guest", password: "guest")
        return BrokerAccess(
            host: host, amqpPort: port ?? reference.amqpPort, user: user ?? reference.user,
            password: password ?? reference.password, virtualHost: reference.virtualHost)
    }
}
