@testable import ChaosLab
import Foundation
import Testing

@Suite("Compose file")
struct ComposeFileTests {
    static let reference = """
        x-chaoslab:
          roles:
            broker: rabbitmq
            workers: [worker1, worker2]
          password: ${CHAOSLAB_AMQP_PASSWORD:-chaoslab-secret}

        x-worker: &worker
          image: ${CHAOSLAB_FIXTURE_IMAGE:-chaoslab/fixture:latest}
          depends_on:
            rabbitmq:
              condition: service_healthy
          volumes:
            - data:/data

        services:
          rabbitmq:
            image: ${CHAOSLAB_RABBITMQ_IMAGE:-chaoslab/rabbitmq:3.10}
            hostname: rabbitmq
            environment:
              RABBITMQ_NODENAME: rabbit@rabbitmq
              CHAOSLAB_KNOBS: ${CHAOSLAB_KNOBS:-}
              RETRIES: 3
            ports:
              - "127.0.0.1:${CHAOSLAB_AMQP_PORT:-5672}:5672"
              - target: 15672
                published: 15672
                host_ip: 127.0.0.1
            healthcheck:
              test: rabbitmq-diagnostics -q check_port_connectivity
              interval: 1s
              timeout: 1m30s
              retries: 60
              start_period: 500ms
            volumes:
              - type: volume
                source: rabbitmq-data
                target: /var/lib/rabbitmq
          worker1:
            <<: *worker
            environment:
              - WORKER_ID=worker1
              - CHAOSLAB_KNOBS
            command: chaoslab-fixture worker --name "worker one"
            networks: [back]
          traefik:
            image: traefik
            labels:
              - traefik.enable=true
              - "traefik.http.middlewares.auth.basicauth.users=admin:$$apr1$$xyz"
              - traefik.flag
            depends_on: [api]
            command: ["--api.insecure=true", "--ping=true"]
            networks:
              back:
                aliases: [proxy]
          api:
            image: api
            labels:
              traefik.enable: "true"
              traefik.http.routers.api.rule: PathPrefix(`/api`)
            healthcheck:
              test: ["CMD", "chaoslab-fixture", "health"]
              disable: false
        networks:
          back:
            name: chaoslab-back
        volumes:
          data:
          rabbitmq-data: {}
        """

    static let environment = ["CHAOSLAB_AMQP_PORT": "15999", "CHAOSLAB_KNOBS": "auto-ack"]

    func parsed(_ yaml: String = reference, environment: [String: String]? = environment) throws -> ComposeFile {
        try ComposeFile.parse(yaml: yaml, path: "compose/docker-compose.yml", environment: environment)
    }

    @Test("services keep file order, with images interpolated")
    func servicesAndImages() throws {
        let file = try parsed()
        #expect(file.serviceNames == ["rabbitmq", "worker1", "traefik", "api"])
        #expect(file.service(named: "rabbitmq")?.image == "chaoslab/rabbitmq:3.10")
        #expect(file.service(named: "rabbitmq")?.hostname == "rabbitmq")
        #expect(file.service(named: "rabbitmq")?.line == 17)
    }

    @Test("environment in map form and in list form")
    func environmentForms() throws {
        let file = try parsed()
        let broker = try #require(file.service(named: "rabbitmq"))
        #expect(broker.environment == ["RABBITMQ_NODENAME": "rabbit@rabbitmq", "CHAOSLAB_KNOBS": "auto-ack", "RETRIES": "3"])
        let worker = try #require(file.service(named: "worker1"))
        let expected: [String: String?] = ["WORKER_ID": "worker1", "CHAOSLAB_KNOBS": nil]
        #expect(worker.environment == expected)
    }

