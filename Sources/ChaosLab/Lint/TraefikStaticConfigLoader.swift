import Foundation

/// Finds the Traefik service of a compose file and reads its static configuration the way
/// Traefik would: a configuration file mounted at `--configFile` or at a default location
/// (`/etc/traefik/traefik.{toml,yaml,yml}`), else the command's flags, else `TRAEFIK_…`
/// variables.
struct TraefikStaticConfigLoader {
    var file: ComposeFile
    var interpolation: LintInterpolation

    /// Where Traefik looks for a configuration file when no `--configFile` is given, in order
    /// (the image's working directory is `/`).
    static let defaultLocations = ["/etc/traefik/traefik", "/traefik"].flatMap { base in
        ["toml", "yaml", "yml"].map { "\(base).\($0)" }
    }

    /// The compose service that runs Traefik: its image is `traefik` (under any registry or
    /// owner), or its command passes Traefik's provider or entry point flags.
    func traefikService() -> ComposeService? {
        file.services.first { service in
            if let image = service.image.map(interpolation.lenient) {
                let name = image.split(separator: "/").last.map { String($0.split(separator: "@")[0].split(separator: ":")[0]) }
                if name == "traefik" { return true }
            }
            return (service.command ?? []).contains { word in
                let lower = word.lowercased()
                return lower.hasPrefix("--providers.") || lower.hasPrefix("--entrypoints.")
            }
        }
    }

    /// The static configuration and the findings met while reading it; `nil` when the file
    /// has no Traefik service.
    func load() throws(LintInputError) -> (config: TraefikStaticConfig, findings: [LintFinding])? {
        guard let service = traefikService() else { return nil }
        var findings: [LintFinding] = []
        let words = (service.command ?? []).map(interpolation.lenient)
        let flags = Self.flags(words, service: service, file: file.path)
        let configFileFlag = flags.first { $0.path == "configfile" }
        let candidates = configFileFlag.map { [$0.value] } ?? Self.defaultLocations
        for containerPath in candidates {
            guard let hostPath = hostPath(of: containerPath, in: service) else { continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: hostPath, isDirectory: &isDirectory), !isDirectory.boolValue else {
                findings.append(
                    LintFinding(
                        severity: .error,
                        rule: .staticConfiguration,
                        file: file.path,
                        line: service.line,
                        service: service.name,
                        label: "volumes",
                        message: "Traefik's configuration file \(containerPath) is mounted from \(hostPath), which does not exist; Docker mounts an empty folder there and Traefik cannot start. Create the file or fix the path."
                    )
                )
                continue
            }
            let settings = try TraefikStaticFileReader.settings(path: hostPath, displayPath: display(hostPath))
            let ignored = flags.filter { $0.path != "configfile" }
            if let first = ignored.first {
                findings.append(
                    LintFinding(
                        severity: .warning,
                        rule: .staticConfiguration,
                        file: file.path,
                        line: first.line,
                        service: service.name,
                        label: first.written,
                        message: "Traefik reads its static configuration from \(containerPath) and ignores all \(ignored.count) command-line flag\(ignored.count == 1 ? "" : "s"); move them into \(display(hostPath)) or drop the file."
                    )
                )
            }
            return (TraefikStaticConfig(service: service.name, source: .file(path: display(hostPath)), settings: settings), findings)
        }
        if !flags.isEmpty {
            return (TraefikStaticConfig(service: service.name, source: .flags, settings: flags), findings)
        }
        let variables = environmentSettings(service)
        return (TraefikStaticConfig(service: service.name, source: variables.isEmpty ? .defaults : .environment, settings: variables), findings)
    }

    /// `--key=value`, `--key value` and `--key` (true) flags; other words (`traefik`) are skipped.
    static func flags(_ words: [String], service: ComposeService, file: String) -> [TraefikSetting] {
        var settings: [TraefikSetting] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("-") else { continue }
            let body = String(word.drop { $0 == "-" })
            if let equals = body.firstIndex(of: "=") {
                let key = String(body[..<equals])
                settings.append(TraefikSetting(path: key, value: String(body[body.index(after: equals)...]), written: "--\(key)", file: file, line: service.line))
            } else if index < words.count, !words[index].hasPrefix("-") {
                settings.append(TraefikSetting(path: body, value: words[index], written: "--\(body)", file: file, line: service.line))
                index += 1
            } else {
                settings.append(TraefikSetting(path: body, value: "", written: "--\(body)", file: file, line: service.line))
            }
        }
        return settings
    }

    /// `TRAEFIK_ENTRYPOINTS_WEB_ADDRESS=:80` and the like, as settings.
    private func environmentSettings(_ service: ComposeService) -> [TraefikSetting] {
        service.environment.keys.sorted().compactMap { key in
            guard key.uppercased().hasPrefix("TRAEFIK_"), let value = service.environment[key] ?? nil else { return nil }
            let path = key.dropFirst("TRAEFIK_".count).split(separator: "_").joined(separator: ".").lowercased()
            return TraefikSetting(path: path, value: interpolation.lenient(value), written: key, file: file.path, line: service.line)
        }
    }

    /// The host file behind `containerPath`: a bind mount of that file, or of a folder above it.
    private func hostPath(of containerPath: String, in service: ComposeService) -> String? {
        let mounts = (service.raw["volumes"]?.sequence ?? []).compactMap(mount)
        for mount in mounts where mount.type == "bind" {
            guard let source = mount.source else { continue }
            let target = mount.target.hasSuffix("/") ? String(mount.target.dropLast()) : mount.target
            if containerPath == target {
                return resolve(source)
            }
            if containerPath.hasPrefix(target + "/") {
                let rest = containerPath.dropFirst(target.count + 1)
                let folder = resolve(source)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
                let candidate = URL(fileURLWithPath: folder).appendingPathComponent(String(rest)).path
                // A folder mount only counts when the file is in it: Traefik tries the next location otherwise.
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    private func mount(_ value: YAMLValue) -> ComposeVolumeMount? {
        if let text = value.text {
            return ComposeVolumeMount(shortSyntax: interpolation.lenient(text))
        }
        guard let target = value["target"]?.text else { return nil }
        return ComposeVolumeMount(
            type: value["type"]?.text ?? "volume",
            source: value["source"]?.text.map(interpolation.lenient),
            target: interpolation.lenient(target)
        )
    }

    /// A host path relative to the compose file's folder, with `~` for the home folder.
    private func resolve(_ source: String) -> String {
        if source.hasPrefix("/") { return source }
        if source.hasPrefix("~") {
            return FileManager.default.homeDirectoryForCurrentUser.path + source.dropFirst()
        }
        let folder = URL(fileURLWithPath: file.path).deletingLastPathComponent()
        return folder.appendingPathComponent(source).standardized.path
    }

    /// A host path as findings show it: relative to the working directory when below it.
    private func display(_ path: String) -> String {
        let current = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(current) ? String(path.dropFirst(current.count)) : path
    }
}
