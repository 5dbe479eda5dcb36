/// Stores a `Duration` as a plain number of seconds in JSON, where Swift's own encoding is a
/// pair of attosecond words no reader of `report.json` should have to decode.
@propertyWrapper
public struct SecondsCoded: Sendable, Hashable, Codable {
    public var wrappedValue: Duration

    public init(wrappedValue: Duration) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: any Decoder) throws {
        wrappedValue = .seconds(try decoder.singleValueContainer().decode(Double.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue.seconds)
    }
}
