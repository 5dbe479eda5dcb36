@testable import AMQPClient
import Foundation
import Testing

/// Tables through rabbitmq-c's own structures and wire format: Swift → `amqp_table_t` →
/// `amqp_encode_table` → bytes → `amqp_decode_table` → `amqp_table_t` → Swift.
@Suite("Table codec")
struct TableCodecTests {
    static let everyKind: [AMQPFieldValue] = [
        .bool(true), .bool(false),
        .int8(-128), .uint8(255), .int16(-32768), .uint16(65535),
        .int32(.min), .uint32(.max), .int64(.min), .uint64(.max),
        .float(1.5), .double(-2.25e300),
        .decimal(scale: 2, value: 12345),
        .string("plain"), .string(""), .string("ünïcödé ✓ 日本語 🐇"),
        .bytes([0, 1, 2, 255]), .bytes([]),
        .array([]), .array([.int32(1), .string("two"), .bool(false)]),
        .table([:]), .table(["inner": .int64(7)]),
        .timestamp(1_767_225_600),
        .void,
    ]

    @Test("every field kind survives the round trip", arguments: everyKind)
    func everyKindRoundTrips(_ value: AMQPFieldValue) throws {
        let table: AMQPTable = ["value": value]
        #expect(try roundTrip(table) == table)
    }

    @Test("the empty table encodes as a zero length and decodes as empty")
    func emptyTable() throws {
        #expect(try TableCodec.wireEncoding(of: [:]) == [0, 0, 0, 0])
        #expect(try roundTrip([:]) == [:])
    }

    @Test("the wire bytes are AMQP's: length, short-string key, kind, big-endian value")
    func wireBytes() throws {
        let bytes = try TableCodec.wireEncoding(of: ["a": .int32(1), "b": .string("hi")])
        #expect(bytes == [
            0, 0, 0, 16,
            1, 0x61, 0x49, 0, 0, 0, 1,
            1, 0x62, 0x53, 0, 0, 0, 2, 0x68, 0x69,
        ])
    }

    @Test("x-death: an array of tables with counts, timestamps and nested arrays")
    func xDeath() throws {
        let death: AMQPTable = [
            "count": .int64(1),
            "reason": "rejected",
            "queue": "chaoslab.work",
            "time": .timestamp(1_767_225_600),
            "exchange": "",
            "routing-keys": ["chaoslab.work"],
        ]
        let headers: AMQPTable = [
            "x-death": .array([.table(death), .table(death)]),
            "x-first-death-reason": "rejected",
        ]
        let decoded = try roundTrip(headers)
        #expect(decoded == headers)
        let first = try #require(decoded["x-death"]?.arrayValue?.first?.tableValue)
        #expect(first["count"]?.intValue == 1)
        #expect(first["reason"]?.stringValue == "rejected")
        #expect(first["time"]?.timestampValue == 1_767_225_600)
        #expect(first["routing-keys"]?.arrayValue == ["chaoslab.work"])
    }

    @Test("tables nest to any depth and keep their order")
    func deepNestingAndOrder() throws {
        var table: AMQPTable = ["leaf": 0]
        for depth in 1...20 {
            table = depth.isMultiple(of: 2)
                ? ["z\(depth)": .table(table), "a\(depth)": .int8(Int8(depth))]
                : ["z\(depth)": .array([.int8(Int8(depth)), .table(table)]), "a\(depth)": .void]
        }
        let decoded = try roundTrip(table)
        #expect(decoded == table)
        #expect(decoded.keys == ["z20", "a20"])
    }

    @Test("unicode keys and many entries round trip")
    func unicodeKeysAndManyEntries() throws {
        let table = AMQPTable((0..<2000).map { ("clé-\($0)-✓", AMQPFieldValue.string(String(repeating: "é", count: $0 % 50))) })
        #expect(try roundTrip(table) == table)
    }

    @Test("a long string that is not UTF-8 keeps its bytes")
    func invalidUTF8BecomesBytes() throws {
        // 0x53 'S' long string holding 0xFF 0xFE: legal AMQP, not UTF-8.
        let wire: [UInt8] = [0, 0, 0, 9, 1, 0x6B, 0x53, 0, 0, 0, 2, 0xFF, 0xFE]
        #expect(try TableCodec.decodeWire(wire) == ["k": .bytes([0xFF, 0xFE])])
    }

    @Test("a key longer than 255 bytes is refused before reaching C")
    func overlongKey() throws {
        let key = String(repeating: "k", count: 256)
        let error = #expect(throws: AMQPError.self) { try TableCodec.wireEncoding(of: [key: 1]) }
        #expect(error?.code == .invalidState)
        #expect(error?.message.contains("256 bytes") == true)
    }

    @Test("truncated wire bytes fail with the C status name")
    func truncatedWire() throws {
        let error = #expect(throws: AMQPError.self) { try TableCodec.decodeWire([0, 0, 0, 9, 1, 0x6B, 0x53]) }
        guard case .library(_, let name)? = error?.code else {
            Issue.record("expected a library error, got \(String(describing: error))")
            return
        }
        #expect(name.hasPrefix("AMQP_STATUS_"))
    }

    private func roundTrip(_ table: AMQPTable) throws -> AMQPTable {
        try TableCodec.decodeWire(TableCodec.wireEncoding(of: table))
    }
}
