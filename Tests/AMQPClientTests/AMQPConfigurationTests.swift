@testable import AMQPClient
import Foundation
import Testing

@Suite("Configuration")
struct AMQPConfigurationTests {
    @Test("defaults match a broker on the loopback interface")
    func defaults() {
        let configuration = AMQPConfiguration()
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 5672)
        #expect(configuration.username == "guest")
        #expect(configuration.password == "guest")
        #expect(configuration.virtualHost == "/")
        #expect(configuration.heartbeat == .seconds(10))
        #expect(configuration.connectTimeout == .seconds(5))
        #expect(configuration.operationTimeout == .seconds(10))
        #expect(configuration.connectionName == nil)
        #expect(configuration.endpoint == "127.0.0.1:5672")
    }

    @Test("descriptions never show the password")
    func description() {
        let configuration = AMQPConfiguration(host: "::1", port: 5673, username: "chaoslab", password: "s3cret",
                                              virtualHost: "lab")
        #expect(configuration.endpoint == "[::1]:5673")
        #expect(configuration.description == "amqp://chaoslab@[::1]:5673/lab")
        #expect(!"\(configuration)".contains("s3cret"))
    }

    @Test("configurations round trip through JSON")
    func codable() throws {
        let configuration = AMQPConfiguration(host: "rabbitmq", heartbeat: .seconds(5), connectionName: "api")
        let data = try JSONEncoder().encode(configuration)
        #expect(try JSONDecoder().decode(AMQPConfiguration.self, from: data) == configuration)
    }

    @Test("heartbeats round up to whole seconds; C timeouts never go negative")
    func conversions() {
        #expect(Duration.seconds(5).wholeSecondsRoundingUp == 5)
        #expect(Duration.milliseconds(500).wholeSecondsRoundingUp == 1)
        #expect(Duration.zero.wholeSecondsRoundingUp == 0)
        #expect(Duration.seconds(-3).wholeSecondsRoundingUp == 0)
        let timeout = timeval(.milliseconds(2500))
        #expect(timeout.tv_sec == 2 && timeout.tv_usec == 500_000)
        let past = timeval(.milliseconds(-20))
        #expect(past.tv_sec == 0 && past.tv_usec == 0)
    }
}
