import Foundation

extension TraefikLinter {
    /// Services without `loadbalancer.server.port` on containers that expose no port or several.
    ///
    /// Traefik's rule: without the label it takes the container's exposed ports; none means
    /// "port is missing" and the container's whole configuration is dropped, several means the
    /// lowest is used, which is rarely the application's.
    func portFindings(_ container: TraefikContainer, _ context: LintContext) -> [LintFinding] {
        guard let service = file.service(named: container.service) else { return [] }
        var needs: [(protocolKind: RouterProtocol, name: String, line: Int?)] = []
        for protocolKind in RouterProtocol.allCases {
            let defined = container.services.filter { $0.protocolKind == protocolKind }
            for definition in defined where !definition.hasServerAddress {
                needs.append((protocolKind, definition.name, definition.firstLine))
            }
            let hasRouters = container.routers.contains { $0.protocolKind == protocolKind }
            let usesDefault = protocolKind == .http ? container.declaresHTTP || !hasTCPOrUDP(container) : hasRouters
            if defined.isEmpty, usesDefault {
                needs.append((protocolKind, container.service, container.routers.first { $0.protocolKind == protocolKind }?.firstLine))
            }
        }
        guard !needs.isEmpty else { return [] }
        let exposed = exposedPorts(service)
        return needs.compactMap { need in
            let label = "traefik.\(need.protocolKind.rawValue).services.\(need.name).loadbalancer.server.port"
            let seen = exposed.sources.isEmpty ? "" : " (from \(exposed.sources.joined(separator: ", ")))"
            switch exposed.ports.count {
            case 1:
                return nil
            case 0 where exposed.isComplete:
                return finding(.error, .servicePort, container.service, label, line: need.line,
                    "The container exposes no port\(seen) and service \(need.name) sets no loadbalancer.server.port, so Traefik reports \"port is missing\" and drops every router of this container. Add \(label)=<the application's port>.")
            case 0:
                let unknown =
                    if let build = service.build {
                        "The ports of the image built from \(build.context) are unknown (its Dockerfile cannot be read or starts from an image the lint does not know)"
                    } else {
                        "The ports image \(service.image.map(interpolation.lenient) ?? "(none)") exposes cannot be seen from the compose file"
                    }
                return finding(.info, .servicePort, container.service, label, line: need.line,
                    "\(unknown); Traefik needs exactly one exposed port, or \(label). Set the label to be sure.")
            default:
                let sorted = exposed.ports.sorted()
                return finding(.warning, .servicePort, container.service, label, line: need.line,
                    "The container exposes several ports, \(sorted.map(String.init).joined(separator: ", "))\(seen), and service \(need.name) sets no loadbalancer.server.port, so Traefik sends traffic to the lowest, \(sorted[0]). Add \(label)=<the application's port>.")
            }
        }
    }

    private func hasTCPOrUDP(_ container: TraefikContainer) -> Bool {
        container.routers.contains { $0.protocolKind != .http } || container.services.contains { $0.protocolKind != .http }
    }

    /// What the compose file and a local Dockerfile tell of the container's exposed ports.
    func exposedPorts(_ service: ComposeService) -> ExposedPorts {
        var result = ExposedPorts(ports: [], isComplete: false, sources: [])
        for entry in service.raw["expose"]?.sequence ?? [] {
            guard let text = entry.text, let numbers = ExposedPorts.numbers(interpolation.lenient(text)) else { continue }
            result.ports.formUnion(numbers)
            if !result.sources.contains("expose") { result.sources.append("expose") }
        }
        for entry in service.raw["ports"]?.sequence ?? [] {
            let target: String?
            if let text = entry.text {
                target = ComposePort(shortSyntax: interpolation.lenient(text))?.target
            } else {
                target = entry["target"]?.text.map(interpolation.lenient)
            }
            guard let target, let numbers = ExposedPorts.numbers(target) else { continue }
            result.ports.formUnion(numbers)
            if !result.sources.contains("ports") { result.sources.append("ports") }
        }
        if let build = service.build {
            let folder = URL(fileURLWithPath: file.path).deletingLastPathComponent()
            let context = build.context.hasPrefix("/") ? URL(fileURLWithPath: build.context) : folder.appendingPathComponent(interpolation.lenient(build.context))
            let dockerfile = context.appendingPathComponent(build.dockerfile.map(interpolation.lenient) ?? "Dockerfile")
            if let text = try? String(contentsOf: dockerfile, encoding: .utf8) {
                let image = ExposedPorts.dockerfile(text)
                result.ports.formUnion(image.ports)
                result.isComplete = image.isComplete
                result.sources.append("the Dockerfile")
            }
        } else if let image = service.image.map(interpolation.lenient), let ports = ExposedPorts.known(image: image) {
            result.ports.formUnion(ports)
            result.isComplete = true
            result.sources.append("image \(image)")
        }
        return result
    }
}
