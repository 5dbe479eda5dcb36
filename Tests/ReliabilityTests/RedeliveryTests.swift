import ChaosLab
import ChaosLabTesting
import Testing

extension LiveStackTests {
    @Suite("redelivery")
    struct RedeliveryTests {
        @Test("passes on the reference stack", .timeLimit(.minutes(3)))
        func reference() async throws {
            let result = try await LiveStack.run(RedeliveryCheck())
            #expect(result.verdict == .pass, "\(result.explanation)")
            #expect(result.figure("kill.to.redelivery") != nil, "\(result.explanation)")
            #expect(result.faults.first?.fault.action == .kill(signal: .kill), "\(result.faults)")
        }

        @Test("fails when workers auto-ack (auto-ack)", .timeLimit(.minutes(5)))
        func autoAck() async throws {
            let result = try await LiveStack.run(RedeliveryCheck(), knobs: [.autoAck])
            #expect(result.verdict == .fail, "\(result.explanation)")
            #expect(result.reason.hasPrefix("1 message lost: redelivery-"), "\(result.reason)")
            #expect(result.reason.contains("was never delivered again"), "\(result.reason)")
            #expect(result.reason.contains("with auto-ack (ack_required false)"), "\(result.reason)")
        }

        @Test("one worker: killed mid-task and started again, it gets the same message back", .timeLimit(.minutes(3)))
        func oneWorker() async throws {
            // worker2 runs but consumes nothing: a stack of one worker.
            let result = try await LiveStack.run(RedeliveryCheck(), knobs: [.idleWorker2], roles: { $0.workers = ["worker1"] })
            #expect(result.verdict == .pass, "\(result.explanation)")
            #expect(result.reason.contains("redelivered it to worker1 once it started again with redelivered=true"), "\(result.reason)")
        }

        /// An API that cannot ask for long work, as most students' cannot. Each task still
        /// takes the reference worker 5 ms, as a student's Python worker takes a few: the
        /// fixture's Swift worker, with no work at all, finishes a 500-message burst (~0.4 ms
        /// each) before `docker kill` lands (~150–200 ms), and the kill finds nothing to give
        /// back (inconclusive, rightly).
        static func instantTasks(_ roles: inout StackRoles) {
            roles.api?.bodyTemplate = #"{"message": "{{token}}", "id": "{{token}}", "work_ms": 5}"#
            roles.api?.supportsWorkTime = false
        }

        @Test("instant tasks: a worker killed in a burst gives back what it held", .timeLimit(.minutes(3)))
        func burst() async throws {
            let result = try await LiveStack.run(RedeliveryCheck(), roles: Self.instantTasks)
            #expect(result.verdict == .pass, "\(result.explanation)")
            #expect(result.reason.contains("into a burst of 500 instant tasks holding"), "\(result.reason)")
            #expect((result.figure("held.at.kill")?.value ?? 0) >= 1, "\(result.explanation)")
        }

        @Test("instant tasks with auto-ack: what the killed worker was sent is named as lost (auto-ack)", .timeLimit(.minutes(5)))
        func burstAutoAck() async throws {
            let result = try await LiveStack.run(RedeliveryCheck(), knobs: [.autoAck], roles: Self.instantTasks)
            #expect(result.verdict == .fail, "\(result.explanation)")
            #expect(result.reason.contains("consumes chaoslab.work with auto-ack (the broker's consumer list shows ack_required false once it runs again)"), "\(result.reason)")
            #expect(result.reason.contains("before its SIGKILL, and none was ever delivered again"), "\(result.reason)")
        }
    }
}
