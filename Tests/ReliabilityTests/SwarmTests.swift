import ChaosLab
import Foundation
import Logging
import Testing

extension LiveStackTests {
    /// The reference stack on a 3-node Swarm made on this machine (`scripts/swarm.sh`, as `make
    /// swarm-up`): round-robin and redelivery pass unchanged across nodes; a rolling update of
    /// the workers under load loses no task; a lost node and a partitioned one each have their
    /// worker's task redelivered and completed elsewhere, with the times reported. With auto-ack
    /// workers all three Swarm checks fail, naming the tasks the update or the node took with
    /// it. The nodes are removed afterwards, and nothing of them may remain: no namespace,
    /// bridge, daemon or mount.
    @Suite("on Swarm", .timeLimit(.minutes(10)))
    struct SwarmTests {
        static let lab = SwarmLab(script: LiveStack.packageRoot + "/scripts/swarm.sh")
        static let logger = Logger(label: "chaoslab.tests.swarm")

        func session() -> LabSession {
            var configuration = LiveStack.driver.configuration
            configuration.projectName = "chaoslab-swarm"
            let stack = SwarmDriver(configuration: configuration, lab: Self.lab, logger: Self.logger)
            return LabSession(stack: stack, roles: .reference(environment: LiveStack.environment), logger: Self.logger)
        }

        @Test("core checks, rolling update, node loss and node partition pass on 3 nodes; the Swarm checks fail with auto-ack workers; the nodes leave nothing behind")
        func referenceStackOnSwarm() async throws {
            // The gateway publishes the reference stack's loopback ports: take the Compose one down.
            try await LiveStack.stack.release()
            let started = ContinuousClock.now
            do {
                try await Self.lab.up(nodes: 3, project: "chaoslab-swarm")
                Self.logger.info("swarm lab up in \(String(format: "%.1f", (ContinuousClock.now - started).seconds)) s")
                try await checkOnSwarm()
            } catch {
                try? await Self.lab.down(project: "chaoslab-swarm")
                throw error
            }
            try await Self.lab.down(project: "chaoslab-swarm")
            try Self.expectNothingLeft()
        }

        private func checkOnSwarm() async throws {
            let run = try await session().run([RoundRobinCheck(), RedeliveryCheck(), RollingUpdateCheck(), NodeLossCheck(.loss), NodeLossCheck(.partition)], collectLogs: true)
            try Self.writeReport(run, name: "Swarm")
            #expect(run.teardownError == nil)
            // Each service's log is read from the node running it, for the report and for the
            // checks that read what workers print.
            for service in ["rabbitmq", "api", "worker1", "worker2"] {
                let lines = run.logs[service, default: ""].split(separator: "\n")
                #expect(lines.count > 1, "\(service)'s log, read from its node, has \(lines.count) lines")
            }
            for result in run.results {
                #expect(result.verdict == .pass, "\(result.check): \(result.verdict.rawValue): \(result.reason)")
            }
            let expectedFigures = [
                "node-loss": ["loss.to.node.down", "loss.to.redelivery", "loss.to.rescheduled"],
                "node-partition": ["partition.to.node.down", "partition.to.redelivery", "partition.to.rescheduled", "heal.to.node.ready"],
            ]
            for (check, keys) in expectedFigures {
                let result = try #require(run.results.first { $0.check == check })
                for key in keys {
                    #expect(result.figures.contains { $0.key == key }, "\(check) reports \(key)")
                }
            }

            let mutant = try await session().run([RollingUpdateCheck(), NodeLossCheck(.loss), NodeLossCheck(.partition)], knobs: [.autoAck])
            try Self.writeReport(mutant, name: "Swarm-auto-ack", knobs: [.autoAck])
            #expect(mutant.teardownError == nil)
            #expect(mutant.results.count == 3)
            for result in mutant.results {
                #expect(result.verdict == .fail, "\(result.check): \(result.verdict.rawValue): \(result.reason)")
                #expect(result.reason.contains("auto-ack"), "\(result.check) names the cause: \(result.reason)")
            }
            let rollingUpdate = try #require(mutant.results.first { $0.check == "rolling-update" })
            #expect(rollingUpdate.evidence.contains { $0.title.hasPrefix("Lost tasks") }, "rolling-update names the lost tasks")
            for check in ["node-loss", "node-partition"] {
                let result = try #require(mutant.results.first { $0.check == check })
                #expect(result.reason.contains("delivered it to no other worker"), "\(check): \(result.reason)")
            }
        }

        static func writeReport(_ run: LabRun, name: String, knobs: [FixtureKnob] = []) throws {
            let report = RunReport(
                project: "chaoslab-swarm", composeFile: LiveStack.driver.configuration.composeFile, knobs: knobs.map(\.rawValue),
                startedAt: run.results.first?.startedAt ?? Date(), duration: .seconds(run.results.map(\.duration.seconds).reduce(0, +)),
                results: run.results
            )
            _ = try ReportWriter(directory: URL(fileURLWithPath: LiveStack.packageRoot + "/reports/swift-test/\(name)")).write(report, logs: run.logs)
        }

        /// No node namespace, bridge, daemon or mount of the lab is left.
        static func expectNothingLeft() throws {
            let namespaces = (try? FileManager.default.contentsOfDirectory(atPath: "/var/run/netns")) ?? []
            #expect(!namespaces.contains { $0.hasPrefix("clnode") }, "namespaces left: \(namespaces)")
            #expect(!FileManager.default.fileExists(atPath: "/sys/class/net/clswarm0"), "the bridge clswarm0 is left")
            let mounts = try String(contentsOfFile: "/proc/mounts", encoding: .utf8)
            #expect(!mounts.contains("chaoslab-swarm"), "mounts left under /run/chaoslab-swarm or /var/lib/chaoslab-swarm")
            let processes = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { Int($0) != nil }.compactMap { pid in
                (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)).flatMap { $0.contains("/run/chaoslab-swarm/") ? "\(pid): \($0)" : nil }
            }
            #expect(processes.isEmpty, "processes left: \(processes)")
        }
    }
}
