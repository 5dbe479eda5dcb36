import ChaosLab
import Foundation
import Logging
import Testing

extension LiveStackTests {
    /// The reference stack on a 3-node Swarm made on this machine (`scripts/swarm.sh`, as `make
    /// swarm-up`): round-robin and redelivery pass unchanged across nodes, the node-loss check
    /// passes with the time to reschedule reported, and with auto-ack workers it fails naming
    /// the task the lost node took with it. The nodes are removed afterwards, and nothing of them
    /// may remain: no namespace, bridge, daemon or mount.
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

        @Test("core checks and node loss pass on 3 nodes; node loss fails with auto-ack workers; the nodes leave nothing behind")
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
            let run = try await session().run([RoundRobinCheck(), RedeliveryCheck(), NodeLossCheck()])
            try Self.writeReport(run, name: "Swarm")
            #expect(run.teardownError == nil)
            for result in run.results {
                #expect(result.verdict == .pass, "\(result.check): \(result.verdict.rawValue): \(result.reason)")
            }
            let nodeLoss = try #require(run.results.last)
            for key in ["loss.to.node.down", "loss.to.redelivery", "loss.to.rescheduled"] {
                #expect(nodeLoss.figures.contains { $0.key == key }, "node-loss reports \(key)")
            }

            let mutant = try await session().run([NodeLossCheck()], knobs: [.autoAck])
            try Self.writeReport(mutant, name: "Swarm-auto-ack", knobs: [.autoAck])
            #expect(mutant.teardownError == nil)
            let verdict = try #require(mutant.results.first)
            #expect(verdict.verdict == .fail, "\(verdict.reason)")
            #expect(verdict.reason.contains("delivered it to no other worker"), "\(verdict.reason)")
        }

        static func writeReport(_ run: LabRun, name: String, knobs: [FixtureKnob] = []) throws {
            let report = RunReport(
                project: "chaoslab-swarm", composeFile: LiveStack.driver.configuration.composeFile, knobs: knobs.map(\.rawValue),
                startedAt: run.results.first?.startedAt ?? Date(), duration: .seconds(run.results.map(\.duration.seconds).reduce(0, +)),
                results: run.results
            )
            _ = try ReportWriter(directory: URL(fileURLWithPath: LiveStack.packageRoot + "/reports/swift-test/\(name)")).write(report)
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
