@testable import ChaosLab
import Testing

/// The small rules inference is made of: names, commands, URLs, Dockerfiles, source lines.
@Suite("Roles: inference rules")
struct InferenceRulesTests {
    @Test(
        "worker names and commands",
        arguments: [
            ("worker1", true), ("rabbit_worker2", true), ("email-consumer", true), ("receiver", true), ("trabajador-a", true),
            ("api", false), ("networker", false), ("sender", false),
        ]
    )
    func workerNames(name: String, isWorker: Bool) {
        #expect(RoleVocabulary.namesWorker(name) == isWorker)
    }

    @Test("a command runs a worker when a word (not an option) names one")
    func workerCommands() {
        #expect(RoleVocabulary.commandRunsWorker("worker.py"))
        #expect(RoleVocabulary.commandRunsWorker("/app/consumer.js"))
        #expect(RoleVocabulary.commandRunsWorker("receive.py"))
        #expect(!RoleVocabulary.commandRunsWorker("--workers=4"))
        #expect(!RoleVocabulary.commandRunsWorker("app:app"))
    }

    @Test("password variables follow the user variable")
    func passwordVariables() {
        #expect(RoleVocabulary.passwordVariables(forUser: "API_USER") == ["API_PASSWORD", "API_PASS", "API_PASSWD", "API_PWD"])
        #expect(RoleVocabulary.passwordVariables(forUser: "RABBITMQ_USERNAME").first == "RABBITMQ_PASSWORD")
        #expect(RoleVocabulary.passwordVariables(forUser: "USER").prefix(2) == ["PASSWORD", "PASS"])
    }

    @Test("URLs lose default ports and trailing slashes")
    func urls() {
        #expect(RoleURL.normalized("http://127.0.0.1:80/") == "http://127.0.0.1")
        #expect(RoleURL.normalized("HTTPS://localhost:443/base/") == "https://localhost/base")
        #expect(RoleURL.normalized("http://127.0.0.1:8080") == "http://127.0.0.1:8080")
        #expect(RoleURL.normalized("ftp://host") == nil)
        #expect(RoleURL.normalized("http://") == nil)
        #expect(RoleURL.published(hostIP: "0.0.0.0", port: 8000) == "http://127.0.0.1:8000")
        #expect(RoleURL.published(hostIP: "::1", port: 8000) == "http://[::1]:8000")
        #expect(RoleURL.published(scheme: "https", hostIP: nil, port: 443) == "https://127.0.0.1")
    }

    @Test("AMQP URLs give a login and a virtual host")
    func amqpURLs() throws {
        let url = try #require(AMQPURL("amqp://lab:s%40cret@rabbitmq:5672/%2F"))
        #expect(url.user == "lab")
        #expect(url.password == "s@cret")
        #expect(url.virtualHost == "/")
        #expect(AMQPURL("amqp://rabbitmq")?.user == nil)
        #expect(AMQPURL("http://rabbitmq") == nil)
    }

    @Test("a Dockerfile's command: the last ENTRYPOINT, then the last CMD, of the last stage")
    func dockerfileCommand() {
        let text = """
            FROM node:20 AS build
            CMD ["node", "build.js"]
            FROM python:3.11-slim
            ENTRYPOINT ["python", "-u"]
            CMD python \\
                consumer.py --queue tasks
            """
        #expect(BuildContextScanner.dockerfileCommand(text) == ["python", "-u", "python", "consumer.py", "--queue", "tasks"])
    }

    @Test("source lines: routes, queues, dead-letter queues and AMQP calls")
    func sourceLines() {
        let python = """
            QUEUE_NAME = os.getenv("QUEUE_NAME", "tasks")
            DLQ = "tasks.dlq"
            @app.route("/api/send", methods=["GET", "POST"])
            @app.get("/healthz")
            args = {"x-dead-letter-exchange": "", "x-dead-letter-routing-key": "tasks.dead"}
            # channel.queue_declare(queue="commented")
            channel.queue_declare(queue="jobs", durable=True)
            channel.basic_consume(queue="jobs", on_message_callback=work)
            reply = channel.queue_declare(queue="", exclusive=True)
            """
        var scan = BuildContextScan()
        SourcePatterns().read(python, file: "w.py", into: &scan)
        #expect(scan.postRoutes.map(\.value) == ["/api/send"])
        #expect(scan.healthRoutes.map(\.value) == ["/healthz"])
        #expect(scan.queues.map(\.value) == ["tasks", "jobs", "jobs"])
        #expect(scan.deadLetterQueues.map(\.value) == ["tasks.dlq", "tasks.dead"])
        #expect(scan.consumes == SourceClue(value: "basic_consume", file: "w.py", line: 8))
        #expect(scan.publishes == nil)

        let javascript = """
            const QUEUE = process.env.WORK_QUEUE || 'work';
            app.post('/enqueue', (req, res) => ch.sendToQueue(QUEUE, Buffer.from(req.body.message)));
            """
        var jsScan = BuildContextScan()
        SourcePatterns().read(javascript, file: "index.js", into: &jsScan)
        #expect(jsScan.postRoutes.map(\.value) == ["/enqueue"])
        #expect(jsScan.queues.map(\.value) == ["work"])
        #expect(jsScan.publishes?.value == "sendToQueue")
    }

    @Test(
        "a healthcheck's URL gives its path without the code around it",
        arguments: [
            ("import urllib.request; urllib.request.urlopen('http://127.0.0.1:5000/api/health', timeout=3)", "/api/health"),
            ("curl -fsS http://localhost:8000/health?full=1", "/health"),
            ("wget -qO- \"http://127.0.0.1/api/healthz\"", "/api/healthz"),
            ("/api/health", "/api/health"),
        ]
    )
    func healthcheckPath(command: String, path: String) throws {
        let yaml = """
            services:
              rabbitmq:
                image: rabbitmq:3-management
              api:
                build: ./api
                ports: ["127.0.0.1:5000:5000"]
                healthcheck:
                  test: ["CMD-SHELL", '\(command.replacingOccurrences(of: "'", with: "''"))']
              worker1:
                build: ./worker
                environment:
                  QUEUE_NAME: tasks
            """
        let roles = try RolesFixture.resolve(yaml: yaml).roles
        #expect(roles?.api?.healthPath == path)
    }

    @Test("Traefik router rules give their paths")
    func routedPaths() {
        let service = ComposeService(name: "api", labels: [
            "traefik.http.routers.api.rule": "Host(`x`) && PathPrefix(`/api`)",
            "traefik.http.routers.ping.rule": "Path(`/ping`) || PathPrefix(`/api`)",
        ])
        #expect(service.routedPaths == ["/api", "/ping"])
        #expect(service.hasRouterLabels)
    }
}
