/// A knob name that is not one of ``FixtureKnob``'s.
public struct FixtureKnobError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The name as given.
    public var name: String

    public init(name: String) {
        self.name = name
    }

    public var description: String {
        let known = FixtureKnob.allCases.map(\.rawValue).joined(separator: ", ")
        return "Unknown fault knob \"\(name)\"; known knobs: \(known)."
    }
}
