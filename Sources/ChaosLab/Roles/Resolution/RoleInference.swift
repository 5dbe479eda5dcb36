import Foundation

/// Guesses the roles a declaration leaves out, from the compose file alone: images and
/// service names, published ports, environment variables, Traefik's flags and labels, and the
/// services' build contexts (Dockerfile commands, source code). Nothing is run.
///
/// Every guess is recorded with what it rests on, so a person can check it; fields that are
/// already declared (or declared absent) are never touched, and services are chosen first so
/// that ports and credentials are read from the services the declaration names.
struct RoleInference {
    var file: ComposeFile
    /// The variables compose would interpolate with (for `- NAME` entries without a value).
    var environment: [String: String]
    /// What each service's build context shows, by service.
    var scans: [String: BuildContextScan]
    /// Traefik's static configuration, when the file has a Traefik service.
    var traefik: TraefikStaticConfig?

    /// - Parameters:
    ///   - file: the compose file, interpolated.
    ///   - directory: its folder, where build contexts are.
    ///   - environment: the variables it was interpolated with.
    init(file: ComposeFile, directory: URL, environment: [String: String]) {
        self.file = file
        self.environment = environment
        let scanner = BuildContextScanner(base: directory)
        var byContext: [String: BuildContextScan] = [:]
        var scans: [String: BuildContextScan] = [:]
        for service in file.services {
            guard let build = service.build else { continue }
            let key = "\(build.context)\u{0}\(build.dockerfile ?? "")"
            if let known = byContext[key] {
                scans[service.name] = known
            } else if let scan = scanner.scan(context: build.context, dockerfile: build.dockerfile) {
                byContext[key] = scan
                scans[service.name] = scan
            }
        }
        self.scans = scans
        let loader = TraefikStaticConfigLoader(file: file, interpolation: LintInterpolation(environment: environment))
        traefik = (try? loader.load())?.config
    }

    /// Fills what `table` lacks; `notes` receives ambiguities and caveats a person should know.
    func infer(_ table: inout RoleTable, notes: inout [String]) {
        inferBroker(&table, &notes)
        inferProxy(&table, &notes)
        inferWorkers(&table, &notes)
        inferAPI(&table, &notes)
        inferBrokerAccess(&table, &notes)
        inferProxyAddresses(&table, &notes)
        inferAPIAddresses(&table, &notes)
        inferQueues(&table, &notes)
        // Before the proxy's routes, which include the counter's page and a producer's trigger.
        inferCounter(&table, &notes)
        inferProxyRoutes(&table)
        inferBodyTemplate(&table)
        inferDefaults(&table)
        inferPoisonBody(&table)
        inferWorkerOutput(&table)
        inferEffectFile(&table)
    }

    // MARK: - Shared

    /// The service a role field names, when it names one.
    func service(_ table: RoleTable, _ field: RoleField) -> ComposeService? {
        table.text(field).flatMap(file.service(named:))
    }

    /// The worker services the table names.
    func workers(_ table: RoleTable) -> [ComposeService] {
        (table[.workers]?.value.names ?? []).compactMap(file.service(named:))
    }

    /// The services no other role has taken yet.
    func unassigned(_ table: RoleTable) -> [ComposeService] {
        let taken = Set([table.text(.brokerService), table.text(.proxyService), table.text(.apiService)].compactMap { $0 }
            + (table[.workers]?.value.names ?? []))
        return file.services.filter { !taken.contains($0.name) }
    }

    /// A note naming the other candidates when a guess had to choose.
    static func choiceNote(_ role: String, chosen: String, others: [String], field: RoleField) -> String? {
        guard !others.isEmpty else { return nil }
        let names = ([chosen] + others).joined(separator: ", ")
        return "Several services look like the \(role) (\(names)); \(chosen) was taken. Declare \(field.rawValue) to choose."
    }
}
