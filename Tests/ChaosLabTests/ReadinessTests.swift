@testable import ChaosLab
import Testing

@Suite("Readiness")
struct ReadinessTests {
    static func instance(
        _ service: String,
        _ state: InstanceState,
        health: InstanceHealth = .none,
        exitCode: Int = 0,
        restartPolicy: String = "no"
    ) -> ServiceInstance {
        ServiceInstance(
            service: service,
            index: 1,
            containerID: "id-\(service)",
            containerName: "lab_\(service)_1",
            state: state,
            health: health,
            exitCode: exitCode,
            restartPolicy: restartPolicy
        )
    }

    let expectations = [
        Readiness.Expectation(service: "rabbitmq", runsToCompletion: false),
        Readiness.Expectation(service: "api", runsToCompletion: false),
    ]

    @Test("ready when every service runs and passes its healthcheck (or has none)")
    func ready() {
        let instances = [Self.instance("rabbitmq", .running, health: .healthy), Self.instance("api", .running)]
        #expect(Readiness.evaluate(expectations, instances: instances) == .ready)
    }

    @Test("waiting names the first service not ready and what was seen")
    func waiting() {
        #expect(Readiness.evaluate(expectations, instances: []) == .waiting(service: "rabbitmq", seen: "no container yet"))
        let starting = [Self.instance("rabbitmq", .running, health: .starting), Self.instance("api", .created)]
        #expect(Readiness.evaluate(expectations, instances: starting) == .waiting(service: "rabbitmq", seen: "running, health starting"))
        let created = [Self.instance("rabbitmq", .running, health: .healthy), Self.instance("api", .created)]
        #expect(Readiness.evaluate(expectations, instances: created) == .waiting(service: "api", seen: "created"))
    }

    @Test("an instance that exited for good fails at once, even after others still waiting")
    func exited() {
        let instances = [Self.instance("rabbitmq", .running, health: .starting), Self.instance("api", .exited, exitCode: 2)]
        #expect(Readiness.evaluate(expectations, instances: instances) == .failed(service: "api", exitCode: 2))
    }

    @Test("an exited instance with a restart policy is waited for")
    func restarting() {
        let instances = [
            Self.instance("rabbitmq", .running, health: .healthy),
            Self.instance("api", .exited, exitCode: 1, restartPolicy: "unless-stopped"),
        ]
        #expect(
            Readiness.evaluate(expectations, instances: instances)
                == .waiting(service: "api", seen: "exited with code 1, restart policy unless-stopped")
        )
    }

    @Test("a job others wait to complete is done when it exited with 0")
    func job() throws {
        let file = try ComposeFile.parse(
            yaml: """
                services:
                  init:
                    image: x
                  app:
                    image: x
                    depends_on:
                      init:
                        condition: service_completed_successfully
                  debug:
                    image: x
                    profiles: [debug]
                """,
            environment: [:]
        )
        let expectations = Readiness.expectations(for: file)
        #expect(expectations == [
            Readiness.Expectation(service: "init", runsToCompletion: true),
            Readiness.Expectation(service: "app", runsToCompletion: false),
        ])
        let instances = [Self.instance("init", .exited), Self.instance("app", .running)]
        #expect(Readiness.evaluate(expectations, instances: instances) == .ready)
        let failedJob = [Self.instance("init", .exited, exitCode: 1), Self.instance("app", .running)]
        #expect(Readiness.evaluate(expectations, instances: failedJob) == .failed(service: "init", exitCode: 1))
    }
}
