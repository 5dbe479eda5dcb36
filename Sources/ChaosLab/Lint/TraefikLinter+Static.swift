extension TraefikLinter {
    /// Checks that concern the static configuration as a whole and each container's opt-in:
    /// a Traefik service and a docker provider that reads the labels, `exposedByDefault`,
    /// `traefik.enable`, resolvers named by entry points.
    func staticFindings(_ context: LintContext) -> [LintFinding] {
        let labelled = context.containers.filter(\.hasDynamicConfiguration)
        guard let config = context.config else {
            guard let first = labelled.first else { return [] }
            return [
                finding(
                    .info,
                    .staticConfiguration,
                    first.service,
                    "traefik.enable",
                    line: nil,
                    "No Traefik service found in this compose file (no image named traefik, no --providers or --entrypoints flags): entry points, certificate resolvers, TLS and traefik.enable were not checked."
                )
            ]
        }
        var findings: [LintFinding] = []
        if let image = file.service(named: config.service)?.image.map(interpolation.lenient), let major = Self.olderTraefik(image) {
            findings.append(
                finding(
                    .warning,
                    .staticConfiguration,
                    config.service,
                    "image",
                    line: nil,
                    "The image \(image) is Traefik v\(major), but this lint checks Traefik v3 configuration, so v3 findings may not apply to it; move to a traefik:v3 image (and v3 rule syntax)."
                )
            )
        }
        if !config.hasLabelProvider, !labelled.isEmpty {
            findings.append(
                finding(
                    .error,
                    .staticConfiguration,
                    config.service,
                    "providers.docker",
                    line: nil,
                    "Traefik's static configuration (\(describe(config.source))) enables no docker provider, so no container label is ever read; add --providers.docker=true (providers.swarm for Swarm)."
                )
            )
        }
        let exposed = config.exposedByDefault
        if !config.hasLabelProvider {
            // Nothing more to say about opting in when no provider reads the labels at all.
        } else if exposed.value {
            let unlabelled = context.containers.filter { $0.labels.isEmpty && $0.service != config.service }.map(\.service)
            if !unlabelled.isEmpty {
                findings.append(
                    finding(
                        .warning,
                        .exposedByDefault,
                        config.service,
                        exposed.setting?.written ?? "providers.\(config.labelProvider).exposedbydefault",
                        line: exposed.setting?.line,
                        "Traefik exposes every container by default, so \(unlabelled.joined(separator: ", ")) get\(unlabelled.count == 1 ? "s a router with the default rule although it carries" : " a router with the default rule although they carry") no Traefik label; set providers.\(config.labelProvider).exposedByDefault=false and traefik.enable=true on the services to publish."
                    )
                )
            }
        } else if !exposed.value {
            for container in labelled where container.enable == nil {
                findings.append(
                    finding(
                        .error,
                        .missingEnable,
                        container.service,
                        "traefik.enable",
                        line: container.labels.first?.line,
                        "Traefik ignores this container: exposedByDefault is false and the container lacks traefik.enable=true, so its routers never exist. Add the label traefik.enable=true."
                    )
                )
            }
        }
        for container in labelled {
            if let enable = container.enable, enable.boolValue == nil {
                findings.append(
                    finding(
                        .error,
                        .unknownLabel,
                        container.service,
                        enable.key,
                        line: enable.line,
                        "`\(enable.value)` is not a boolean; write traefik.enable=true."
                    )
                )
            }
        }
        for entryPoint in config.entryPoints.values.sorted(by: { $0.name < $1.name }) {
            guard let resolver = entryPoint.certResolver, config.certificateResolvers[resolver.value] == nil else { continue }
            findings.append(
                LintFinding(
                    severity: .error,
                    rule: .unknownCertResolver,
                    file: resolver.file,
                    line: resolver.line,
                    service: config.service,
                    label: resolver.written,
                    message: "Entry point \(entryPoint.name) uses the certificate resolver `\(resolver.value)`, which the static configuration does not declare; \(declared(config.certificateResolvers.keys, kind: "resolvers"))."
                )
            )
        }
        for setting in config.settings where Self.isChallengeEntryPoint(setting.segments) && config.entryPoints[setting.value] == nil {
            findings.append(
                LintFinding(
                    severity: .error,
                    rule: .unknownEntryPoint,
                    file: setting.file,
                    line: setting.line,
                    service: config.service,
                    label: setting.written,
                    message: "The ACME HTTP challenge of resolver \(setting.segments[1]) answers on the entry point `\(setting.value)`, which is not declared; \(declared(config.entryPoints.keys, kind: "entry points")). Let's Encrypt cannot validate, so no certificate is issued. Declare it (usually `web` on :80)."
                )
            )
        }
        return findings
    }

    /// The major version of a Traefik image tagged v1 or v2 (`traefik:v2.10`, `traefik:2.11`).
    static func olderTraefik(_ image: String) -> Int? {
        guard let colon = image.lastIndex(of: ":"), !image[colon...].contains("/") else { return nil }
        let tag = image[image.index(after: colon)...].drop { $0 == "v" }
        guard let major = Int(tag.prefix { $0.isNumber }), major < 3, tag.dropFirst(String(major).count).first.map({ $0 == "." }) ?? true else {
            return nil
        }
        return major
    }

    /// `certificatesresolvers.NAME.acme.httpchallenge.entrypoint`.
    static func isChallengeEntryPoint(_ segments: [String]) -> Bool {
        segments.count == 5 && segments[0] == "certificatesresolvers" && Array(segments[2...]) == ["acme", "httpchallenge", "entrypoint"]
    }

    func describe(_ source: TraefikStaticConfig.Source) -> String {
        switch source {
        case .flags: "command-line flags"
        case .environment: "TRAEFIK_ variables"
        case .defaults: "Traefik's defaults"
        case .file(let path): path
        }
    }

    /// "declared: a, b" or "none is declared".
    func declared(_ names: some Collection<String>, kind: String) -> String {
        names.isEmpty ? "no \(kind) are declared" : "declared \(kind): \(names.sorted().joined(separator: ", "))"
    }
}
