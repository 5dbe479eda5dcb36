/// Builds ``ComposeService`` values from a compose file's `services:` node, with errors that
/// name the field and its line.
///
/// Without interpolation (``ComposeFile/parse(yaml:path:environment:)`` with no environment),
/// a value still holding a `$` expression cannot be read as a port, mount or duration; such
/// values are left out of the typed fields and stay in ``ComposeService/raw``.
struct ServiceReader {
    var path: String
    var interpolated: Bool

    func services(_ node: YAMLNode) throws(ComposeFileError) -> [ComposeService] {
        if case .scalar(_, .null) = node.kind { return [] }
        guard case .mapping(let entries) = node.kind else {
            throw fail(node, "services", "must be a mapping of service names to services")
        }
        var services: [ComposeService] = []
        for (name, body) in entries {
            services.append(try service(name: name, body))
        }
        return services
    }

    private func service(name: String, _ node: YAMLNode) throws(ComposeFileError) -> ComposeService {
        let field = "services.\(name)"
        guard case .mapping = node.kind else {
            throw fail(node, field, "must be a mapping")
        }
        var service = ComposeService(name: name, line: node.line, raw: node.value)
        service.image = node["image"]?.text
        service.hostname = node["hostname"]?.text
        service.containerName = node["container_name"]?.text
        if let ports = node["ports"] {
            for (index, element) in try list(ports, "\(field).ports") where isReadable(element) {
                service.ports.append(try port(element, "\(field).ports[\(index)]"))
            }
        }
        if let environment = node["environment"] {
            service.environment = try keyValues(environment, "\(field).environment")
        }
        if let labels = node["labels"] {
            service.labels = try keyValues(labels, "\(field).labels").mapValues { $0 ?? "" }
            service.labelLines = keyLines(labels)
        }
        if let labels = node["deploy"]?["labels"] {
            service.deployLabels = try keyValues(labels, "\(field).deploy.labels").mapValues { $0 ?? "" }
            service.deployLabelLines = keyLines(labels)
        }
        if let replicas = node["deploy"]?["replicas"] ?? node["scale"], let text = replicas.text, interpolated || !text.contains("$") {
            guard let count = Int(text), count >= 0 else {
                throw fail(replicas, node["deploy"]?["replicas"] != nil ? "\(field).deploy.replicas" : "\(field).scale", "must be a number of containers, not \"\(text)\"")
            }
            service.replicas = count
        }
        if let expose = node["expose"] {
            service.expose = try names(expose, "\(field).expose")
        }
        if let build = node["build"] {
            service.build = try self.build(build, "\(field).build")
        }
        if let healthcheck = node["healthcheck"] {
            service.healthcheck = try self.healthcheck(healthcheck, "\(field).healthcheck")
        }
        if let dependsOn = node["depends_on"] {
            service.dependsOn = try dependencies(dependsOn, "\(field).depends_on")
        }
        if let volumes = node["volumes"] {
            for (index, element) in try list(volumes, "\(field).volumes") where isReadable(element) {
                service.volumes.append(try volume(element, "\(field).volumes[\(index)]"))
            }
        }
        if let command = node["command"] {
            service.command = try words(command, "\(field).command")
        }
        if let networks = node["networks"] {
            service.networks = try names(networks, "\(field).networks")
        }
        return service
    }

    // MARK: - Fields

    private func port(_ node: YAMLNode, _ field: String) throws(ComposeFileError) -> ComposePort {
        if let text = node.text {
            guard let port = ComposePort(shortSyntax: text) else {
                throw fail(node, field, "\"\(text)\" is not a port mapping ([HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL])")
            }
            return port
        }
        guard case .mapping = node.kind, let target = node["target"]?.text else {
            throw fail(node, field, "must be a port string or a mapping with `target`")
        }
        return ComposePort(
            hostIP: node["host_ip"]?.text,
            published: node["published"]?.text,
            target: target,
            protocol: node["protocol"]?.text ?? "tcp"
        )
    }

    private func volume(_ node: YAMLNode, _ field: String) throws(ComposeFileError) -> ComposeVolumeMount {
        if let text = node.text {
            guard let mount = ComposeVolumeMount(shortSyntax: text) else {
                throw fail(node, field, "\"\(text)\" is not a volume mount ([SOURCE:]TARGET[:MODE])")
            }
            return mount
        }
        guard case .mapping = node.kind, let target = node["target"]?.text else {
            throw fail(node, field, "must be a mount string or a mapping with `target`")
        }
        return ComposeVolumeMount(
            type: node["type"]?.text ?? "volume",
            source: node["source"]?.text,
            target: target,
            readOnly: node["read_only"]?.value == .bool(true)
        )
    }

    private func build(_ node: YAMLNode, _ field: String) throws(ComposeFileError) -> ComposeBuild {
        if let context = node.text {
            return ComposeBuild(context: context)
        }
        guard case .mapping = node.kind else {
            throw fail(node, field, "must be a path or a mapping with `context`")
        }
        return ComposeBuild(context: node["context"]?.text ?? ".", dockerfile: node["dockerfile"]?.text)
    }

