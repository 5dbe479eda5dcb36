import Foundation

extension SecurityCheck {
    /// `ENV` lines of the services' images that carry a password, secret or token.
    func bakedSecrets(_ context: CheckContext) async throws -> PartFinding {
        let services = Set(try await context.stack.instances(of: nil).map(\.service)).sorted()
        var baked: [String] = []
        var lines: [String] = []
        for service in services {
            let image = try await context.stack.image(of: service)
            let secrets = image.environment.filter(Self.isSecretAssignment)
            lines.append("\(service) (\(image.name)): " + (secrets.isEmpty ? "no secret in ENV" : secrets.map { Self.redacted($0) }.joined(separator: ", ")))
            baked += secrets.map { "\(Self.redacted($0)) in \(image.name) (service \(service))" }
        }
        let evidence = [Evidence(source: "images", title: "Secrets in the images' ENV (docker image inspect)", lines: lines)]
        if !baked.isEmpty {
            return PartFinding(passed: false, sentence: "Credentials are baked into images: \(baked.joined(separator: "; ")); pass them from the environment at run time instead.", evidence: evidence)
        }
        return PartFinding(passed: true, sentence: "No image carries a secret in its ENV.", evidence: evidence)
    }

    /// Whether a `NAME=value` entry sets a non-empty secret (GPG_KEY, a public key id that
    /// official images set, is not one).
    static func isSecretAssignment(_ entry: String) -> Bool {
        let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty else { return false }
        let name = parts[0].uppercased()
        guard !name.hasSuffix("GPG_KEY") else { return false }
        return ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "PRIVATE_KEY", "CREDENTIAL"].contains { name.contains($0) }
            || name.hasSuffix("_PASS")
    }

    /// `NAME=ab…` — enough to find it, not enough to use it.
    static func redacted(_ entry: String) -> String {
        let parts = entry.split(separator: "=", maxSplits: 1)
        guard parts.count == 2 else { return entry }
        return "\(parts[0])=\(parts[1].prefix(2))…"
    }
}
