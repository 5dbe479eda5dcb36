import Foundation
import Yams

/// How a class is graded: which checks run, which the course requires, and how many points
/// each is worth.
///
/// A check that passes earns its points and one that fails earns none. One that does not apply
/// is left out of the student's maximum, unless the course requires it: then it is worth its
/// points and earns none, with the reason it did not apply. One the lab could not conclude
/// earns none for now and marks the student for review; it is never shown as a failure.
public struct GradingPolicy: Sendable, Codable, Hashable {
    /// The checks to run, in catalogue order.
    public var checks: [String]
    /// The checks the course requires; each is among ``checks``.
    public var required: Set<String>
    /// Points per check; a check not named is worth ``defaultPoints``.
    public var weights: [String: Double]
    /// What a check not named in ``weights`` is worth.
    public var defaultPoints: Double

    public init(checks: [String] = CheckCatalogue.names, required: Set<String> = [], weights: [String: Double] = [:], defaultPoints: Double = 1) {
        self.checks = checks
        self.required = required
        self.weights = weights
        self.defaultPoints = defaultPoints
    }

    /// What `check` is worth.
    public func points(for check: String) -> Double {
        weights[check] ?? defaultPoints
    }

    /// The policy for `checks` (all when empty), `required` and the weights file, checked
    /// against the catalogue.
    /// - Throws: ``GradingInputError`` naming an unknown check, a required check that does not
    ///   run, or the weights file's line that cannot be used.
    public static func make(checks: [String], required: [String], weightsFile: String?) throws(GradingInputError) -> GradingPolicy {
        for name in checks + required where CheckCatalogue.check(named: name) == nil {
            throw GradingInputError(path: name, problem: "no such check; known checks: \(CheckCatalogue.names.joined(separator: ", "))")
        }
        let chosen = checks.isEmpty ? CheckCatalogue.names : CheckCatalogue.names.filter(checks.contains)
        for name in required where !chosen.contains(name) {
            throw GradingInputError(path: name, problem: "it is required but not among the checks to run (\(chosen.joined(separator: ", ")))")
        }
        let weights = try weightsFile.map { file throws(GradingInputError) in try readWeights(file) } ?? [:]
        return GradingPolicy(checks: chosen, required: Set(required), weights: weights)
    }

    /// Reads a weights file: a YAML (or JSON) map from check name to points, e.g.
    /// `redelivery: 3`.
    static func readWeights(_ path: String) throws(GradingInputError) -> [String: Double] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw GradingInputError(path: path, problem: "it cannot be read as UTF-8 text")
        }
        return try parseWeights(text, path: path)
    }

    /// Parses the text of a weights file at `path` (named in errors).
    static func parseWeights(_ text: String, path: String) throws(GradingInputError) -> [String: Double] {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw GradingInputError(path: path, problem: "it is not YAML: \(error)")
        }
        guard let mapping = node?.mapping else {
            throw GradingInputError(path: path, problem: "it must be a map from check name to points, e.g. `redelivery: 3`")
        }
        var weights: [String: Double] = [:]
        for (key, value) in mapping {
            let line = key.mark.map { $0.line }
            guard let name = key.string, CheckCatalogue.check(named: name) != nil else {
                throw GradingInputError(path: path, line: line, problem: "\(key.string ?? "this key") is not a check; known checks: \(CheckCatalogue.names.joined(separator: ", "))")
            }
            guard let points = value.float ?? value.int.map({ Double($0) }), points >= 0, points.isFinite else {
                throw GradingInputError(path: path, line: line, problem: "the points of \(name) must be a number of 0 or more, not \(value.string ?? "\(value)")")
            }
            weights[name] = points
        }
        return weights
    }
}
