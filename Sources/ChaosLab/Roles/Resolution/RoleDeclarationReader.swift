import Foundation

/// Reads one roles declaration (the `x-chaoslab` block, or a manifest's top level) into a
/// ``RoleTable``, checking every field's shape; errors name the file, line and field.
///
/// A field set to `null` (or to empty text, as an unset `${VAR}` leaves it) is declared
/// absent: the stack has none and nothing is guessed for it. `api: null` and `proxy: null`
/// declare the whole role absent.
struct RoleDeclarationReader {
    /// The file the declaration is in.
    var path: String
    /// Prefix of field names in errors: `x-chaoslab` for the block, empty for a manifest.
    var prefix: String
    /// What the values' sources are.
    var kind: RoleSource.Kind
    /// The compose file's services, which service fields must name.
    var services: [String]
    /// The compose file, for errors about service names.
    var composePath: String

    func read(_ node: YAMLNode) throws(RolesInputError) -> RoleTable {
        var table = RoleTable()
        if case .scalar(_, .null) = node.kind { return table }
        guard case .mapping(let entries) = node.kind else {
            throw fail(node, prefix.isEmpty ? "(top level)" : prefix, "must be a mapping of roles")
        }
        let topFields = RoleField.fields(in: nil)
        for (key, value) in entries {
            if RoleField.sections.contains(key) {
                try readSection(key, value, into: &table)
            } else if let field = topFields.first(where: { $0.key == key }) {
                table[field] = try entry(field, value)
            } else {
                throw unknown(node: value, name(key), known: RoleField.sections + topFields.map(\.key))
            }
        }
        return table
    }

    private func readSection(_ section: String, _ node: YAMLNode, into table: inout RoleTable) throws(RolesInputError) {
        if isNone(node), let anchor = RoleField.sectionAnchor(section) {
            table[anchor] = RoleEntry(value: .none, source: source(node))
            return
        }
        guard case .mapping(let entries) = node.kind else {
            let absence = RoleField.sectionAnchor(section) == nil ? "" : ", or null when the stack has none"
            throw fail(node, name(section), "must be a mapping\(absence)")
        }
        let fields = RoleField.fields(in: section)
        for (key, value) in entries {
            guard let field = fields.first(where: { $0.key == key }) else {
                throw unknown(node: value, name("\(section).\(key)"), known: fields.map(\.key))
            }
            table[field] = try entry(field, value)
        }
    }

    // MARK: - Fields

    private func entry(_ field: RoleField, _ node: YAMLNode) throws(RolesInputError) -> RoleEntry {
        let fieldName = name(field.rawValue)
        if isNone(node) {
            return RoleEntry(value: .none, source: source(node))
        }
        let value: RoleValue
        switch field.shape {
        case .services:
            value = .names(try serviceList(node, fieldName))
        case .routes:
            value = .routes(try routes(node, fieldName))
        default:
            let text = try scalar(node, fieldName)
            value = try shaped(text, field, node, fieldName)
        }
        return RoleEntry(value: value, source: source(node))
    }

    private func shaped(_ text: String, _ roleField: RoleField, _ node: YAMLNode, _ field: String) throws(RolesInputError) -> RoleValue {
        switch roleField.shape {
        case .service:
            try requireService(text, node, field)
            return .text(text)
        case .text:
            return .text(text)
        case .port:
            guard let port = Int(text), (1...65_535).contains(port) else {
                throw fail(node, field, "must be a port number (1–65535), not \"\(text)\"")
            }
            return .number(port)
        case .url:
            guard let url = RoleURL.normalized(text) else {
                throw fail(node, field, "must be an http:// or https:// URL with a host, not \"\(text)\"")
            }
            return .text(url)
        case .path:
            guard text.hasPrefix("/"), !text.contains(where: \.isWhitespace) else {
                throw fail(node, field, "must be an absolute path starting with /, not \"\(text)\"")
            }
            return .text(text)
        case .template:
            if let problem = Self.templateProblem(text) {
                throw fail(node, field, problem)
            }
            return .text(text)
        case .eventTemplate:
            guard text.contains("{{token}}") else {
                throw fail(node, field, "must hold {{token}}, where the lab puts the key the consumer counts by")
            }
            return .text(text)
        case .flag:
            switch text.lowercased() {
            case "true", "yes", "on": return .text("true")
            case "false", "no", "off": return .text("false")
            default: throw fail(node, field, "must be true or false, not \"\(text)\"")
            }
        case .pattern:
            if let problem = Self.patternProblem(text, requiresToken: roleField == .receivedPattern) {
                throw fail(node, field, problem)
            }
            return .text(text)
        case .services, .routes:
            return .text(text)
        }
    }

    private func serviceList(_ node: YAMLNode, _ field: String) throws(RolesInputError) -> [String] {
        guard case .sequence(let elements) = node.kind else {
            throw fail(node, field, "must be a list of service names")
        }
        var names: [String] = []
        for (index, element) in elements.enumerated() {
            let text = try scalar(element, "\(field)[\(index)]")
            try requireService(text, element, "\(field)[\(index)]")
            guard !names.contains(text) else {
                throw fail(element, "\(field)[\(index)]", "names \(text) twice")
            }
            names.append(text)
        }
        return names
    }

