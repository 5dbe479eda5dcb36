import Foundation

/// Derives a stack's roles from its compose file without running anything.
///
/// Each field of the roles schema is taken from the first of these that gives it:
/// 0. when grading, the course's roles (`--course-roles FILE`): the grader's word outranks the
///    submission's, a submission's declared absence (`dead_letter_queue: null`) is set aside
///    so it cannot switch its own checks off, and every disagreement is noted;
/// 1. the compose file's `x-chaoslab:` block (compose ignores `x-` keys);
/// 2. a roles manifest: `--roles FILE`, else `chaoslab.yml` beside the compose file (the same
///    schema, at the top level);
/// 3. inference from the compose file and the services' build contexts, recorded as guesses;
/// 4. the lab's defaults.
///
/// Declared values may use `${VAR}` as the rest of the compose file does; a literal `$` is
/// written `$$`. `docs/grading.md` describes the schema.
///
/// ```swift
/// let resolution = try RolesResolver(environment: RolesResolver.environment(forComposeFile: path))
///     .resolve(composeFile: path)
/// if let roles = resolution.roles { … }
/// ```
public struct RolesResolver: Sendable {
    /// Names of the manifest looked for beside the compose file, in order.
    public static let manifestNames = ["chaoslab.yml", "chaoslab.yaml"]
    /// The compose key of the roles block.
    public static let extensionKey = "x-chaoslab"

    /// The variables `${…}` expressions see, as compose would see them.
    public var environment: [String: String]

    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// What compose interpolates the file at `path` with: the `.env` file beside it, overridden
    /// by this process's environment.
    public static func environment(forComposeFile path: String) -> [String: String] {
        var environment = ComposeEnvironmentFile.variables(besideComposeFile: path)
        environment.merge(ProcessInfo.processInfo.environment) { _, shell in shell }
        return environment
    }

