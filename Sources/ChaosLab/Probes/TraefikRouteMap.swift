/// What a Traefik instance routes, as far as the lab can tell: its HTTP routers, the
/// middlewares they use and its entry points, read from Traefik's API or from the labels of
/// the stack's containers. The checks use it to ask the proxy the way its routers want to be
/// asked: the host names and paths of their rules, rewritten the way their middlewares do.
struct TraefikRouteMap: Sendable, Hashable {
    var routers: [TraefikAPIRouter]
    var middlewares: [TraefikAPIMiddleware]
    /// Empty when the lab could not read them (labels do not say).
    var entryPoints: [TraefikAPIEntryPoint]
    /// The services and the servers behind them, from Traefik's API; empty from labels.
    var services: [TraefikAPIService]
    /// The compose service whose labels declared each router, by router name; empty for a map
    /// read from Traefik's API.
    var declaredBy: [String: String]

    init(
        routers: [TraefikAPIRouter] = [], middlewares: [TraefikAPIMiddleware] = [], entryPoints: [TraefikAPIEntryPoint] = [],
        services: [TraefikAPIService] = [], declaredBy: [String: String] = [:]
    ) {
        self.routers = routers
        self.middlewares = middlewares
        self.entryPoints = entryPoints
        self.services = services
        self.declaredBy = declaredBy
    }

    /// The middleware a router names: `strip` is looked up with the router's provider
    /// (`strip@docker`), a name with a provider as it is.
    func middleware(_ name: String, of router: TraefikAPIRouter) -> TraefikAPIMiddleware? {
        let qualified = Self.qualified(name, of: router)
        return middlewares.first { $0.name == qualified }
    }

    /// Routers whose service sends requests to one of `addresses` (the containers' IPs).
    func routers(leadingTo addresses: Set<String>) -> [TraefikAPIRouter] {
        let targets = Set(services.filter { !Set($0.serverHosts).isDisjoint(with: addresses) }.map(\.name))
        return routers.filter { router in
            guard !router.isInternal, let service = router.service else { return false }
            return targets.contains(Self.qualified(service, of: router))
        }
    }

    /// `name` with the router's provider when it names none, as Traefik resolves it.
    static func qualified(_ name: String, of router: TraefikAPIRouter) -> String {
        guard !name.contains("@") else { return name }
        let provider = router.provider ?? (router.name.contains("@") ? router.name.split(separator: "@").last.map(String.init) : nil) ?? "docker"
        return "\(name)@\(provider)"
    }

    /// The path to ask the proxy for so that `router` hands `upstream` to its service, after
    /// its middlewares strip or add prefixes; `nil` when its rule takes no such path, a
    /// middleware it names is unknown, or one rewrites paths in a way the lab does not follow.
    /// - Parameter host: the Host header the request will carry, if any.
    func requestPath(reaching upstream: String, through router: TraefikAPIRouter, host: String? = nil) -> String? {
        var candidates = [upstream]
        for name in (router.middlewares ?? []).reversed() {
            guard let middleware = middleware(name, of: router) else { return nil }
            switch middleware.pathRewrite {
            case .none:
                continue
            case .stripPrefix(let prefixes):
                // A path reaches the service unchanged only if no prefix applies to it.
                candidates = candidates.flatMap { path in
                    prefixes.map { Self.trimmingTrailingSlash($0) + path }
                        + (prefixes.contains { path.hasPrefix($0) } ? [] : [path])
                }
            case .addPrefix(let prefix):
                candidates = candidates.compactMap { path in
                    guard path.hasPrefix(prefix) else { return nil }
                    let rest = String(path.dropFirst(prefix.count))
                    return rest.hasPrefix("/") ? rest : "/" + rest
                }
            case .unknown:
                return nil
            }
        }
        return candidates.first { router.matches(path: $0, host: host) }
    }

    /// Routers declared in `service`'s labels that lead to a service of the stack (not to
    /// Traefik's own API).
    func routers(declaredBy service: String) -> [TraefikAPIRouter] {
        routers.filter { declaredBy[$0.name] == service && !($0.service?.hasSuffix("@internal") ?? false) }
    }

    private static func trimmingTrailingSlash(_ prefix: String) -> String {
        prefix.hasSuffix("/") ? String(prefix.dropLast()) : prefix
    }
}