    private func routes(_ node: YAMLNode, _ field: String) throws(RolesInputError) -> [ProxyRoute] {
        guard case .sequence(let elements) = node.kind else {
            throw fail(node, field, "must be a list of routes, each with `path` and optionally `target`, `status` and `body_contains`")
        }
        var routes: [ProxyRoute] = []
        let known = ["path", "target", "status", "body_contains"]
        for (index, element) in elements.enumerated() {
            let routeField = "\(field)[\(index)]"
            guard case .mapping(let entries) = element.kind else {
                throw fail(element, routeField, "must be a mapping with `path` and optionally `target`, `status` and `body_contains`")
            }
            for (key, value) in entries where !known.contains(key) {
                throw unknown(node: value, "\(routeField).\(key)", known: known)
            }
            guard let pathNode = element["path"] else {
                throw fail(element, routeField, "has no `path`")
            }
            let path = try scalar(pathNode, "\(routeField).path")
            guard path.hasPrefix("/") else {
                throw fail(pathNode, "\(routeField).path", "must be an absolute path starting with /, not \"\(path)\"")
            }
            var route = ProxyRoute(path: path, target: path)
            if let target = element["target"] {
                route.target = try scalar(target, "\(routeField).target")
            }
            if let statusNode = element["status"] {
                let text = try scalar(statusNode, "\(routeField).status")
                guard let status = Int(text), (100...599).contains(status) else {
                    throw fail(statusNode, "\(routeField).status", "must be an HTTP status (100–599), not \"\(text)\"")
                }
                route.status = status
            }
            if let body = element["body_contains"], !isNone(body) {
                route.bodyContains = try scalar(body, "\(routeField).body_contains")
            }
            routes.append(route)
        }
        return routes
    }

    // MARK: - Checks shared with inference

    /// Why `text` cannot be a body template, or `nil`: it must hold `{{token}}` and be JSON once
    /// the placeholders are filled in (`{{work_dots}}` with no dots, as for no work).
    static func templateProblem(_ text: String) -> String? {
        guard text.contains("{{token}}") else {
            return "must hold {{token}}, where the lab puts its message token"
        }
        let filled = APIRole.fill(text, token: "t", workMilliseconds: 0)
        guard (try? JSONSerialization.jsonObject(with: Data(filled.utf8), options: [.fragmentsAllowed])) != nil else {
            return "is not JSON once {{token}}, {{work_ms}} and {{work_dots}} are filled in ({{work_dots}} by nothing, as for no work; the lab posts it as application/json)"
        }
        return nil
    }

    /// Why `text` cannot be a worker-evidence pattern, or `nil`. A received pattern must name
    /// the message with a `token` group; a done or rejected pattern may leave it out, and its
    /// lines then close the worker's oldest open message.
    static func patternProblem(_ text: String, requiresToken: Bool) -> String? {
        let regex: Regex<AnyRegexOutput>
        do {
            regex = try Regex(text)
        } catch {
            return "is not a valid regular expression: \(error)"
        }
        guard !requiresToken || regex.contains(captureNamed: "token") else {
            return "has no named group `token` saying which message a worker started on; write it as (?<token>…) (only done_pattern and rejected_pattern may leave it out)"
        }
        return nil
    }

    // MARK: - Shapes

    private func isNone(_ node: YAMLNode) -> Bool {
        switch node.kind {
        case .scalar(let text, let value):
            value == .null || text.isEmpty
        case .sequence(let elements):
            elements.isEmpty
        case .mapping:
            false
        }
    }

    private func scalar(_ node: YAMLNode, _ field: String) throws(RolesInputError) -> String {
        guard case .scalar(let text, let value) = node.kind, value != .null else {
            throw fail(node, field, "must be a single value, not \(Self.kindName(node))")
        }
        return text
    }

    private func requireService(_ name: String, _ node: YAMLNode, _ field: String) throws(RolesInputError) {
        guard services.contains(name) else {
            throw fail(node, field, "names \"\(name)\", which is not a service of \(composePath) (it has \(services.isEmpty ? "no services" : services.joined(separator: ", ")))")
        }
    }

    private static func kindName(_ node: YAMLNode) -> String {
        switch node.kind {
        case .scalar: "null"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }

    private func source(_ node: YAMLNode) -> RoleSource {
        RoleSource(kind: kind, file: path, line: node.line)
    }

    private func name(_ field: String) -> String {
        prefix.isEmpty ? field : "\(prefix).\(field)"
    }

    private func fail(_ node: YAMLNode, _ field: String, _ problem: String) -> RolesInputError {
        RolesInputError(path: path, line: node.line, column: node.column, code: .invalidField(field: field, problem: problem))
    }

    private func unknown(node: YAMLNode, _ field: String, known: [String]) -> RolesInputError {
        RolesInputError(path: path, line: node.line, column: node.column, code: .unknownField(field: field, known: known))
    }
}
