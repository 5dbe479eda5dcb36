@testable import ChaosLab
import Testing

/// Which checks can judge a stack, decided from its roles before anything runs.
@Suite("Roles: check applicability")
struct CheckApplicabilityTests {
    static func status(_ roles: StackRoles, _ check: String) -> CheckApplicability.Status? {
        CheckApplicability.assess(roles).first { $0.check == check }?.status
    }

    @Test("every catalogued check has its conditions")
    func everyCheckAssessed() {
        #expect(CheckApplicability.assessed == CheckCatalogue.names)
    }

    @Test("the reference roles let every check run fully")
    func reference() {
        #expect(CheckApplicability.assess(.reference(environment: [:])).allSatisfy { $0.status == .applies })
    }

    @Test("no dead-letter queue: dead-letter does not apply")
    func noDeadLetterQueue() {
        var roles = StackRoles.reference(environment: [:])
        roles.deadLetterQueue = nil
        #expect(Self.status(roles, "dead-letter") == .notApplicable)
    }

    @Test("no proxy: traefik-routes does not apply and security skips the dashboard")
    func noProxy() throws {
        var roles = StackRoles.reference(environment: [:])
        roles.proxy = nil
        #expect(Self.status(roles, "traefik-routes") == .notApplicable)
        let security = try #require(CheckApplicability.assess(roles).first { $0.check == "security" })
        #expect(security.status == .limited)
        #expect(security.reasons == ["There is no reverse proxy, so no dashboard exposure is checked."])
    }

    @Test("an API without {{work_ms}}: redelivery and prefetch-fairness do not apply, persistence in part")
    func noWorkTime() {
        var roles = StackRoles.reference(environment: [:])
        roles.api?.bodyTemplate = #"{"message": "{{token}}"}"#
        roles.api?.supportsWorkTime = false
        #expect(Self.status(roles, "redelivery") == .notApplicable)
        #expect(Self.status(roles, "prefetch-fairness") == .notApplicable)
        #expect(Self.status(roles, "persistence") == .limited)
        #expect(Self.status(roles, "round-robin") == .applies)
    }

    @Test("one worker: round-robin, fairness and redelivery do not apply")
    func oneWorker() {
        var roles = StackRoles.reference(environment: [:])
        roles.workers = ["worker1"]
        for check in ["round-robin", "prefetch-fairness", "redelivery"] {
            #expect(Self.status(roles, check) == .notApplicable)
        }
        #expect(Self.status(roles, "persistence") == .applies)
    }

    @Test("no poison template and no broker login: dead-letter cannot dead-letter anything")
    func deadLetterParts() {
        var roles = StackRoles.reference(environment: [:])
        roles.api?.poisonBodyTemplate = nil
        #expect(Self.status(roles, "dead-letter") == .limited)
        roles.brokerAccess = nil
        #expect(Self.status(roles, "dead-letter") == .notApplicable)
    }

    @Test("deliveries are judged from the broker: workers that print nothing limit only the dead-letter rejection part")
    func evidence() throws {
        var roles = StackRoles.reference(environment: [:])
        roles.workerEvidence = WorkerEvidence(receivedPattern: RoleInference.anyTokenPattern)
        for check in ["round-robin", "prefetch-fairness", "redelivery", "persistence"] {
            #expect(Self.status(roles, check) == .applies, "\(check)")
        }
        let deadLetter = try #require(CheckApplicability.assess(roles).first { $0.check == "dead-letter" })
        #expect(deadLetter.status == .limited)
        #expect(deadLetter.reasons == [
            "The workers show no finished message (worker_evidence.done_pattern or record_file), and the messages sent after the poison one are counted from the workers' output: the rejection part can only fail for lack of evidence.",
        ])
        // Without a poison message the rejection part is not tried, whatever the workers print.
        roles.api?.poisonBodyTemplate = nil
        #expect(CheckApplicability.assess(roles).first { $0.check == "dead-letter" }?.reasons == ["No poison message (api.poison_body_template): rejection is not tried."])
    }

    @Test("unknown essentials: no check can run")
    func noRoles() {
        #expect(CheckApplicability.assess(nil).allSatisfy { $0.status == .cannotRun })
    }
}
