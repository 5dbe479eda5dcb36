@testable import ChaosLab
import Testing

/// Which worker-evidence patterns must name the message with a `token` group.
@Suite("Roles: worker pattern validation")
struct WorkerPatternValidationTests {
    @Test(
        "a done or rejected pattern may leave the token out; a received pattern may not",
        arguments: [
            ("done_pattern", #"\[x\] Done"#, nil),
            ("rejected_pattern", #"\[x\] Rejected"#, nil),
            ("done_pattern", #"\[x\] Done (?<token>\S+)"#, nil),
            (
                "received_pattern", #"\[x\] Received"#,
                "docker-compose.yml:27:23: `x-chaoslab.worker_evidence.received_pattern` has no named group `token` saying which message a worker started on; write it as (?<token>…) (only done_pattern and rejected_pattern may leave it out)."
            ),
        ] as [(String, String, String?)]
    )
    func tokenGroup(field: String, pattern: String, error: String?) throws {
        let yaml = RolesFixture.compose(block: "worker_evidence:\n  \(field): '\(pattern)'")
        #expect(RolesFixture.error(yaml: yaml)?.description == error)
        if error == nil {
            let roles = try #require(try RolesFixture.resolve(yaml: yaml).roles)
            let declared = [roles.workerEvidence.donePattern, roles.workerEvidence.rejectedPattern].compactMap { $0 }
            #expect(declared.contains(pattern))
        }
    }

    @Test("the reader's check knows which field it checks")
    func patternProblem() {
        #expect(RoleDeclarationReader.patternProblem("Done", requiresToken: false) == nil)
        #expect(RoleDeclarationReader.patternProblem("Done", requiresToken: true)?.hasPrefix("has no named group `token`") == true)
        #expect(RoleDeclarationReader.patternProblem("(?<token>", requiresToken: false)?.hasPrefix("is not a valid regular expression") == true)
    }
}
