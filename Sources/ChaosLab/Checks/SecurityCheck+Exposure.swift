import Foundation

extension SecurityCheck {
    /// Traefik's API and dashboard answering without credentials on a port published beyond
    /// loopback. `--api.insecure=true` on a port bound to 127.0.0.1 is reachable from this host
    /// only, and reported as such.
    func dashboardExposure(_ context: CheckContext) async throws -> PartFinding {
        guard let proxy = context.roles.proxy?.service else {
            return PartFinding(passed: nil, sentence: "The stack has no reverse proxy, so there is no dashboard to expose.")
        }
        let ports = try await context.stack.instances(of: proxy).flatMap(\.ports).filter { $0.protocol == "tcp" }
        var open: [PublishedPort] = []
        var lines: [String] = []
        for port in ports {
            let url = "http://127.0.0.1:\(port.hostPort)/api/overview"
            let exchange = try? await context.http.send("GET", url, timeout: .seconds(3))
            let isDashboard = exchange.map { $0.status == 200 && $0.body.contains("\"routers\"") } ?? false
            lines.append("\(port): GET /api/overview → \(exchange.map { String($0.status) } ?? "no answer")\(isDashboard ? " (Traefik's API, no credentials asked)" : "")")
            if isDashboard { open.append(port) }
        }
        let evidence = [Evidence(source: "proxy", title: "Traefik's API on each published port of \(proxy)", lines: lines.isEmpty ? ["no published TCP ports"] : lines)]
        let exposed = open.filter { !Self.isLoopback($0.hostIP) }
        if !exposed.isEmpty {
            return PartFinding(passed: false, sentence: "The Traefik dashboard and API answer without credentials on \(exposed.map(\.description).joined(separator: ", ")), reachable from any network: --api.insecure or an unauthenticated dashboard router is published beyond 127.0.0.1.", evidence: evidence)
        }
        if !open.isEmpty {
            return PartFinding(passed: true, sentence: "The Traefik dashboard asks no credentials but is published on \(open.map(\.description).joined(separator: ", ")) only (this host).", evidence: evidence)
        }
        return PartFinding(passed: true, sentence: "The Traefik dashboard is not reachable without credentials.", evidence: evidence)
    }

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

    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address == "::1" || address == "localhost"
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
