/// The label keys Traefik v3's docker provider knows, for telling a typo (which makes Traefik
/// refuse the container's labels) or a v1 leftover (which it ignores) from a real option.
enum TraefikLabelVocabulary {
    /// A problem found from a key alone, before it is tied to its label.
    struct Verdict {
        var rule: LintRule
        var severity: LintSeverity
        var message: String

        func with(_ label: TraefikLabel) -> TraefikLabelProblem {
            TraefikLabelProblem(label: label, rule: rule, severity: severity, message: message)
        }
    }

    private static let routerOptions: [RouterProtocol: Set<String>] = [
        .http: [
            "rule", "rulesyntax", "priority", "entrypoints", "middlewares", "service", "tls", "tls.certresolver", "tls.options",
            "tls.domains.main", "tls.domains.sans", "observability.accesslogs", "observability.metrics", "observability.tracing",
            "observability.traceverbosity",
        ],
        .tcp: [
            "rule", "rulesyntax", "priority", "entrypoints", "middlewares", "service", "tls", "tls.passthrough", "tls.certresolver",
            "tls.options", "tls.domains.main", "tls.domains.sans",
        ],
        .udp: ["entrypoints", "service"],
    ]

    private static let serviceKinds: [RouterProtocol: Set<String>] = [
        .http: ["loadbalancer", "weighted", "mirroring", "failover", "highestrandomweight", "middlewares"],
        .tcp: ["loadbalancer", "weighted"],
        .udp: ["loadbalancer", "weighted"],
    ]

    private static let serverOptions: Set<String> = ["port", "url", "scheme", "weight", "preservepath", "fenced", "tls"]

    private static let middlewareTypes: [RouterProtocol: Set<String>] = [
        .http: [
            "addprefix", "stripprefix", "stripprefixregex", "replacepath", "replacepathregex", "chain", "ipallowlist", "headers",
            "encodedcharacters", "errors", "ratelimit", "redirectregex", "redirectscheme", "basicauth", "digestauth", "forwardauth",
            "inflightreq", "buffering", "circuitbreaker", "compress", "passtlsclientcert", "retry", "contenttype", "grpcweb", "plugin",
        ],
        .tcp: ["inflightconn", "ipallowlist"],
        .udp: [],
    ]

    /// Why `option` is no router option, if it is none.
    static func routerOption(_ option: String, protocolKind: RouterProtocol) -> String? {
        let known = routerOptions[protocolKind] ?? []
        guard !known.contains(option) else { return nil }
        let hint =
            switch option {
            case "entrypoint": " (write `entrypoints`, plural)"
            case "middleware": " (write `middlewares`, plural)"
            case "certresolver", "tls.certresolvers": " (write `tls.certresolver`)"
            case "services": " (write `service`, singular)"
            default: ""
            }
        return "names the router option `\(option)`, which Traefik does not have\(hint)"
    }

    /// Why `option` is no service option, if it is none.
    static func serviceOption(_ option: String, protocolKind: RouterProtocol) -> String? {
        let parts = option.split(separator: ".").map(String.init)
        guard let kind = parts.first, serviceKinds[protocolKind]?.contains(kind) == true else {
            return "names the service option `\(option)`; services start with loadbalancer, weighted or mirroring (for the port: loadbalancer.server.port)"
        }
        if kind == "loadbalancer", parts.count >= 2 {
            if parts[1] == "port" || parts[1] == "url" {
                return "names `loadbalancer.\(parts[1])`; the option is `loadbalancer.server.\(parts[1])`"
            }
            if parts[1] == "server", parts.count >= 3, !serverOptions.contains(parts[2]) {
                return "names the server option `\(parts[2])`; a server has port, url, scheme, weight and preservepath"
            }
        }
        return nil
    }

    /// Why `type` is no middleware type, if it is none; v3's deprecated names are warnings.
    static func middlewareType(_ type: String, protocolKind: RouterProtocol) -> Verdict? {
        if type == "ipwhitelist" {
            return Verdict(rule: .ruleV2Syntax, severity: .warning, message: "`ipwhitelist` is the v2 name of this middleware, deprecated in v3; write `ipallowlist`.")
        }
        guard middlewareTypes[protocolKind]?.contains(type) == false else { return nil }
        return Verdict(
            rule: .unknownLabel,
            severity: .error,
            message: "Traefik has no \(protocolKind.rawValue.uppercased()) middleware type `\(type)`; it refuses every label of this container when one does not decode."
        )
    }

    /// A problem with a `traefik.…` key outside `http`, `tcp` and `udp`, if it has one.
    static func rootLabel(_ segments: [String]) -> Verdict? {
        let second = segments[1]
        if segments.count == 2, second == "enable" { return nil }
        if ["docker", "swarm", "tls"].contains(second) { return nil }
        let v1 = ["frontend", "backend", "port", "protocol", "weight", "tags", "webservice"]
        if v1.contains(second) || segments.dropFirst(2).first.map({ ["frontend", "backend", "port", "protocol"].contains($0) }) == true {
            return Verdict(
                rule: .v1Label,
                severity: .error,
                message: "This is a Traefik v1 label, which v2 and v3 ignore; use traefik.http.routers.NAME.rule and traefik.http.services.NAME.loadbalancer.server.port."
            )
        }
        return Verdict(
            rule: .unknownLabel,
            severity: .warning,
            message: "Traefik ignores this label: its keys start with traefik.enable, traefik.http, traefik.tcp, traefik.udp, traefik.tls or traefik.docker."
        )
    }
}
