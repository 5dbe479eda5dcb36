/// An environment variable that cannot be used: the service refuses to start with it.
struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The environment variable, e.g. `AMQP_PORT`.
    var variable: String
    /// Its value as given.
    var value: String
    /// Why the value is refused, without a final period.
    var reason: String

    /// One line naming the variable, its value and the reason.
    var description: String {
        "\(variable)=\"\(value)\" is invalid: \(reason)."
    }
}
