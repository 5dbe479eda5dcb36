@testable import ChaosLab
import Testing

/// A service that runs several containers (`deploy.replicas`, `scale`): read from the compose
/// file, started with `--scale`, awaited container by container, and each container a worker
/// of its own.
@Suite("Replicas")
struct ReplicaTests {
    static let yaml = """
        services:
          rabbitmq:
            image: rabbitmq:3-management
          worker:
            image: example/worker
            deploy:
              replicas: 2
          legacy:
            image: example/worker
            scale: 3
          single:
            image: example/worker
            deploy:
              replicas: 1
          off:
            image: example/worker
            deploy:
              replicas: 0
        """

    @Test("deploy.replicas and scale are read; Compose is told to scale what does not run one container")
    func scaling() throws {
        let file = try ComposeFile.parse(yaml: Self.yaml, environment: [:])
        #expect(file.services.map(\.replicas) == [nil, 2, 3, 1, 0])
        #expect(ComposeDriver.scaleArguments(for: file) == ["--scale", "worker=2", "--scale", "legacy=3", "--scale", "off=0"])
        let expected = Readiness.expectations(for: file)
        #expect(expected.map(\.service) == ["rabbitmq", "worker", "legacy", "single"], "a service scaled to 0 is not waited for")
        #expect(expected.map(\.instances) == [1, 2, 3, 1])
    }

    @Test("up of some services alone: --no-deps, those services, and the scale of those only")
    func selectedServices() throws {
        let file = try ComposeFile.parse(yaml: Self.yaml, environment: [:])
        #expect(ComposeDriver.upArguments(for: file, services: nil) == ["up", "-d", "--remove-orphans", "--scale", "worker=2", "--scale", "legacy=3", "--scale", "off=0"])
        #expect(ComposeDriver.upArguments(for: file, services: ["worker", "single"]) == ["up", "-d", "--no-deps", "--scale", "worker=2", "worker", "single"])
    }

    @Test("a replica count that is not a number is an error naming the field and line")
    func badCount() {
        let error = #expect(throws: ComposeFileError.self) {
            try ComposeFile.parse(yaml: "services:\n  worker:\n    image: w\n    deploy:\n      replicas: two\n", environment: [:])
        }
        #expect(error?.description.contains("`services.worker.deploy.replicas` must be a number of containers, not \"two\"") == true, "\(error?.description ?? "")")
    }

    @Test("the stack is not ready while a scaled service runs fewer containers than it asks for")
    func readiness() {
        let expectations = [Readiness.Expectation(service: "worker", runsToCompletion: false, instances: 2)]
        let one = [ReadinessTests.instance("worker", .running)]
        #expect(Readiness.evaluate(expectations, instances: one) == .waiting(service: "worker", seen: "1 of its 2 containers"))
        var second = ReadinessTests.instance("worker", .running)
        second.index = 2
        #expect(Readiness.evaluate(expectations, instances: one + [second]) == .ready)
    }

    @Test("each container of a scaled worker service is a worker, and a fault on it hits that container only")
    func workers() throws {
        #expect(RolesAssembler.workers(["worker", "single"], replicas: ["worker": 2, "single": 1]) == ["worker#1", "worker#2", "single"])
        #expect(ServiceTarget(worker: "worker#2") == .instance("worker", 2))
        #expect(ServiceTarget(worker: "worker1") == .service("worker1"))
        #expect(ServiceTarget(worker: "queue#jobs") == .service("queue#jobs"))
        let resolution = try RolesResolver(environment: [:]).resolve(composeYAML: """
            services:
              rabbitmq:
                image: rabbitmq:3-management
              worker:
                image: example/worker
                deploy:
                  replicas: 2
            x-chaoslab:
              work_queue: jobs
            """)
        let roles = try #require(resolution.roles)
        #expect(roles.workers == ["worker#1", "worker#2"])
        #expect(resolution.notes.contains { $0.hasPrefix("worker runs 2 containers (deploy.replicas or scale): each is a worker of its own (worker#1, worker#2)") })
    }
}
