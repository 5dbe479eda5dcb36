@testable import AMQPClient
import Foundation
import Testing

@Suite("Field values, tables, properties and messages")
struct AMQPValueTests {
    @Test("literals build the obvious kinds")
    func literals() {
        let table: AMQPTable = ["s": "text", "i": 5, "b": true, "d": 1.5, "a": [1, "x"], "t": ["k": "v"]]
        #expect(table["s"] == .string("text"))
        #expect(table["i"] == .int64(5))
        #expect(table["b"] == .bool(true))
        #expect(table["d"] == .double(1.5))
        #expect(table["a"] == .array([.int64(1), .string("x")]))
        #expect(table["t"] == .table(["k": .string("v")]))
        #expect(table.keys == ["s", "i", "b", "d", "a", "t"])
    }

    @Test("accessors read any integer kind and refuse the others")
    func accessors() {
        let integers: [AMQPFieldValue] = [.int8(-1), .uint8(1), .int16(-1), .uint16(1), .int32(-1), .uint32(1),
                                          .int64(-1), .uint64(1)]
        #expect(integers.map(\.intValue) == [-1, 1, -1, 1, -1, 1, -1, 1])
        #expect(AMQPFieldValue.uint64(.max).intValue == nil)
        #expect(AMQPFieldValue.string("1").intValue == nil)
        #expect(AMQPFieldValue.int32(1).stringValue == nil)
        #expect(AMQPFieldValue.decimal(scale: 2, value: 150).doubleValue == 1.5)
        #expect(AMQPFieldValue.timestamp(9).timestampValue == 9)
        #expect(AMQPFieldValue.bytes([1]).bytesValue == [1])
        #expect(AMQPFieldValue.void.tableValue == nil)
    }

    @Test("setting a key replaces in place; nil removes")
    func tableMutation() {
        var table: AMQPTable = ["a": 1, "b": 2, "c": 3]
        table["b"] = "two"
        table["a"] = nil
        table["d"] = .void
        #expect(table.keys == ["b", "c", "d"])
        #expect(table["b"] == "two")
        #expect(table.count == 3)
        #expect(Array(table.map(\.key)) == ["b", "c", "d"])
        #expect(AMQPTable([("k", 1), ("k", 2)]) == ["k": 2])
    }

    @Test("tables and properties keep order and kinds through JSON")
    func codable() throws {
        let properties = AMQPProperties(headers: ["z": .uint16(1), "a": .decimal(scale: 1, value: 5),
                                                  "x-death": [["count": .int64(1)]]],
                                        deliveryMode: .persistent, messageID: "m")
        let data = try JSONEncoder().encode(properties)
        #expect(try JSONDecoder().decode(AMQPProperties.self, from: data) == properties)
    }

    @Test("bodyString decodes UTF-8 and refuses anything else")
    func bodyString() {
        var message = AMQPMessage(channel: 1, consumerTag: nil, deliveryTag: 1, redelivered: false, exchange: "",
                                  routingKey: "q", body: Array("héllo".utf8))
        #expect(message.bodyString == "héllo")
        message.body = [0xFF]
        #expect(message.bodyString == nil)
    }

    @Test("the delivery buffer hands messages out in order and drops a closed channel's")
    func deliveryBuffer() {
        var buffer = DeliveryBuffer()
        for index in 0..<600 {
            buffer.append(AMQPMessage(channel: UInt16(index % 2 + 1), consumerTag: "c", deliveryTag: UInt64(index),
                                      redelivered: false, exchange: "", routingKey: "q", body: []))
        }
        for index in 0..<300 { #expect(buffer.popFirst()?.deliveryTag == UInt64(index)) }
        buffer.removeAll(onChannel: 1)
        #expect(buffer.count == 150)
        #expect(buffer.popFirst()?.deliveryTag == 301)
    }
}
