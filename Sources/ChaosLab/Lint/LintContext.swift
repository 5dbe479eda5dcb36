/// What every check of one lint run shares: the static configuration (if a Traefik service
/// was found) and every container's Traefik view.
struct LintContext: Sendable {
    var config: TraefikStaticConfig?
    var containers: [TraefikContainer]

    /// Whether Traefik builds configuration from this container: `traefik.enable`, else the
    /// provider's `exposedByDefault`. Without a static configuration every labelled container
    /// counts, so that its labels are still checked.
    func isEnabled(_ container: TraefikContainer) -> Bool {
        if let enable = container.enable?.boolValue { return enable }
        guard let config else { return container.hasDynamicConfiguration }
        return config.exposedByDefault.value
    }

    /// The provider name unqualified references resolve in (`docker` or `swarm`).
    var provider: String {
        config?.labelProvider ?? "docker"
    }

    /// Splits `name@provider`; the provider is `nil` when not given.
    func reference(_ text: String) -> (name: String, provider: String?) {
        guard let at = text.lastIndex(of: "@") else { return (text, nil) }
        return (String(text[..<at]), String(text[text.index(after: at)...]))
    }

    /// Whether a reference is resolved among the labels (unqualified or `@docker` / `@swarm`).
    func isLabelReference(_ provider: String?) -> Bool {
        provider == nil || provider == self.provider
    }

    /// The containers that define middleware `name` for `protocolKind`.
    func middlewareDefiners(_ name: String, _ protocolKind: RouterProtocol) -> [TraefikContainer] {
        containers.filter { $0.middlewares[protocolKind]?[name] != nil }
    }

    /// The containers that define service `name` for `protocolKind`.
    func serviceDefiners(_ name: String, _ protocolKind: RouterProtocol) -> [TraefikContainer] {
        containers.filter { container in container.services.contains { $0.protocolKind == protocolKind && $0.name == name } }
    }
}
