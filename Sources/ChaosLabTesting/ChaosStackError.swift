/// Why a ``ChaosStack`` could not be used.
public enum ChaosStackError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A test asked for the stack outside a suite with the `.chaosStack` trait.
    case noStack(function: String)
    /// The roles of the stack lack what every check needs.
    case incompleteRoles(composeFile: String, missing: [String])

    public var description: String {
        switch self {
        case .noStack(let function):
            "\(function) needs a stack: put the test in a suite with the .chaosStack(compose:) trait (ChaosStack.current is nil)."
        case .incompleteRoles(let composeFile, let missing):
            "The lab could not find the roles of \(composeFile): \(missing.joined(separator: ", ")) missing. Declare them under x-chaoslab in the compose file or in a chaoslab.yml beside it (`chaoslab inspect` shows what was found)."
        }
    }
}
