extension ComposeDriver {
    public func instances(of service: String?) async throws -> [ServiceInstance] {
        try await inspect(service: service, index: nil).compactMap(\.instance).sorted {
            ($0.service, $0.index) < ($1.service, $1.index)
        }
    }

    public func kill(_ target: ServiceTarget, signal: ContainerSignal) async throws {
        try await docker(["kill", "-s", signal.rawValue] + containerIDs(target))
    }

    public func stop(_ target: ServiceTarget, timeout: Duration) async throws {
        try await docker(["stop", "-t", Self.wholeSeconds(timeout)] + containerIDs(target), timeout: configuration.commandTimeout + timeout)
    }

    public func start(_ target: ServiceTarget) async throws {
        try await docker(["start"] + containerIDs(target))
    }

    public func pause(_ target: ServiceTarget) async throws {
        try await docker(["pause"] + containerIDs(target))
    }

    public func unpause(_ target: ServiceTarget) async throws {
        try await docker(["unpause"] + containerIDs(target))
    }

    public func restart(_ target: ServiceTarget, timeout: Duration) async throws {
        try await docker(["restart", "-t", Self.wholeSeconds(timeout)] + containerIDs(target), timeout: configuration.commandTimeout + timeout)
    }

    // MARK: - Resolving targets

    /// The target's instances; at least one.
    /// - Throws: ``StackError`` with ``StackError/Code/noInstance(target:)`` when there is none.
    func resolve(_ target: ServiceTarget) async throws -> [ServiceInstance] {
        let found = try await inspect(service: target.service, index: target.index)
            .compactMap(\.instance)
            .filter { $0.service == target.service }
            .sorted { $0.index < $1.index }
        guard !found.isEmpty else {
            throw StackError(project: projectName, code: .noInstance(target: target))
        }
        return found
    }

    func containerIDs(_ target: ServiceTarget) async throws -> [String] {
        try await resolve(target).map(\.containerID)
    }

    /// `docker inspect` of this project's containers, narrowed to a service and instance.
    func inspect(service: String?, index: Int?) async throws -> [ContainerInspection] {
        let ids = Self.lines(try await docker(["ps", "-a", "-q", "--no-trunc"] + labelFilters(service: service, index: index)))
        guard !ids.isEmpty else { return [] }
        return try await inspect(ids: ids)
    }

    func inspect(ids: [String]) async throws -> [ContainerInspection] {
        let result = try await dockerResult(["inspect"] + ids)
        return try ContainerInspection.decode(result, project: projectName)
    }

    /// Docker's `-t` takes whole seconds; round up so a short grace period is not zero.
    static func wholeSeconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(max(0, seconds + (attoseconds > 0 ? 1 : 0)))
    }
}
