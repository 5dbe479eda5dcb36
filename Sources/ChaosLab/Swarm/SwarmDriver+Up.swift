import Foundation

extension SwarmDriver {
    @discardableResult
    public func up(_ options: UpOptions) async throws -> StackUpReport {
        try configuration.validate()
        let clock = ContinuousClock()
        let start = clock.now
        composeEnvironment = configuration.environment.merging(options.environment) { _, new in new }
        let file = try loadComposeFile()
        let expectations = Readiness.expectations(for: file)
        declaredReplicas = Dictionary(file.services.map { ($0.name, $0.replicas ?? 1) }) { first, _ in first }
        scaledDown = [:]
        do {
            let nodes = try await refreshNodes()
            let built = try await buildImages(of: file, deadline: options.buildDeadline)
            try await loadImages(file.services.compactMap { built[$0.name] ?? $0.image }, into: nodes)
            let rendered = try SwarmStackFile(
                builtImages: built,
                directory: URL(fileURLWithPath: configuration.composeFile).deletingLastPathComponent().path,
                managerSocket: nodes[0].socketPath
            ).render(file, project: projectName)
            try rendered.write(toFile: stackFilePath, atomically: true, encoding: .utf8)
            // No registry to ask for digests: the images are on the nodes already.
            logger.info("deploying", metadata: ["stack": "\(projectName)", "nodes": "\(nodes.count)", "services": "\(file.serviceNames.joined(separator: ","))"])
            try await docker(nodes[0], ["stack", "deploy", "--detach=true", "--resolve-image", "never", "-c", stackFilePath, projectName], timeout: options.deadline)
            gateway = try await SwarmPortGateway.open(Self.routes(of: file), project: projectName, logger: logger) { [weak self] service in
                await self?.nodeAddress(running: service)
            }
            let instances = try await Readiness.wait(
                for: expectations, project: projectName, deadline: start + options.deadline, allowed: options.deadline,
                every: configuration.pollInterval, logger: logger,
                instances: { try await self.instances(of: nil) },
                logTail: { await self.logTail($0) }
            )
            let elapsed = clock.now - start
            logger.info("ready", metadata: ["stack": "\(projectName)", "elapsed": "\(elapsed.secondsText)"])
            return StackUpReport(elapsed: elapsed, instances: instances)
        } catch {
            if !options.keepOnFailure {
                logger.info("removing the stack after a failed start", metadata: ["stack": "\(projectName)", "reason": "\(error)"])
                let removal = Task { try await self.down(removeVolumes: true) }
                if case .failure(let failure) = await removal.result {
                    logger.error("could not remove the stack after a failed start", metadata: ["error": "\(failure)"])
                }
            }
            throw error
        }
    }

    /// Where the rewritten stack file goes while the stack runs.
    var stackFilePath: String {
        FileManager.default.temporaryDirectory.appendingPathComponent("chaoslab-swarm-\(projectName).json").path
    }

    /// The gateway's routes: each port the file publishes, on `127.0.0.1`, to the same port on
    /// the node running the service.
    static func routes(of file: ComposeFile) -> [SwarmPortGateway.Route] {
        file.services.flatMap { service in
            service.ports.compactMap { port in
                port.publishedPort.map { SwarmPortGateway.Route(service: service.name, listenPort: $0, nodePort: $0) }
            }
        }
    }

    /// Builds the images of the services that have `build:` on this host, with compose, and
    /// names them: the service's `image:`, else the name compose gave (`PROJECT_SERVICE` for
    /// v1, `PROJECT-SERVICE` for v2).
    private func buildImages(of file: ComposeFile, deadline: Duration) async throws -> [String: String] {
        let built = file.services.filter { $0.build != nil }
        guard !built.isEmpty else { return [:] }
        let cli = try await ComposeCLI.detect(using: runner, project: projectName)
        logger.info("building", metadata: ["stack": "\(projectName)", "services": "\(built.map(\.name).joined(separator: ","))"])
        try await check(cli.command(["-p", projectName, "-f", configuration.composeFile, "build"] + built.map(\.name), environment: composeEnvironment, timeout: deadline))
        var images: [String: String] = [:]
        for service in built {
            let candidates = service.image.map { [$0] } ?? ["\(projectName)_\(service.name)", "\(projectName)-\(service.name)"]
            for candidate in candidates where try await runner.run(Command("docker", ["image", "inspect", candidate], timeout: configuration.commandTimeout)).succeeded {
                images[service.name] = candidate
                break
            }
            guard images[service.name] != nil else {
                throw StackError(project: projectName, code: .invalidConfiguration(problem: "Service `\(service.name)` was built, but none of \(candidates.joined(separator: ", ")) names its image"))
            }
        }
        return images
    }

    /// Copies each image from this host's daemon to every node that lacks it or has another
    /// version (`docker save | docker load`: there is no registry).
    private func loadImages(_ images: [String], into nodes: [SwarmNode]) async throws {
        for image in Set(images).sorted() {
            let hostID = try await runner.run(Command("docker", ["image", "inspect", "--format", "{{.Id}}", image], timeout: configuration.commandTimeout))
            // An image the host lacks may come from a registry a real swarm reaches: left to Swarm.
            guard hostID.succeeded else { continue }
            for node in nodes where node.isUp {
                let nodeID = try await dockerResult(node, ["image", "inspect", "--format", "{{.Id}}", image])
                guard !nodeID.succeeded || nodeID.stdout != hostID.stdout else { continue }
                let clock = ContinuousClock()
                let start = clock.now
                try await check(Command("sh", ["-c", "docker save \"$1\" | docker -H \"$2\" load", "sh", image, node.socket], timeout: .seconds(300)))
                logger.info("loaded image", metadata: ["image": "\(image)", "node": "\(node.name)", "elapsed": "\((clock.now - start).secondsText)"])
            }
        }
    }
}
