import Foundation

extension TraefikLinter {
    /// Every check of one enabled container's routers: rule, entry points, TLS, certificate
    /// resolver, middlewares and service.
    func routerFindings(_ container: TraefikContainer, _ context: LintContext) -> [LintFinding] {
        var findings: [LintFinding] = []
        for router in container.routers {
            findings += ruleFindings(router, container, context)
            if let config = context.config {
                findings += entryPointFindings(router, container, config)
            }
            findings += middlewareFindings(router, container, context)
            findings += serviceFindings(router, container, context)
        }
        return findings
    }

    private func ruleFindings(_ router: TraefikRouter, _ container: TraefikContainer, _ context: LintContext) -> [LintFinding] {
        guard router.protocolKind != .udp else { return [] }
        guard let rule = router.rule else {
            if router.protocolKind == .tcp {
                return [
                    finding(.error, .ruleSyntax, container.service, router.key("rule"), line: router.firstLine,
                        "TCP router \(router.name) has no rule; Traefik drops it. Add a rule such as HostSNI(`*`).")
                ]
            }
            guard context.config?.defaultRule == nil else { return [] }
            let project = file.name ?? URL(fileURLWithPath: file.path).deletingLastPathComponent().lastPathComponent.lowercased()
            return [
                finding(.warning, .defaultRule, container.service, router.key("rule"), line: router.firstLine,
                    "Router \(router.name) has no rule, so Traefik gives it the default rule Host(`\(container.service)-\(project)`), which real requests rarely match; add a rule such as PathPrefix(`/\(container.service)`) or Host(`example.com`).")
            ]
        }
        var dialect = context.config?.defaultRuleSyntax ?? .v3
        var findings: [LintFinding] = []
        if let syntax = router.options["rulesyntax"] {
            if let chosen = RuleDialect(rawValue: syntax.value.lowercased()) {
                dialect = chosen
            } else {
                findings.append(finding(.error, .ruleSyntax, container.service, syntax.key, line: syntax.line, "ruleSyntax takes v2 or v3, not `\(syntax.value)`."))
            }
        }
        if dialect == .v2 {
            let origin = router.options["rulesyntax"] ?? rule
            findings.append(
                finding(.warning, .ruleV2Syntax, container.service, origin.key, line: origin.line,
                    "Router \(router.name) reads its rule with the v2 syntax, which Traefik v3 keeps only for migration and will drop; rewrite the rule in v3 syntax and remove ruleSyntax.")
            )
        }
        let checker = RuleChecker(protocolKind: router.protocolKind, dialect: dialect)
        for problem in checker.problems(in: rule.value) {
            findings.append(finding(problem.severity, problem.rule, container.service, rule.key, line: rule.line, problem.message))
        }
        return findings
    }

    private func entryPointFindings(_ router: TraefikRouter, _ container: TraefikContainer, _ config: TraefikStaticConfig) -> [LintFinding] {
        var findings: [LintFinding] = []
        if let label = router.entryPoints {
            for name in label.list {
                guard let entryPoint = config.entryPoints[name] else {
                    let hint = config.entryPoints.keys.first { $0.lowercased() == name.lowercased() }.map { " (names are case-sensitive: `\($0)`)" } ?? ""
                    findings.append(
                        finding(.error, .unknownEntryPoint, container.service, label.key, line: label.line,
                            "Router \(router.name) uses the entry point `\(name)`, which Traefik's static configuration (\(describe(config.source))) does not declare\(hint); \(declared(config.entryPoints.keys, kind: "entry points")). Traefik leaves the router out.")
                    )
                    continue
                }
                if router.protocolKind == .http, entryPoint.expectsTLS, !entryPoint.tlsByDefault, !router.enablesTLS {
                    findings.append(
                        finding(.error, .tlsEntryPoint, container.service, router.key("tls"), line: label.line,
                            "Router \(router.name) is on entry point \(name)\(entryPoint.address.map { " (\($0))" } ?? ""), where clients speak TLS, but does not enable TLS, so it never matches an HTTPS request. Add \(router.key("tls"))=true (and tls.certresolver for a real certificate), or set http.tls on the entry point.")
                    )
                }
            }
        }
        if let resolver = router.certResolver, config.certificateResolvers[resolver.value] == nil {
            findings.append(
                finding(.error, .unknownCertResolver, container.service, resolver.key, line: resolver.line,
                    "Router \(router.name) asks the certificate resolver `\(resolver.value)`, which the static configuration (\(describe(config.source))) does not declare; \(declared(config.certificateResolvers.keys, kind: "resolvers")). Traefik serves its default certificate instead. Declare it with --certificatesresolvers.\(resolver.value).acme… or use a declared one.")
            )
        }
        return findings
    }

