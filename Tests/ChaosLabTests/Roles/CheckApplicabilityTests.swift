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

    @Test("the reference roles let every check run fully but exact-counts: the reference counts nothing")
    func reference() {
        let assessed = CheckApplicability.assess(.reference(environment: [:]))
        #expect(assessed.filter { $0.check != "exact-counts" }.allSatisfy { $0.status == .applies })
        #expect(assessed.first { $0.check == "exact-counts" }?.status == .notApplicable)
    }

    @Test("no dead-letter queue in the roles: dead-letter is decided on the broker's topology")
    func noDeadLetterQueue() throws {
        var roles = StackRoles.reference(environment: [:])
        roles.deadLetterQueue = nil
        let deadLetter = try #require(CheckApplicability.assess(roles).first { $0.check == "dead-letter" })
        #expect(deadLetter.status == .limited)
        #expect(deadLetter.reasons.first?.contains("from the broker at run time") == true)
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

    @Test("an API without {{work_ms}}: prefetch-fairness does not apply, redelivery (a burst) and persistence in part")
    func noWorkTime() {
        var roles = StackRoles.reference(environment: [:])
        roles.api?.bodyTemplate = #"{"message": "{{token}}"}"#
        roles.api?.supportsWorkTime = false
        #expect(Self.status(roles, "redelivery") == .limited)
        #expect(Self.status(roles, "prefetch-fairness") == .notApplicable)
        #expect(Self.status(roles, "persistence") == .limited)
        #expect(Self.status(roles, "round-robin") == .applies)
    }

    @Test("one worker: round-robin and fairness do not apply; redelivery restarts the worker, in part")
    func oneWorker() {
        var roles = StackRoles.reference(environment: [:])
        roles.workers = ["worker1"]
        for check in ["round-robin", "prefetch-fairness"] {
            #expect(Self.status(roles, check) == .notApplicable)
        }
        #expect(Self.status(roles, "redelivery") == .limited)
        #expect(Self.status(roles, "persistence") == .applies)
    }

    @Test("no poison template: dead-letter tries expiry and overflow only; the broker login no longer matters")
    func deadLetterParts() {
        var roles = StackRoles.reference(environment: [:])
        roles.api?.poisonBodyTemplate = nil
        #expect(Self.status(roles, "dead-letter") == .limited)
        roles.brokerAccess = nil
        #expect(Self.status(roles, "dead-letter") == .limited)
    }

    @Test("what the workers print limits nothing: deliveries are seen on the broker")
    func evidence() {
        var roles = StackRoles.reference(environment: [:])
        roles.workerEvidence = WorkerEvidence()
        for check in ["round-robin", "prefetch-fairness", "redelivery", "persistence", "dead-letter"] {
            #expect(Self.status(roles, check) == .applies, "\(check)")
        }
    }

    @Test("no API: persistence publishes itself, in part; the others cannot publish")
    func noAPI() {
        var roles = StackRoles.reference(environment: [:])
        roles.api = nil
        #expect(Self.status(roles, "persistence") == .limited)
        #expect(Self.status(roles, "round-robin") == .notApplicable)
    }

    @Test("unknown essentials: no check can run")
    func noRoles() {
        #expect(CheckApplicability.assess(nil).allSatisfy { $0.status == .cannotRun })
    }
}
