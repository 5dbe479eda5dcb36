/// Why a health probe got no HTTP status.
struct HealthProbeError: Error, Sendable, Hashable, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
