import ArgumentParser
import Foundation

/// `chaoslab-fixture healthcheck`: the container healthcheck of the API, for images without
/// curl or wget. Exit status 0 when the URL answers an accepted status in time, 1 otherwise.
struct HealthcheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "healthcheck",
        abstract: "Exit 0 if an HTTP URL answers with an accepted status within the timeout, else 1."
    )

    @Option(help: "The URL to GET (plain http). Default: http://127.0.0.1:$API_PORT/api/health, port 8000 when unset.")
    var url: String?

    @Option(name: .customLong("accept"), help: "An HTTP status that counts as healthy; repeat for several.")
    var acceptedStatuses: [Int] = [200]

    @Option(help: "Seconds to wait for the answer, connect included.")
    var timeout: Double = 2

    func run() throws {
        let port = ProcessInfo.processInfo.environment["API_PORT"].flatMap { Int($0) } ?? 8000
        let target = url ?? "http://127.0.0.1:\(port)/api/health"
        do {
            let status = try HealthProbe(url: target, timeout: .milliseconds(Int64(timeout * 1000))).status()
            guard acceptedStatuses.contains(status) else {
                StandardOutput.writeErrorLine("\(target) answered \(status).")
                throw ExitCode.failure
            }
        } catch let error as HealthProbeError {
            StandardOutput.writeErrorLine(error.description)
            throw ExitCode.failure
        }
    }
}
