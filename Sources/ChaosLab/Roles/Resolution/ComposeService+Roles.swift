/// What inference reads from one service.
extension ComposeService {
    /// The variable's value: as written, or, for `- NAME` without a value, from `environment`
    /// (the shell and `.env`, which compose would take it from); `nil` when unset or empty.
    func variable(_ name: String, environment: [String: String]) -> String? {
        guard let entry = self.environment[name] else { return nil }
        let value = entry ?? environment[name]
        guard let value, !value.isEmpty else { return nil }
        return value
    }

    /// The published port whose container port is `target`.
    func published(target: Int) -> ComposePort? {
        ports.first { $0.protocol == "tcp" && $0.targetPort == target && $0.publishedPort != nil }
    }

    /// The TCP ports published on a fixed host port, in file order.
    var publishedTCPPorts: [ComposePort] {
        ports.filter { $0.protocol == "tcp" && $0.publishedPort != nil }
    }

    /// The image's name without registry, owner, tag or digest (`docker.io/library/rabbitmq:3`
    /// → `rabbitmq`).
    var imageName: String? {
        guard let image else { return nil }
        let last = image.split(separator: "/").last.map(String.init) ?? image
        return last.split(separator: "@").first.flatMap { $0.split(separator: ":").first }.map { String($0).lowercased() }
    }

    /// The last folder of the build context (`./sender` → `sender`).
    var buildFolderName: String? {
        guard let context = build?.context, !context.contains("://") else { return nil }
        return context.split(separator: "/").last { $0 != "." && $0 != ".." }.map(String.init)
    }

    /// The compose `entrypoint:` and `command:` words.
    var commandWords: [String] {
        var words: [String] = []
        switch raw["entrypoint"] {
        case .string(let text)?:
            words += (try? ShellWords.split(text)) ?? []
        case .sequence(let elements)?:
            words += elements.compactMap(\.text)
        default:
            break
        }
        return words + (command ?? [])
    }

    /// Whether Traefik labels give the service a router (under `labels` or `deploy.labels`).
    var hasRouterLabels: Bool {
        labelKeys.contains { $0.hasPrefix("traefik.http.routers.") }
    }

    /// Whether its Traefik labels declare a basic-auth middleware (a login before its routes).
    var hasBasicAuthLabels: Bool {
        labelKeys.contains { $0.contains(".basicauth.") }
    }

    /// The names of its labels, under `labels` and `deploy.labels`.
    private var labelKeys: [String] {
        Array(labels.keys) + Array(deployLabels.keys)
    }

    /// The paths of `Path` and `PathPrefix` matchers in its Traefik router rules, in label order.
    var routedPaths: [String] {
        let all = labels.merging(deployLabels) { first, _ in first }
        let rules = all.filter { $0.key.hasPrefix("traefik.http.routers.") && $0.key.hasSuffix(".rule") }
            .sorted { $0.key < $1.key }
            .map(\.value)
        var paths: [String] = []
        for rule in rules {
            for match in rule.matches(of: #/Path(?:Prefix)?\(\s*[`"']([^`"']+)[`"']/#) {
                let path = String(match.output.1)
                if !paths.contains(path) { paths.append(path) }
            }
        }
        return paths
    }
}