    private func middlewareFindings(_ router: TraefikRouter, _ container: TraefikContainer, _ context: LintContext) -> [LintFinding] {
        guard let label = router.middlewares else { return [] }
        return label.list.compactMap { reference in
            missingMiddleware(reference, protocolKind: router.protocolKind, user: "Router \(router.name)", label: label, container: container, context: context)
        }
    }

    /// Middlewares named inside `chain` middlewares.
    func middlewareChainFindings(_ context: LintContext) -> [LintFinding] {
        var findings: [LintFinding] = []
        for container in context.containers where context.isEnabled(container) {
            for (name, labels) in (container.middlewares[.http] ?? [:]).sorted(by: { $0.key < $1.key }) {
                for label in labels where label.segments.suffix(2) == ["chain", "middlewares"] {
                    findings += label.list.compactMap { reference in
                        missingMiddleware(reference, protocolKind: .http, user: "Chain \(name)", label: label, container: container, context: context)
                    }
                }
            }
        }
        return findings
    }

    private func missingMiddleware(
        _ reference: String,
        protocolKind: RouterProtocol,
        user: String,
        label: TraefikLabel,
        container: TraefikContainer,
        context: LintContext
    ) -> LintFinding? {
        let (name, provider) = context.reference(reference)
        guard context.isLabelReference(provider) else { return nil }
        let definers = context.middlewareDefiners(name, protocolKind)
        guard !definers.contains(where: context.isEnabled) else { return nil }
        let why: String
        if let definer = definers.first {
            why = "it is defined only on \(definer.service), which Traefik ignores (no traefik.enable=true)"
        } else {
            why = "no container defines it (traefik.\(protocolKind.rawValue).middlewares.\(name).TYPE…); if it lives in a file provider, write `\(name)@file`"
        }
        return finding(.error, .unknownMiddleware, container.service, label.key, line: label.line,
            "\(user) uses the middleware `\(reference)`, but \(why). Traefik disables the router.")
    }

    private func serviceFindings(_ router: TraefikRouter, _ container: TraefikContainer, _ context: LintContext) -> [LintFinding] {
        guard let label = router.service else {
            let own = container.services.filter { $0.protocolKind == router.protocolKind }
            guard own.count > 1 else { return [] }
            return [
                finding(.error, .unknownService, container.service, router.key("service"), line: router.firstLine,
                    "Router \(router.name) names no service and this container defines \(own.count) (\(own.map(\.name).joined(separator: ", "))), so Traefik cannot choose and drops the router; add \(router.key("service")).")
            ]
        }
        let (name, provider) = context.reference(label.value)
        guard context.isLabelReference(provider) else { return [] }
        let definers = context.serviceDefiners(name, router.protocolKind)
        guard !definers.contains(where: context.isEnabled) else { return [] }
        let why = definers.first.map { "it is defined only on \($0.service), which Traefik ignores (no traefik.enable=true)" }
            ?? "no container defines it (traefik.\(router.protocolKind.rawValue).services.\(name).loadbalancer.server.port=…)"
        return [
            finding(.error, .unknownService, container.service, label.key, line: label.line,
                "Router \(router.name) sends requests to the service `\(label.value)`, but \(why). Traefik disables the router.")
        ]
    }
}
