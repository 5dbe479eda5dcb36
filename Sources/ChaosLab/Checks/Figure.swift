/// One measured number a check reports, e.g. "worker1 deliveries: 10".
public struct Figure: Sendable, Codable, Hashable, CustomStringConvertible {
    /// Stable key for machines, e.g. `deliveries.worker1`.
    public var key: String
    /// What it is, for people.
    public var label: String
    /// The value.
    public var value: Double
    /// The unit, e.g. `messages`, `s`, `ms`; empty for plain counts.
    public var unit: String

    public init(_ key: String, _ label: String, _ value: Double, unit: String = "") {
        self.key = key
        self.label = label
        self.value = value
        self.unit = unit
    }

    /// A duration in seconds, to the millisecond.
    public static func seconds(_ key: String, _ label: String, _ duration: Duration) -> Figure {
        Figure(key, label, duration.seconds, unit: "s")
    }

    /// The value as people read it: integers without decimals, others to three places.
    public var formattedValue: String {
        let number = value.rounded() == value && abs(value) < 1e15
            ? String(Int64(value))
            : String(format: "%.3f", value)
        return unit.isEmpty ? number : "\(number) \(unit)"
    }

    public var description: String {
        "\(label): \(formattedValue)"
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
