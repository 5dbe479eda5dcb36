/// What one compose service's `traefik.…` labels declare: whether Traefik should look at it,
/// and its routers, services and middlewares, read the way Traefik's docker provider reads them.
public struct TraefikContainer: Sendable, Hashable {
    /// The compose service.
    public var service: String
    /// Every `traefik.…` label, in file order.
    public var labels: [TraefikLabel]
    /// `traefik.enable`, if set.
    public var enable: TraefikLabel?
    public var routers: [TraefikRouter]
    public var services: [TraefikServiceDefinition]
    /// Middleware names by protocol, each with the labels that define it.
    public var middlewares: [RouterProtocol: [String: [TraefikLabel]]]
    /// Labels Traefik does not know.
    public var problems: [TraefikLabelProblem]

    /// Reads `labels`; keys that do not start with `traefik.` are left out.
    public init(service: String, labels: [TraefikLabel]) {
        self.service = service
        self.labels = labels.filter { $0.segments.first == "traefik" }.sorted { ($0.line ?? 0, $0.key) < ($1.line ?? 0, $1.key) }
        enable = nil
        routers = []
        services = []
        middlewares = [:]
        problems = []
        var routers: [String: TraefikRouter] = [:]
        var services: [String: TraefikServiceDefinition] = [:]
        for label in self.labels {
            let segments = label.segments
            let originals = label.key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard segments.count >= 2 else { continue }
            if let protocolKind = RouterProtocol(rawValue: segments[1]) {
                guard segments.count >= 5 else {
                    reject(label, "is too short: Traefik expects traefik.\(protocolKind.rawValue).routers|services|middlewares.NAME.OPTION")
                    continue
                }
                let name = originals[3]
                let option = segments[4...].joined(separator: ".")
                switch segments[2] {
                case "routers":
                    if let problem = TraefikLabelVocabulary.routerOption(option, protocolKind: protocolKind) {
                        reject(label, problem)
                        continue
                    }
                    routers["\(protocolKind):\(name)", default: TraefikRouter(protocolKind: protocolKind, name: name)].options[option] = label
                case "services":
                    if let problem = TraefikLabelVocabulary.serviceOption(option, protocolKind: protocolKind) {
                        reject(label, problem)
                        continue
                    }
                    services["\(protocolKind):\(name)", default: TraefikServiceDefinition(protocolKind: protocolKind, name: name)].options[option] = label
                case "middlewares":
                    if let problem = TraefikLabelVocabulary.middlewareType(segments[4], protocolKind: protocolKind) {
                        problems.append(problem.with(label))
                        if problem.severity == .error { continue }
                    }
                    middlewares[protocolKind, default: [:]][name, default: []].append(label)
                default:
                    reject(label, "has `\(originals[2])` where Traefik expects routers, services or middlewares")
                }
            } else if let problem = TraefikLabelVocabulary.rootLabel(segments) {
                problems.append(problem.with(label))
            } else if segments == ["traefik", "enable"] {
                enable = label
            }
        }
        self.routers = routers.values.sorted { ($0.firstLine ?? Int.max, $0.name) < ($1.firstLine ?? Int.max, $1.name) }
        self.services = services.values.sorted { ($0.firstLine ?? Int.max, $0.name) < ($1.firstLine ?? Int.max, $1.name) }
    }

    /// Whether the container has any router, service or middleware label.
    public var hasDynamicConfiguration: Bool {
        !routers.isEmpty || !services.isEmpty || !middlewares.isEmpty
    }

    /// Whether the container has HTTP routers, services or middlewares (Traefik then builds
    /// HTTP services for it, a default one when it declares none).
    public var declaresHTTP: Bool {
        routers.contains { $0.protocolKind == .http } || services.contains { $0.protocolKind == .http }
            || !(middlewares[.http] ?? [:]).isEmpty
    }

    private mutating func reject(_ label: TraefikLabel, _ problem: String) {
        problems.append(
            TraefikLabelProblem(
                label: label,
                rule: .unknownLabel,
                severity: .error,
                message: "The key \(problem); Traefik refuses every label of this container when one does not decode."
            )
        )
    }
}