    /// The manifest beside the compose file at `path`, if there is one.
    public static func manifestBeside(composeFile path: String) -> String? {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        return manifestNames.map { folder.appendingPathComponent($0).path }.first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Resolves the roles of the stack in the compose file at `path`.
    /// - Parameters:
    ///   - path: the compose file.
    ///   - rolesFile: a manifest to read instead of `chaoslab.yml` beside the compose file.
    ///   - courseRoles: the course's roles when grading a submission, in the manifest's schema;
    ///     they outrank everything the submission declares.
    /// - Throws: ``RolesInputError`` when a file is missing or unreadable, or a declared field
    ///   has the wrong shape; roles that are merely missing are not errors (see
    ///   ``RolesResolution/missing``).
    public func resolve(composeFile path: String, rolesFile: String? = nil, courseRoles: String? = nil) throws(RolesInputError) -> RolesResolution {
        let file: ComposeFile
        do {
            file = try ComposeFile.load(path: path, environment: environment)
        } catch {
            throw RolesInputError(error)
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw RolesInputError(ComposeFileError(path: path, code: .unreadable(reason: "it is not UTF-8 text")))
        }
        let manifestPath = rolesFile ?? Self.manifestBeside(composeFile: path)
        var manifest: (text: String, path: String)?
        if let manifestPath {
            manifest = (try Self.readManifest(manifestPath), manifestPath)
        }
        let course = try courseRoles.map { path throws(RolesInputError) in (try Self.readManifest(path), path) }
        return try resolve(file: file, text: text, manifest: manifest, course: course)
    }

    /// Resolves the roles of compose YAML held in memory; build contexts are looked for beside
    /// `path`.
    public func resolve(
        composeYAML: String,
        path: String = "docker-compose.yml",
        manifestYAML: String? = nil,
        manifestPath: String = "chaoslab.yml",
        courseYAML: String? = nil,
        coursePath: String = "course.yml"
    ) throws(RolesInputError) -> RolesResolution {
        let file: ComposeFile
        do {
            file = try ComposeFile.parse(yaml: composeYAML, path: path, environment: environment)
        } catch {
            throw RolesInputError(error)
        }
        return try resolve(file: file, text: composeYAML, manifest: manifestYAML.map { ($0, manifestPath) }, course: courseYAML.map { ($0, coursePath) })
    }

    private func resolve(
        file: ComposeFile, text: String, manifest: (text: String, path: String)?, course: (text: String, path: String)? = nil
    ) throws(RolesInputError) -> RolesResolution {
        var table = RoleTable()
        let services = file.serviceNames
        if file.chaoslab != nil {
            let root: YAMLNode
            do {
                root = try ComposeFile.rootNode(yaml: text, path: file.path, environment: environment).node
            } catch {
                throw RolesInputError(error)
            }
            if let block = root[Self.extensionKey] {
                let reader = RoleDeclarationReader(path: file.path, prefix: Self.extensionKey, kind: .extensionBlock, services: services, composePath: file.path)
                table = try reader.read(block)
            }
        }
        if let manifest, let node = try Self.manifestRoot(manifest.text, path: manifest.path, environment: environment) {
            let reader = RoleDeclarationReader(path: manifest.path, prefix: "", kind: .manifest, services: services, composePath: file.path)
            table = table.overlaying(try reader.read(node))
        }
        var notes: [String] = []
        if let course {
            var courseTable = RoleTable()
            if let node = try Self.manifestRoot(course.text, path: course.path, environment: environment) {
                let reader = RoleDeclarationReader(path: course.path, prefix: "", kind: .course, services: services, composePath: file.path)
                courseTable = try reader.read(node)
            }
            table = CourseRoles(course: courseTable).outrank(submission: table, notes: &notes)
        }
        // Every note so far is one of the course's roles overruling the submission.
        let overruled = notes
        let directory = URL(fileURLWithPath: file.path).deletingLastPathComponent()
        RoleInference(file: file, directory: directory, environment: environment).infer(&table, notes: &notes)
        let replicas = Dictionary(file.services.compactMap { service in service.replicas.map { (service.name, $0) } }) { first, _ in first }
        for worker in table[.workers]?.value.names ?? [] {
            guard let count = replicas[worker], count > 1 else { continue }
            let names = RolesAssembler.workers([worker], replicas: replicas)
            notes.append("\(worker) runs \(count) containers (deploy.replicas or scale): each is a worker of its own (\(names.joined(separator: ", "))), a fault hits one of them, and the lab starts the stack with --scale \(worker)=\(count), which Compose v1 needs.")
        }
        let assembler = RolesAssembler(table: table, replicas: replicas)
        let roles = assembler.roles()
        return RolesResolution(
            composeFile: file.path,
            manifest: manifest?.path,
            roles: roles,
            findings: assembler.findings(),
            missing: assembler.missing(),
            checks: CheckApplicability.assess(roles),
            notes: notes,
            overruled: overruled
        )
    }

    // MARK: - The manifest

    private static func readManifest(_ path: String) throws(RolesInputError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw RolesInputError(path: path, code: .missingManifest)
        }
        guard !isDirectory.boolValue else {
            throw RolesInputError(path: path, code: .unreadableManifest(reason: "it is a directory"))
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw RolesInputError(path: path, code: .unreadableManifest(reason: error.localizedDescription))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RolesInputError(path: path, code: .unreadableManifest(reason: "it is not UTF-8 text"))
        }
        return text
    }

    /// The manifest's root node; `nil` for an empty manifest (it declares nothing).
    private static func manifestRoot(_ text: String, path: String, environment: [String: String]) throws(RolesInputError) -> YAMLNode? {
        guard text.contains(where: { !$0.isWhitespace }) else { return nil }
        do {
            return try ComposeFile.rootNode(yaml: text, path: path, environment: environment).node
        } catch {
            if error.code == .invalidContent(problem: "the file is empty") { return nil }
            let problem: String
            switch error.code {
            case .invalidYAML(let text): problem = "invalid YAML: \(text)."
            case .invalidContent(let text): problem = "\(text)."
            case .invalidInterpolation(let text): problem = text
            case .missingFile, .unreadable: problem = error.description
            }
            throw RolesInputError(path: path, line: error.line, column: error.column, code: .invalidManifest(problem: problem))
        }
    }
}
