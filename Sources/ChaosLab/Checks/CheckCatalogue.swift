/// Every check the lab knows, in the order a full run uses.
public enum CheckCatalogue {
    /// All checks, with default settings.
    public static var all: [any ReliabilityCheck] {
        [
            RoundRobinCheck(), PrefetchFairnessCheck(), RedeliveryCheck(), PersistenceCheck(),
            DeadLetterCheck(), APIContractCheck(), SecurityCheck(), TraefikRoutesCheck(), ExactCountsCheck(),
        ]
    }

    /// Checks of what only a Swarm does (update a service task by task, lose a node), run with
    /// `--swarm` after ``all``; on Compose they do not apply.
    public static var swarm: [any ReliabilityCheck] {
        [RollingUpdateCheck(), NodeLossCheck(.loss), NodeLossCheck(.partition)]
    }

    /// The check named `name`, among ``all`` and ``swarm``, or `nil`.
    public static func check(named name: String) -> (any ReliabilityCheck)? {
        (all + swarm).first { $0.name == name }
    }

    /// The names, for help texts and errors.
    public static var names: [String] {
        all.map(\.name)
    }
}
