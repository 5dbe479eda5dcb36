@testable import ChaosLab
import Foundation
import Testing

/// The exit status of `chaoslab run` and `selftest`, from results and from errors.
@Suite("Run exit status")
struct RunExitStatusTests {
    @Test(
        "verdicts map to 0 passed, 1 failed, 3 inconclusive",
        arguments: [
            ([Verdict.pass, .pass], RunExitStatus.passed),
            ([.pass, .notApplicable], .passed),
            ([.notApplicable], .passed),
            ([.pass, .fail], .failed),
            ([.fail, .inconclusive], .failed),
            ([.pass, .inconclusive, .notApplicable], .inconclusive),
            ([], .inconclusive),
        ]
    )
    func verdicts(_ verdicts: [Verdict], _ status: RunExitStatus) {
        #expect(RunExitStatus(verdicts: verdicts) == status)
    }

    @Test("the codes are the documented numbers")
    func codes() {
        #expect(RunExitStatus.allCases.map(\.rawValue) == [0, 1, 2, 3])
    }

    @Test("a stack left behind makes a run that did not fail inconclusive; a failure stays a failure")
    func stackNotRemoved() {
        #expect(RunExitStatus(verdicts: [.pass], housekeepingFailed: true) == .inconclusive)
        #expect(RunExitStatus(verdicts: [.pass, .fail], housekeepingFailed: true) == .failed)
    }

    @Test("a self-test cell counts as passed when as expected, failed when it concluded otherwise, inconclusive when it concluded nothing")
    func selfTest() {
        func cell(expected: Verdict, got: Verdict) -> SelfTestOutcome {
            SelfTestOutcome(
                check: "redelivery", knob: expected == .fail ? .autoAck : nil, expected: expected,
                result: CheckResult(check: "redelivery", title: "", verdict: got, reason: "", expectation: "", startedAt: Date(), duration: .zero)
            )
        }
        #expect(RunExitStatus(selfTest: [cell(expected: .pass, got: .pass), cell(expected: .fail, got: .fail)]) == .passed)
        #expect(RunExitStatus(selfTest: [cell(expected: .pass, got: .pass), cell(expected: .fail, got: .pass)]) == .failed)
        #expect(RunExitStatus(selfTest: [cell(expected: .pass, got: .notApplicable)]) == .failed)
        #expect(RunExitStatus(selfTest: [cell(expected: .pass, got: .pass), cell(expected: .fail, got: .inconclusive)]) == .inconclusive)
        #expect(RunExitStatus(selfTest: [cell(expected: .fail, got: .pass), cell(expected: .fail, got: .inconclusive)]) == .failed)
    }

    @Test("errors in what the user gave exit 2, everything else the lab could not do exits 3")
    func errors() {
        #expect(RunExitStatus(error: FixtureKnobError(name: "auto-akc")) == .badInput)
        #expect(RunExitStatus(error: RolesInputError(path: "chaoslab.yml", code: .missingManifest)) == .badInput)
        #expect(RunExitStatus(error: StackError(project: "Chaos Lab", code: .invalidConfiguration(problem: "bad name"))) == .badInput)
        #expect(RunExitStatus(error: StackError(project: "chaoslab", code: .composeUnavailable(reason: "no docker"))) == .inconclusive)
        #expect(RunExitStatus(error: ProjectLockError(project: "chaoslab", path: "/tmp/x.lock", code: .busy(holder: nil))) == .inconclusive)
        #expect(RunExitStatus(error: CancellationError()) == .inconclusive)
    }
}