    private func healthcheck(_ node: YAMLNode, _ field: String) throws(ComposeFileError) -> ComposeHealthcheck {
        guard case .mapping = node.kind else {
            throw fail(node, field, "must be a mapping")
        }
        var check = ComposeHealthcheck(test: [])
        if let test = node["test"] {
            if let text = test.text {
                check.test = ["CMD-SHELL", text]
            } else {
                check.test = try words(test, "\(field).test")
            }
        }
        check.interval = try duration(node["interval"], "\(field).interval")
        check.timeout = try duration(node["timeout"], "\(field).timeout")
        check.startPeriod = try duration(node["start_period"], "\(field).start_period")
        if let retries = node["retries"], isReadable(retries) {
            guard let text = retries.text, let count = Int(text), count >= 0 else {
                throw fail(retries, "\(field).retries", "must be a whole number")
            }
            check.retries = count
        }
        check.disabled = node["disable"]?.value == .bool(true) || check.test == ["NONE"]
        return check
    }

    private func duration(_ node: YAMLNode?, _ field: String) throws(ComposeFileError) -> Duration? {
        guard let node, isReadable(node) else { return nil }
        guard let text = node.text, let duration = ComposeDuration.parse(text) else {
            throw fail(node, field, "\"\(node.text ?? "")\" is not a duration such as 1s, 500ms or 1m30s")
        }
        return duration
    }

    private func dependencies(_ node: YAMLNode, _ field: String) throws(ComposeFileError) -> [ComposeDependency] {
        if case .mapping(let entries) = node.kind {
            return entries.map { entry in
                ComposeDependency(service: entry.key, condition: entry.node["condition"]?.text ?? "service_started")
            }
        }
        return try names(node, field).map { ComposeDependency(service: $0) }
    }

    // MARK: - Shapes

    /// Whether a typed field can be read from `node`: not when the file was read without
    /// interpolation and the node still holds a `$` expression.
    private func isReadable(_ node: YAMLNode?) -> Bool {
        interpolated || node?.text?.contains("$") != true
    }

    /// The elements of a sequence with their indexes.
    private func list(_ node: YAMLNode, _ field: String) throws(ComposeFileError) -> [(Int, YAMLNode)] {
        guard case .sequence(let elements) = node.kind else {
            throw fail(node, field, "must be a list")
        }
        return Array(elements.enumerated())
    }

    /// `KEY=VALUE` lists and `KEY: VALUE` mappings alike; a key without value maps to `nil`.
    private func keyValues(_ node: YAMLNode, _ field: String) throws(ComposeFileError) -> [String: String?] {
        var result: [String: String?] = [:]
        switch node.kind {
        case .mapping(let entries):
            for entry in entries {
                result[entry.key] = .some(entry.node.text)
            }
        case .sequence(let elements):
            for (index, element) in elements.enumerated() {
                guard let text = element.text else {
                    throw fail(element, "\(field)[\(index)]", "must be a KEY=VALUE string")
                }
                if let equals = text.firstIndex(of: "=") {
                    result[String(text[..<equals])] = .some(String(text[text.index(after: equals)...]))
                } else {
                    result[text] = .some(nil)
                }
            }
        case .scalar(_, .null):
            break
        case .scalar:
            throw fail(node, field, "must be a mapping or a list of KEY=VALUE strings")
        }
        return result
    }

    /// The line of each key of a `KEY=VALUE` list or a `KEY: VALUE` mapping.
    private func keyLines(_ node: YAMLNode) -> [String: Int] {
        var lines: [String: Int] = [:]
        switch node.kind {
        case .mapping(let entries):
            for entry in entries {
                lines[entry.key] = entry.node.line
            }
        case .sequence(let elements):
            for element in elements {
                guard let text = element.text else { continue }
                let key = text.firstIndex(of: "=").map { String(text[..<$0]) } ?? text
                lines[key] = element.line
            }
        case .scalar:
            break
        }
        return lines
    }

    /// Names from a list, or the keys of a mapping.
    private func names(_ node: YAMLNode, _ field: String) throws(ComposeFileError) -> [String] {
        switch node.kind {
        case .mapping(let entries):
            return entries.map(\.key)
        case .sequence(let elements):
            var names: [String] = []
            for (index, element) in elements.enumerated() {
                guard let text = element.text else {
                    throw fail(element, "\(field)[\(index)]", "must be a name")
                }
                names.append(text)
            }
            return names
        case .scalar(_, .null):
            return []
        case .scalar:
            throw fail(node, field, "must be a list or a mapping")
        }
    }

    /// A command as words: a string is split as a shell would, a list is taken as is.
    private func words(_ node: YAMLNode, _ field: String) throws(ComposeFileError) -> [String] {
        if let text = node.text {
            do {
                return try ShellWords.split(text)
            } catch {
                throw fail(node, field, "has an unterminated quote")
            }
        }
        guard case .sequence(let elements) = node.kind else {
            throw fail(node, field, "must be a string or a list of strings")
        }
        var words: [String] = []
        for (index, element) in elements.enumerated() {
            guard let text = element.text else {
                throw fail(element, "\(field)[\(index)]", "must be a string")
            }
            words.append(text)
        }
        return words
    }

    private func fail(_ node: YAMLNode, _ field: String, _ problem: String) -> ComposeFileError {
        ComposeFileError(path: path, line: node.line, column: node.column, code: .invalidContent(problem: "`\(field)` \(problem)"))
    }
}
