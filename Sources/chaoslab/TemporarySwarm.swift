import ChaosLab
import Logging

/// Swarm nodes `chaoslab run --swarm --nodes N` made for one run, removed after it, also when
/// it failed or was interrupted (the removal is not cancelled with the run).
struct TemporarySwarm {
    let lab: SwarmLab
    let project: String

    func remove(logger: Logger) async {
        logger.info("removing the Swarm nodes made for this run")
        let removal = Task { [lab, project] in try await lab.down(project: project) }
        if case .failure(let error) = await removal.result {
            ChaosLabCommand.printError("error: the Swarm nodes made for this run could not all be removed: \(error); `make swarm-down` removes them.")
        }
    }
}
