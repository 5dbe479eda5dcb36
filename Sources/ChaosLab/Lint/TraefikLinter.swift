import Foundation

/// A static lint of the Traefik v3 configuration in a compose file: the routers, services and
/// middlewares in container labels, checked against Traefik's static configuration (the
/// Traefik service's flags, environment, or mounted traefik.yml / traefik.toml). Nothing is
/// started: no stack, no Docker.
///
/// ```swift
/// let report = try TraefikLinter.lint(composeFile: "compose/docker-compose.yml")
/// for finding in report.findings { print(finding) }
/// ```
public struct TraefikLinter: Sendable {
    /// The compose file, read as written (without interpolation).
    public var file: ComposeFile
    /// The variables compose would interpolate with.
    public var environment: [String: String]

    let interpolation: LintInterpolation

    /// - Parameters:
    ///   - file: the compose file read without interpolation
    ///     (``ComposeFile/load(path:environment:)`` with `environment: nil`), so that the lint
    ///     sees every `$` as written.
    ///   - environment: the variables compose would see.
    public init(file: ComposeFile, environment: [String: String]) {
        self.file = file
        self.environment = environment
        interpolation = LintInterpolation(environment: environment)
    }

    /// Lints the compose file at `path`, interpolating as compose would with this process's
    /// environment over the `.env` file beside the compose file.
    /// - Throws: ``LintInputError`` when the compose file or Traefik's static configuration
    ///   file cannot be read or parsed at all.
    public static func lint(composeFile path: String) throws(LintInputError) -> LintReport {
        var environment = ComposeEnvironmentFile.variables(besideComposeFile: path)
        environment.merge(ProcessInfo.processInfo.environment) { _, shell in shell }
        return try lint(composeFile: path, environment: environment)
    }

    /// Lints the compose file at `path` with exactly the variables given.
    public static func lint(composeFile path: String, environment: [String: String]) throws(LintInputError) -> LintReport {
        let file: ComposeFile
        do {
            file = try ComposeFile.load(path: path, environment: nil)
        } catch {
            throw .compose(error)
        }
        return try TraefikLinter(file: file, environment: environment).report()
    }

    /// Lints compose YAML held in memory; relative mounts resolve against `path`'s folder.
    public static func lint(yaml: String, path: String = "docker-compose.yml", environment: [String: String] = [:]) throws(LintInputError) -> LintReport {
        let file: ComposeFile
        do {
            file = try ComposeFile.parse(yaml: yaml, path: path, environment: nil)
        } catch {
            throw .compose(error)
        }
        return try TraefikLinter(file: file, environment: environment).report()
    }

    /// Every finding, errors first, then by file position.
    /// - Throws: ``LintInputError`` when Traefik's static configuration file cannot be parsed.
    public func report() throws(LintInputError) -> LintReport {
        let loaded = try TraefikStaticConfigLoader(file: file, interpolation: interpolation).load()
        let config = loaded?.config
        let containers = containers(provider: config?.labelProvider ?? "docker")
        var findings = loaded?.findings ?? []
        findings += escapingFindings()
        for container in containers {
            findings += container.problems.map { finding($0.severity, $0.rule, container.service, $0.label.key, line: $0.label.line, $0.message) }
        }
        let context = LintContext(config: config, containers: containers)
        findings += staticFindings(context)
        for container in containers where container.hasDynamicConfiguration && context.isEnabled(container) {
            findings += routerFindings(container, context)
            findings += portFindings(container, context)
        }
        findings += middlewareChainFindings(context)
        let source: String? =
            switch config?.source {
            case .flags: "flags"
            case .environment: "environment"
            case .defaults: "defaults"
            case .file(let path): path
            case nil: nil
            }
        return LintReport(file: file.path, traefikService: config?.service, staticConfiguration: source, findings: sorted(findings))
    }

    /// The Traefik view of every service: container labels, or `deploy.labels` for Swarm.
    func containers(provider: String) -> [TraefikContainer] {
        file.services.map { service in
            let useDeploy = provider == "swarm"
            let labels = useDeploy ? service.deployLabels : service.labels
            let lines = useDeploy ? service.deployLabelLines : service.labelLines
            return TraefikContainer(
                service: service.name,
                labels: labels.map { key, written in
                    TraefikLabel(key: key, value: interpolation.lenient(written), written: written, line: lines[key])
                }
            )
        }
    }

    func finding(
        _ severity: LintSeverity,
        _ rule: LintRule,
        _ service: String,
        _ label: String,
        line: Int?,
        _ message: String
    ) -> LintFinding {
        LintFinding(
            severity: severity,
            rule: rule,
            file: file.path,
            line: line ?? file.service(named: service)?.line,
            service: service,
            label: label,
            message: message
        )
    }

    private func sorted(_ findings: [LintFinding]) -> [LintFinding] {
        var seen: Set<LintFinding> = []
        return findings.filter { seen.insert($0).inserted }.sorted { left, right in
            if left.severity != right.severity { return left.severity > right.severity }
            if left.file != right.file { return left.file < right.file }
            if left.line != right.line { return (left.line ?? 0) < (right.line ?? 0) }
            return (left.label, left.message) < (right.label, right.message)
        }
    }
}
