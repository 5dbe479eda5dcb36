extension TraefikRouteMap {
    /// The routers and middlewares in the labels of `instances` (the first instance's of each
    /// service: replicas share them).
    init(instances: [ServiceInstance]) {
        var labels: [String: [String: String]] = [:]
        for instance in instances where labels[instance.service] == nil {
            labels[instance.service] = instance.labels
        }
        self.init(labels: labels)
    }

    /// The HTTP routers and middlewares Traefik's docker provider reads from each compose
    /// service's container labels (`labels[service]`). A container with `traefik.enable=false`
    /// is left out, as is a router without a rule; entry points are not in labels.
    init(labels: [String: [String: String]]) {
        var routers: [TraefikAPIRouter] = []
        var middlewares: [TraefikAPIMiddleware] = []
        var declaredBy: [String: String] = [:]
        for (service, values) in labels.sorted(by: { $0.key < $1.key }) {
            let container = TraefikContainer(service: service, labels: values.map { TraefikLabel(key: $0.key, value: $0.value) })
            guard container.enable?.boolValue != false else { continue }
            let defaultService = container.services.first { $0.protocolKind == .http }?.name ?? service
            for router in container.routers where router.protocolKind == .http {
                guard let rule = router.rule?.value else { continue }
                let name = "\(router.name)@docker"
                routers.append(TraefikAPIRouter(
                    name: name, rule: rule, entryPoints: router.entryPoints?.list, service: router.service?.value ?? defaultService,
                    middlewares: router.middlewares?.list, tls: router.enablesTLS ? .init(certResolver: router.certResolver?.value) : nil,
                    provider: "docker"
                ))
                declaredBy[name] = service
            }
            for (name, definition) in (container.middlewares[.http] ?? [:]).sorted(by: { $0.key < $1.key }) {
                middlewares.append(Self.middleware(named: name, from: definition))
            }
        }
        self.init(routers: routers, middlewares: middlewares, declaredBy: declaredBy)
    }

    /// A middleware from its labels (`traefik.http.middlewares.NAME.TYPE.OPTION`).
    private static func middleware(named name: String, from labels: [TraefikLabel]) -> TraefikAPIMiddleware {
        let type = labels.first.map { $0.segments[4] }
        func option(_ option: String) -> TraefikLabel? {
            labels.first { $0.segments.count > 5 && $0.segments[5] == option }
        }
        return TraefikAPIMiddleware(
            name: "\(name)@docker", type: type,
            stripPrefix: type == "stripprefix" ? .init(prefixes: labels.filter { $0.segments.count > 5 && $0.segments[5] == "prefixes" }.flatMap(\.list)) : nil,
            addPrefix: type == "addprefix" ? .init(prefix: option("prefix")?.value) : nil,
            provider: "docker"
        )
    }
}
