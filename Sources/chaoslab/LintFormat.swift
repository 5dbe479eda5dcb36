import ArgumentParser

/// How `chaoslab lint` prints its findings.
enum LintFormat: String, ExpressibleByArgument, CaseIterable {
    /// One line per finding, then a summary line on stderr.
    case text
    /// The whole report as one JSON object.
    case json
}
