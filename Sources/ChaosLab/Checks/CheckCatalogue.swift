/// Every check the lab knows, in the order a full run uses.
public enum CheckCatalogue {
    /// All checks, with default settings.
    public static var all: [any ReliabilityCheck] {
        [
            RoundRobinCheck(), PrefetchFairnessCheck(), RedeliveryCheck(), PersistenceCheck(),
            DeadLetterCheck(), APIContractCheck(), SecurityCheck(), TraefikRoutesCheck(), ExactCountsCheck(),
        ]
    }

    /// The check named `name`, or `nil`.
    public static func check(named name: String) -> (any ReliabilityCheck)? {
        all.first { $0.name == name }
    }

    /// The names, for help texts and errors.
    public static var names: [String] {
        all.map(\.name)
    }
}
