/// Typed access to environment variables, with the variable's name in every error.
struct EnvironmentReader: Sendable {
    var environment: [String: String]

    /// The variable's value; `fallback` when it is unset or empty.
    func string(_ name: String, default fallback: String) -> String {
        guard let value = environment[name], !value.isEmpty else { return fallback }
        return value
    }

    /// The variable as a whole number within `range`; `fallback` when it is unset or empty.
    ///
    /// - Throws: ``ConfigurationError`` naming the variable and its value otherwise.
    func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let value = environment[name], !value.isEmpty else { return fallback }
        guard let number = Int(value[...].trimmingWhitespace()) else {
            throw ConfigurationError(variable: name, value: value, reason: "it is not a whole number")
        }
        guard range.contains(number) else {
            throw ConfigurationError(variable: name, value: value,
                                     reason: "it must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }
}
