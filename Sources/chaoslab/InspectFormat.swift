import ArgumentParser

/// How `chaoslab inspect` prints what it found.
enum InspectFormat: String, ExpressibleByArgument, CaseIterable {
    /// The roles by section with their sources, what is missing, the checks, notes.
    case text
    /// The same as one JSON object, passwords hidden.
    case json
}
