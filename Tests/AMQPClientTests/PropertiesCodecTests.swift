@testable import AMQPClient
import Testing

/// Basic properties through rabbitmq-c's `amqp_basic_properties_t` and content-header encoding.
@Suite("Properties codec")
struct PropertiesCodecTests {
    @Test("every basic property, headers included, survives the round trip")
    func allProperties() throws {
        let properties = AMQPProperties(
            contentType: "application/json", contentEncoding: "gzip",
            headers: ["x-death": [["count": .int64(2), "reason": "expired"]], "retries": .int32(3)],
            deliveryMode: .persistent, priority: 9, correlationID: "c-1", replyTo: "amq.rabbitmq.reply-to",
            expiration: "1500", messageID: "m-ü", timestamp: 1_767_225_600, type: "order.created",
            userID: "chaoslab", appID: "api")
        #expect(try PropertiesCodec.wireRoundTrip(properties) == properties)
    }

    @Test("unset properties stay unset", arguments: [
        AMQPProperties(),
        AMQPProperties(deliveryMode: .transient),
        AMQPProperties(headers: [:]),
        AMQPProperties(messageID: ""),
        AMQPProperties(priority: 0, timestamp: 0),
    ])
    func partialProperties(_ properties: AMQPProperties) throws {
        #expect(try PropertiesCodec.wireRoundTrip(properties) == properties)
    }

    @Test("a short-string property over 255 bytes is refused")
    func overlongProperty() throws {
        let error = #expect(throws: AMQPError.self) {
            try PropertiesCodec.wireRoundTrip(AMQPProperties(messageID: String(repeating: "x", count: 300)))
        }
        #expect(error?.code == .invalidState)
        #expect(error?.message.contains("300 bytes") == true)
    }

    @Test("headers that do not fit one header frame are refused before anything is sent")
    func headersMustFitAFrame() throws {
        let pool = CPool()
        var scratch: [UInt8] = []
        var small = try PropertiesCodec.encode(AMQPProperties(headers: ["k": "v"]), into: pool)
        var large = try PropertiesCodec.encode(
            AMQPProperties(headers: ["big": .bytes(Array(repeating: 7, count: 140_000))]), into: pool)
        let error = try withExtendedLifetime(pool) {
            try PropertiesCodec.checkFitsHeaderFrame(&small, frameMax: 131_072, scratch: &scratch)
            return #expect(throws: AMQPError.self) {
                try PropertiesCodec.checkFitsHeaderFrame(&large, frameMax: 131_072, scratch: &scratch)
            }
        }
        #expect(error?.code == .invalidState)
        #expect(error?.message.contains("131072-byte header frame") == true)
    }
}
