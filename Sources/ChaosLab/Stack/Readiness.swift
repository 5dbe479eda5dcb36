/// Whether a stack coming up is ready, judged from one snapshot of its instances.
enum Readiness: Sendable, Hashable {
    /// Every expected service runs and passes its healthcheck.
    case ready
    /// Not yet: the first service still on its way, and what was seen of it.
    case waiting(service: String, seen: String)
    /// A service stopped for good (exited with no restart policy to bring it back).
    case failed(service: String, exitCode: Int)

    /// A service the stack should have once up.
    struct Expectation: Sendable, Hashable {
        var service: String
        /// Whether the service is a job that others wait to complete
        /// (`condition: service_completed_successfully`): exiting with 0 is its success.
        var runsToCompletion: Bool
        /// How many containers it runs (`deploy.replicas`, `scale`).
        var instances: Int = 1
    }

    /// The services `compose up` starts: all but those behind a profile.
    static func expectations(for file: ComposeFile) -> [Expectation] {
        let jobs = Set(
            file.services.flatMap(\.dependsOn)
                .filter { $0.condition == "service_completed_successfully" }
                .map(\.service)
        )
        return file.services
            .filter { ($0.raw["profiles"]?.sequence ?? []).isEmpty && $0.replicas != 0 }
            .map { Expectation(service: $0.name, runsToCompletion: jobs.contains($0.name), instances: $0.replicas ?? 1) }
    }

    static func evaluate(_ expectations: [Expectation], instances: [ServiceInstance]) -> Readiness {
        var firstWait: Readiness?
        for expectation in expectations {
            let mine = instances.filter { $0.service == expectation.service }
            if mine.isEmpty {
                firstWait = firstWait ?? .waiting(service: expectation.service, seen: "no container yet")
                continue
            }
            if mine.count < expectation.instances {
                firstWait = firstWait ?? .waiting(service: expectation.service, seen: "\(mine.count) of its \(expectation.instances) containers")
            }
            for instance in mine {
                switch instance.state {
                case .running where instance.health == .none || instance.health == .healthy:
                    continue
                case .running:
                    firstWait = firstWait ?? .waiting(service: expectation.service, seen: "running, health \(instance.health.rawValue)")
                case .exited where expectation.runsToCompletion && instance.exitCode == 0:
                    continue
                case .exited, .dead:
                    if instance.restartPolicy == "no" || instance.restartPolicy.isEmpty {
                        return .failed(service: expectation.service, exitCode: instance.exitCode)
                    }
                    firstWait = firstWait ?? .waiting(
                        service: expectation.service,
                        seen: "exited with code \(instance.exitCode), restart policy \(instance.restartPolicy)"
                    )
                default:
                    firstWait = firstWait ?? .waiting(service: expectation.service, seen: instance.state.rawValue)
                }
            }
        }
        return firstWait ?? .ready
    }
}