    @Test("labels in list form and in map form; `$$` becomes `$`")
    func labelForms() throws {
        let file = try parsed()
        #expect(file.service(named: "traefik")?.labels == [
            "traefik.enable": "true",
            "traefik.http.middlewares.auth.basicauth.users": "admin:$apr1$xyz",
            "traefik.flag": "",
        ])
        #expect(file.service(named: "api")?.labels == ["traefik.enable": "true", "traefik.http.routers.api.rule": "PathPrefix(`/api`)"])
    }

    @Test("the x-chaoslab block is kept as written")
    func extensionBlock() throws {
        let file = try parsed()
        let block = try #require(file.chaoslab)
        #expect(block["roles"]?["broker"] == .string("rabbitmq"))
        #expect(block["roles"]?["workers"] == .sequence([.string("worker1"), .string("worker2")]))
        #expect(block["password"]?.text == "${CHAOSLAB_AMQP_PASSWORD:-chaoslab-secret}")
        #expect(file.extensions.keys.sorted() == ["x-chaoslab", "x-worker"])
        let json = try JSONEncoder().encode(block)
        #expect(try JSONDecoder().decode(YAMLValue.self, from: json) == block)
    }

    @Test("merge keys bring in the anchored fields; the service's own win")
    func mergeKeys() throws {
        let worker = try #require(try parsed().service(named: "worker1"))
        #expect(worker.image == "chaoslab/fixture:latest")
        #expect(worker.dependsOn == [ComposeDependency(service: "rabbitmq", condition: "service_healthy")])
        #expect(worker.volumes == [ComposeVolumeMount(type: "volume", source: "data", target: "/data")])
        #expect(worker.environment["WORKER_ID"] == "worker1")
    }

    @Test("ports in short and long syntax")
    func ports() throws {
        let broker = try #require(try parsed().service(named: "rabbitmq"))
        #expect(broker.ports == [
            ComposePort(hostIP: "127.0.0.1", published: "15999", target: "5672"),
            ComposePort(hostIP: "127.0.0.1", published: "15672", target: "15672"),
        ])
        #expect(broker.ports.first?.publishedPort == 15999)
    }

    @Test("healthcheck test forms and durations")
    func healthchecks() throws {
        let file = try parsed()
        let broker = try #require(file.service(named: "rabbitmq")?.healthcheck)
        #expect(broker.test == ["CMD-SHELL", "rabbitmq-diagnostics -q check_port_connectivity"])
        #expect(broker.interval == .seconds(1))
        #expect(broker.timeout == .seconds(90))
        #expect(broker.startPeriod == .milliseconds(500))
        #expect(broker.retries == 60)
        #expect(!broker.disabled)
        #expect(file.service(named: "api")?.healthcheck?.test == ["CMD", "chaoslab-fixture", "health"])
    }

    @Test("depends_on, command, networks and volumes in both forms")
    func otherFields() throws {
        let file = try parsed()
        let traefik = try #require(file.service(named: "traefik"))
        #expect(traefik.dependsOn == [ComposeDependency(service: "api")])
        #expect(traefik.command == ["--api.insecure=true", "--ping=true"])
        #expect(traefik.networks == ["back"])
        let worker = try #require(file.service(named: "worker1"))
        #expect(worker.command == ["chaoslab-fixture", "worker", "--name", "worker one"])
        #expect(worker.networks == ["back"])
        let broker = try #require(file.service(named: "rabbitmq"))
        #expect(broker.volumes == [ComposeVolumeMount(type: "volume", source: "rabbitmq-data", target: "/var/lib/rabbitmq")])
        #expect(file.networks["back"]?["name"] == .string("chaoslab-back"))
        #expect(file.volumes == ["data": .null, "rabbitmq-data": .mapping([:])])
        #expect(traefik.raw["networks"]?["back"]?["aliases"] == .sequence([.string("proxy")]))
    }

    @Test("variables used without value or default are reported")
    func unsetVariables() throws {
        let file = try parsed("services:\n  a:\n    image: ${IMAGE}\n    hostname: ${HOST:-x}\n", environment: [:])
        #expect(file.unsetVariables == ["IMAGE"])
        #expect(file.service(named: "a")?.image == "")
    }

    @Test("without an environment, values stay as written and unreadable typed values are skipped")
    func raw() throws {
        let file = try parsed(environment: nil)
        let broker = try #require(file.service(named: "rabbitmq"))
        #expect(broker.image == "${CHAOSLAB_RABBITMQ_IMAGE:-chaoslab/rabbitmq:3.10}")
        #expect(broker.ports == [ComposePort(hostIP: "127.0.0.1", published: "15672", target: "15672")])
        #expect(file.service(named: "traefik")?.labels["traefik.http.middlewares.auth.basicauth.users"] == "admin:$$apr1$$xyz")
        #expect(file.unsetVariables.isEmpty)
    }

    @Test("invalid YAML gives one line naming the file and the line")
    func invalidYAML() throws {
        let error = try #require(throws: ComposeFileError.self) {
            try parsed("services:\n  api:\n    image: x\n   bad: [1, 2\n")
        }
        #expect(error.line == 4)
        #expect(error.description.hasPrefix("compose/docker-compose.yml:4:"))
        #expect(error.description.contains("invalid YAML"))
        #expect(!error.description.contains("\n"))
    }

    @Test("a value of the wrong shape names the field and its line")
    func invalidContent() throws {
        let error = try #require(throws: ComposeFileError.self) {
            try parsed("services:\n  api:\n    image: x\n    ports:\n      - \"80:80:80:80\"\n")
        }
        #expect(error.description == "compose/docker-compose.yml:5:9: `services.api.ports[0]` \"80:80:80:80\" is not a port mapping ([HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]).")
    }

    @Test("a bad duration names the field")
    func invalidDuration() throws {
        let error = try #require(throws: ComposeFileError.self) {
            try parsed("services:\n  api:\n    healthcheck:\n      interval: soon\n")
        }
        #expect(error.description == "compose/docker-compose.yml:4:17: `services.api.healthcheck.interval` \"soon\" is not a duration such as 1s, 500ms or 1m30s.")
    }

    @Test("a `$` compose would refuse names the line")
    func invalidInterpolation() throws {
        let error = try #require(throws: ComposeFileError.self) {
            try parsed("services:\n  traefik:\n    labels:\n      - users=admin:$2y$05$abc\n", environment: [:])
        }
        #expect(error.line == 4)
        #expect(error.description == "compose/docker-compose.yml:4:9: Invalid interpolation in \"users=admin:$2y$05$abc\": a `$` must start a variable (`$NAME`, `${NAME}`) or be doubled (`$$`).")
    }

    @Test("a required variable without value fails with its message")
    func requiredVariable() throws {
        let error = try #require(throws: ComposeFileError.self) {
            try parsed("services:\n  api:\n    image: ${IMAGE:?set IMAGE}\n", environment: [:])
        }
        #expect(error.description.hasSuffix("required variable IMAGE is missing a value: set IMAGE."))
    }

    @Test("an empty file and a non-mapping top level are errors")
    func emptyAndScalar() throws {
        #expect(throws: ComposeFileError(path: "compose/docker-compose.yml", code: .invalidContent(problem: "the file is empty"))) {
            try parsed("")
        }
        let error = try #require(throws: ComposeFileError.self) { try parsed("- a\n- b\n") }
        #expect(error.description == "compose/docker-compose.yml:1: the top level must be a mapping.")
    }

    @Test("a missing file names the path")
    func missingFile() throws {
        let error = try #require(throws: ComposeFileError.self) {
            try ComposeFile.load(path: "/nonexistent/chaoslab/docker-compose.yml", environment: [:])
        }
        #expect(error.code == .missingFile)
        #expect(error.description == "Compose file /nonexistent/chaoslab/docker-compose.yml does not exist.")
    }

    @Test("a file on disk loads with its path")
    func loadsFromDisk() async throws {
        try await withTemporaryDirectory { directory in
            let path = "\(directory)/docker-compose.yml"
            try Self.reference.write(toFile: path, atomically: true, encoding: .utf8)
            let file = try ComposeFile.load(path: path, environment: Self.environment)
            #expect(file.path == path)
            #expect(file.services.count == 4)
            let error = try #require(throws: ComposeFileError.self) {
                try ComposeFile.load(path: directory, environment: [:])
            }
            #expect(error.description == "Compose file \(directory) cannot be read: it is a directory.")
        }
    }

    @Test("labels remember their lines in both forms; deploy labels, expose and build are read")
    func lintFields() throws {
        let yaml = """
            services:
              api:
                build: ./api
                expose: ["8000", 9000]
                labels:
                  - traefik.enable=true
                  - "traefik.http.routers.api.rule=PathPrefix(`/api`)"
              web:
                build:
                  context: web
                  dockerfile: Web.Dockerfile
                labels:
                  traefik.enable: "true"
                deploy:
                  labels:
                    traefik.http.routers.web.rule: PathPrefix(`/`)
            """
        let file = try parsed(yaml, environment: nil)
        let api = try #require(file.service(named: "api"))
        #expect(api.labelLines == ["traefik.enable": 6, "traefik.http.routers.api.rule": 7])
        #expect(api.expose == ["8000", "9000"])
        #expect(api.build == ComposeBuild(context: "./api"))
        let web = try #require(file.service(named: "web"))
        #expect(web.labelLines == ["traefik.enable": 13])
        #expect(web.build == ComposeBuild(context: "web", dockerfile: "Web.Dockerfile"))
        #expect(web.deployLabels == ["traefik.http.routers.web.rule": "PathPrefix(`/`)"])
        #expect(web.deployLabelLines == ["traefik.http.routers.web.rule": 16])
    }

    @Test(".env files: comments, export, quotes")
    func environmentFile() {
        let variables = ComposeEnvironmentFile.parse("""
            # comment
            A=1
            export B = two
            C="quoted # not a comment"
            D=plain # comment

            E='single'
            """)
        #expect(variables == ["A": "1", "B": "two", "C": "quoted # not a comment", "D": "plain", "E": "single"])
    }
}
