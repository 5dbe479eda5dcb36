@testable import ChaosLab
import Testing

/// Inference on stacks written the way the seeds describe theirs: no x-chaoslab block, no
/// manifest, only what the compose file and the services' code show.
@Suite("Roles: inference on the seeds' stacks")
struct SeedInferenceTests {
    /// Each finding as `field = value (source)`.
    static func lines(_ resolution: RolesResolution) -> [String] {
        resolution.findings.map { "\($0.field.rawValue) = \($0.value) (\($0.source))" }
    }

    static func status(_ resolution: RolesResolution) -> [String: String] {
        Dictionary(uniqueKeysWithValues: resolution.checks.map { ($0.check, $0.status.rawValue) })
    }

    @Test("seed 000: Flask API behind Traefik, one worker, guest broker")
    func seed000() throws {
        let resolution = try RolesFixture.resolve(RolesFixture.seed("seed-000"))
        #expect(Self.lines(resolution) == [
            "broker.service = rabbitmq (guessed from image rabbitmq:3-management of service rabbitmq)",
            "broker.host = 127.0.0.1 (default: the published port is reached on this host)",
            "broker.amqp_port = 5672 (guessed from published port 5672 → 5672 of service rabbitmq)",
            "broker.management_url = http://127.0.0.1:15672 (guessed from published port 15672 → 15672 of service rabbitmq)",
            "broker.user = guest (default: RabbitMQ's built-in user, as nothing sets another)",
            "broker.password = ******** (default: RabbitMQ's built-in password, as nothing sets another)",
            "broker.vhost = / (default: RabbitMQ's default virtual host)",
            "api.service = api (guessed from its name (api) of service api, reachable from the host)",
            "api.base_url = http://127.0.0.1 (guessed from the Traefik router labels of service api, which publishes no port)",
            "api.proxied_base_url = http://127.0.0.1 (guessed from the Traefik router labels of service api)",
            "api.message_path = /api/message (guessed from the POST route in api/app.py:28)",
            "api.health_path = /api/health (guessed from the route in api/app.py:36)",
            "api.user = user (guessed from API_USER of service api)",
            "api.password = ******** (guessed from API_PASS of service api)",
            #"api.body_template = {"message": "{{token}}"} (default: a JSON body with the token as "message", as student APIs take it)"#,
            "workers = worker (guessed from worker: its name)",
            "work_queue = messages (guessed from the queue named in worker/worker.py:7)",
            "proxy.service = traefik (guessed from image traefik:v3.0 of service traefik)",
            "proxy.base_url = http://127.0.0.1 (guessed from published port 80 → 80 of service traefik (entry point web))",
            "proxy.dashboard_url = http://127.0.0.1:8080 (guessed from published port 8080 → 8080 of service traefik (entry point traefik))",
            #"proxy.routes = GET /api/health → 200 (the API's health endpoint); GET /monitor/ → 200 with "RabbitMQ Management" (the RabbitMQ management UI) (guessed from the Traefik router rules of api and rabbitmq)"#,
            "worker_evidence.received_pattern = \(RoleInference.anyTokenPattern) (default: any line of a worker's output that names one of the lab's tokens)",
            "worker_evidence.effect_file = /app/data/messages.log (guessed from the file worker appends to in worker/worker.py:13, from WORKDIR /app of worker/Dockerfile)",
        ])
        #expect(resolution.missing.map(\.field) == [.deadLetterQueue, .apiPoisonBodyTemplate])
        #expect(Self.status(resolution) == [
            "round-robin": "not-applicable", "prefetch-fairness": "not-applicable", "redelivery": "limited",
            "persistence": "limited", "dead-letter": "limited", "api-contract": "applies",
            "security": "applies", "traefik-routes": "applies", "exact-counts": "not-applicable",
        ])
        #expect(resolution.notes.count == 1)
        #expect(resolution.notes.first?.hasPrefix("The broker login is RabbitMQ's guest") == true)
        #expect(resolution.exitStatus == 0)
    }

    @Test("seed 001: the consumer is found by its code, the queue by the .env file")
    func seed001() throws {
        let resolution = try RolesFixture.resolve(RolesFixture.seed("seed-001"))
        let roles = try #require(resolution.roles)
        #expect(roles.broker == "rabbitmq")
        #expect(roles.workers == ["analiticas"])
        #expect(resolution.source(of: .workers)?.description == "guessed from analiticas: basic_consume in servicio-analiticas/analiticas.py:24")
        #expect(roles.workQueue == "cola_analiticas")
        #expect(resolution.source(of: .workQueue)?.description == "guessed from QUEUE_NAME of service analiticas")
        #expect(roles.api?.service == "cliente_x")
        #expect(resolution.source(of: .apiService)?.description == "guessed from its build folder (sender) of service cliente_x, reachable from the host")
        #expect(roles.api?.baseURL == "http://127.0.0.1:5046")
        #expect(roles.api?.messagePath == "/send")
        #expect(roles.api?.proxiedBaseURL == nil)
        #expect(roles.proxy?.service == "reverse-proxy")
        #expect(roles.proxy?.baseURL == "http://127.0.0.1")
        #expect(roles.proxy?.dashboardURL == "http://127.0.0.1:8081")
        #expect(roles.proxy?.routes == [])
        #expect(resolution.missing.map(\.field) == [.deadLetterQueue, .apiPoisonBodyTemplate, .proxyRoutes])
        #expect(Self.status(resolution)["round-robin"] == "not-applicable")
        #expect(Self.status(resolution)["traefik-routes"] == "limited")
        #expect(resolution.exitStatus == 0)
    }

    @Test("seed 002: sender and two workers, no proxy; the queue from the workers' code")
    func seed002() throws {
        let resolution = try RolesFixture.resolve(RolesFixture.seed("seed-002"))
        let roles = try #require(resolution.roles)
        #expect(roles == StackRoles(
            broker: "rabbitmq-service",
            brokerAccess: BrokerAccess(amqpPort: 5672, managementURL: "http://127.0.0.1:15672", user: "guest", password: "guest"),
            api: APIRole(service: "sender", baseURL: "http://127.0.0.1:5044", messagePath: "/send", bodyTemplate: RoleInference.dotsBodyTemplate, supportsWorkTime: true),
            workers: ["worker1", "worker2"],
            workQueue: "task_queue",
            workerEvidence: WorkerEvidence(receivedPattern: RoleInference.anyTokenPattern, donePattern: #"\[x\] Done"#)
        ))
        #expect(resolution.source(of: .workers)?.description == "guessed from worker1: its name; worker2: its name")
        #expect(resolution.source(of: .workQueue)?.description == "guessed from the queue named in worker/worker.py:10")
        #expect(resolution.source(of: .apiMessagePath)?.description == "guessed from the POST route in sender/app.py:9")
        #expect(resolution.source(of: .apiBodyTemplate)?.description == "guessed from .count('.') in worker/worker.py:16, a worker that works one second per dot")
        #expect(resolution.missing.map(\.field) == [.deadLetterQueue, .apiPoisonBodyTemplate, .proxyService])
        #expect(Self.status(resolution) == [
            "round-robin": "applies", "prefetch-fairness": "applies", "redelivery": "applies",
            "persistence": "applies", "dead-letter": "limited", "api-contract": "applies",
            "security": "limited", "traefik-routes": "not-applicable", "exact-counts": "not-applicable",
        ])
    }

    @Test("seed 003: a gateway with many POST routes, an event consumer with replicas")
    func seed003() throws {
        let resolution = try RolesFixture.resolve(RolesFixture.seed("seed-003"))
        let roles = try #require(resolution.roles)
        #expect(roles.broker == "rabbitmq")
        #expect(roles.brokerAccess?.user == "bookstore")
        #expect(roles.brokerAccess?.password == "bookstore-pass")
        #expect(resolution.source(of: .brokerUser)?.description == "guessed from RABBITMQ_DEFAULT_USER of service rabbitmq")
        // deploy.replicas: 2 makes each container of the consumer a worker of its own.
        #expect(roles.workers == ["order-service#1", "order-service#2"])
        #expect(roles.workQueue == "order_book_events")
        #expect(roles.api?.service == "api-gateway")
        #expect(roles.api?.baseURL == "http://127.0.0.1:5000")
        #expect(roles.api?.messagePath == "/api/message")
        #expect(resolution.source(of: .apiMessagePath)?.kind == .defaulted)
        #expect(roles.proxy == nil)
        #expect(resolution.notes.contains("api-gateway takes POST on several paths (/books, /login, /orders, /register); declare api.message_path to say which one publishes."))
        #expect(resolution.notes.contains { $0.hasPrefix("order-service runs 2 containers (deploy.replicas or scale): each is a worker of its own (order-service#1, order-service#2)") })
    }

    @Test("seed 004: clients behind Traefik publish, the report app consumes with auto-ack")
    func seed004() throws {
        let resolution = try RolesFixture.resolve(RolesFixture.seed("seed-004"))
        let roles = try #require(resolution.roles)
        #expect(roles.workers == ["reporte-app"])
        #expect(roles.workQueue == "registro")
        #expect(resolution.source(of: .workQueue)?.description == "guessed from the queue named in reporte-app/reporte_app.py:14")
        // The clients publish only from GET /cliente/<nombre>: triggers, not an API that
        // takes messages (which would be judged on a POST path they do not have).
        #expect(roles.api == nil)
        #expect(roles.proxy?.service == "traefik")
        #expect(roles.proxy?.dashboardURL == nil)
        #expect(Self.status(resolution)["api-contract"] == "not-applicable")
        #expect(Self.status(resolution)["redelivery"] == "limited")
    }

    @Test("seed 004: GET /cliente/uno through Traefik is a trigger counted under cliente-1's SERVICE_ID")
    func seed004Trigger() throws {
        let resolution = try RolesFixture.resolve(RolesFixture.seed("seed-004"))
        let roles = try #require(resolution.roles)
        #expect(roles.trigger == EventTrigger(url: "http://127.0.0.1/cliente/uno", key: "app1"))
        // Behind Traefik's basic auth, whose password is unknown, the page must still ask for it.
        #expect(roles.proxy?.routes.last == ProxyRoute(path: "/reporte", target: "the counter's page, asked without its login", status: 401))
        #expect(resolution.source(of: .eventsTriggerURL)?.description == "guessed from the GET route in cliente/cliente_app.py:22 that publishes, through the Traefik router of service cliente-1 (/cliente/uno); the key: SERVICE_ID of service cliente-1, which service_id takes in cliente/cliente_app.py:30")
        #expect(resolution.notes.contains { $0.hasPrefix("Several producers publish one event per request (cliente-1 at http://127.0.0.1/cliente/uno, cliente-2 at http://127.0.0.1/cliente/dos, cliente-3 at http://127.0.0.1/cliente/tres)") })
    }

    @Test("at least five checks apply, in full or in part, to every seed", arguments: ["seed-000", "seed-001", "seed-002", "seed-003", "seed-004"])
    func fiveChecksApply(seed: String) throws {
        let resolution = try RolesFixture.resolve(RolesFixture.seed(seed))
        let applying = Self.status(resolution).filter { $0.value == "applies" || $0.value == "limited" }
        #expect(applying.count >= 5, "\(seed): \(applying.keys.sorted())")
    }

    @Test("seed 004: the report app counts per service_id, the clients publish str() of a dict")
    func seed004Counter() throws {
        let resolution = try RolesFixture.resolve(RolesFixture.seed("seed-004"))
        let roles = try #require(resolution.roles)
        #expect(roles.counter == CounterRole(service: "reporte-app", url: "http://127.0.0.1/reporte"))
        #expect(resolution.source(of: .counterService)?.description == "guessed from registro[service_id] += 1 in reporte-app/reporte_app.py:20, in a worker that answers GET")
        #expect(roles.events == EventRoute(
            routingKey: "registro", bodyTemplate: "{'service_id': '{{token}}', 'timestamp': '2026-01-01 00:00:00', 'action': 'registro'}", persistent: false))
        #expect(resolution.source(of: .eventsBodyTemplate)?.description == "guessed from the message published in cliente/cliente_app.py:30 (str() of a dict), with the lab's key in service_id, the field reporte-app reads")
        #expect(resolution.notes.contains("reporte-app's page is behind Traefik basic auth, whose password the labels keep only hashed; declare counter.user and counter.password."))
        #expect(Self.status(resolution)["exact-counts"] == "applies")
    }

    @Test("seed 001: analiticas counts per cliente from JSON events sent to the exchange eventos_clientes")
    func seed001Counter() throws {
        let resolution = try RolesFixture.resolve(RolesFixture.seed("seed-001"))
        let roles = try #require(resolution.roles)
        #expect(roles.counter?.service == "analiticas")
        #expect(roles.counter?.url.hasSuffix("/reporte") == true)
        #expect(roles.events == EventRoute(exchange: "eventos_clientes", routingKey: "cola_analiticas", bodyTemplate: #"{"cliente": "{{token}}"}"#, persistent: false))
    }

    @Test("a work-queue stack counts nothing: exact-counts does not apply", arguments: ["seed-000", "seed-002"])
    func noCounter(seed: String) throws {
        let resolution = try RolesFixture.resolve(RolesFixture.seed(seed))
        #expect(resolution.roles?.counter == nil)
        #expect(Self.status(resolution)["exact-counts"] == "not-applicable")
    }

    @Test("a stack without RabbitMQ or workers lacks essentials: exit status 1")
    func essentialsMissing() throws {
        let resolution = try RolesFixture.resolve(yaml: """
            services:
              web:
                image: nginx
                ports: ["8080:80"]
              cache:
                image: redis:7
            """)
        #expect(resolution.roles == nil)
        #expect(resolution.missing.filter(\.isEssential).map(\.field) == [.brokerService, .workers, .workQueue])
        #expect(resolution.checks.allSatisfy { $0.status == .cannotRun })
        #expect(resolution.exitStatus == 1)
        #expect(resolution.summary.contains("missing broker.service, workers, work_queue: no check can run"))
    }
}
