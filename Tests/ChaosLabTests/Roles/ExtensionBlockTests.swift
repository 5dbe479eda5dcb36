@testable import ChaosLab
import Testing

/// The `x-chaoslab` block: every field, some fields, declared absences, interpolation, and
/// one-line errors naming the file, line and field.
@Suite("Roles: the x-chaoslab block")
struct ExtensionBlockTests {
    static let full = """
        broker:
          service: mq
          amqp_port: 5673
          management_url: http://127.0.0.1:15673/
          user: lab
          password: lab-secret
          vhost: /lab
        api:
          service: web
          base_url: http://127.0.0.1:8001
          proxied_base_url: http://127.0.0.1:8880
          message_path: /api/jobs
          health_path: /api/health
          user: api-user
          password: api-secret
          body_template: '{"text": "{{token}}", "sleep_ms": {{work_ms}}}'
          poison_body_template: '{"text": "{{token}}", "fail": true}'
        workers: [worker-a, worker-b]
        work_queue: jobs
        dead_letter_queue: jobs.dead
        proxy:
          service: edge
          base_url: http://127.0.0.1:8880
          secure_base_url: https://127.0.0.1:8443
          dashboard_url: http://127.0.0.1:8081
          routes:
            - path: /api/health
              target: the API
              body_contains: ok
            - {path: /missing, target: nothing, status: 404}
        worker_evidence:
          received_pattern: '\\[x\\] Received (?<token>\\S+)'
          done_pattern: '\\[x\\] Done (?<token>\\S+)'
          rejected_pattern: 'rejected (?<token>\\S+)'
          record_file: /data/log.jsonl
        events:
          exchange: eventos
          routing_key: analiticas
          body_template: "{'cliente': '{{token}}', 'evento': 'visita'}"
          persistent: yes
        counter:
          service: worker-a
          url: http://127.0.0.1:5064/reporte
          user: admin
          password: "123"
        """

    @Test("a full block gives every role, all from x-chaoslab")
    func fullBlock() throws {
        let resolution = try RolesFixture.resolve(yaml: RolesFixture.compose(block: Self.full))
        let roles = try #require(resolution.roles)
        #expect(roles == StackRoles(
            broker: "mq",
            brokerAccess: BrokerAccess(amqpPort: 5673, managementURL: "http://127.0.0.1:15673", user: "lab", password: "lab-secret", virtualHost: "/lab"),
            api: APIRole(
                service: "web", baseURL: "http://127.0.0.1:8001", proxiedBaseURL: "http://127.0.0.1:8880",
                messagePath: "/api/jobs", healthPath: "/api/health", user: "api-user", password: "api-secret",
                bodyTemplate: #"{"text": "{{token}}", "sleep_ms": {{work_ms}}}"#,
                poisonBodyTemplate: #"{"text": "{{token}}", "fail": true}"#, supportsWorkTime: true
            ),
            workers: ["worker-a", "worker-b"],
            workQueue: "jobs",
            deadLetterQueue: "jobs.dead",
            proxy: ProxyRole(
                service: "edge", baseURL: "http://127.0.0.1:8880", secureBaseURL: "https://127.0.0.1:8443", dashboardURL: "http://127.0.0.1:8081",
                routes: [
                    ProxyRoute(path: "/api/health", target: "the API", bodyContains: "ok"),
                    ProxyRoute(path: "/missing", target: "nothing", status: 404),
                ]
            ),
            workerEvidence: WorkerEvidence(
                receivedPattern: #"\[x\] Received (?<token>\S+)"#, donePattern: #"\[x\] Done (?<token>\S+)"#,
                rejectedPattern: #"rejected (?<token>\S+)"#, recordFile: "/data/log.jsonl"
            ),
            events: EventRoute(exchange: "eventos", routingKey: "analiticas", bodyTemplate: "{'cliente': '{{token}}', 'evento': 'visita'}", persistent: true),
            counter: CounterRole(service: "worker-a", url: "http://127.0.0.1:5064/reporte", user: "admin", password: "123")
        ))
        // broker.host is the only value nobody wrote: the default for a published port.
        let undeclared = resolution.findings.filter { !$0.source.isDeclared }.map(\.field)
        #expect(undeclared == [.brokerHost])
        #expect(resolution.missing.isEmpty)
        #expect(resolution.checks.allSatisfy { $0.status == .applies }, "\(resolution.checks)")
        #expect(resolution.exitStatus == 0)
        let port = try #require(resolution.findings.first { $0.field == .brokerAMQPPort })
        #expect(port.source == .extensionBlock("docker-compose.yml", line: 28))
        #expect(port.source.description == "x-chaoslab (docker-compose.yml:28)")
        #expect(resolution.findings.first { $0.field == .brokerPassword }?.value == "********")
        #expect(resolution.findings.first { $0.field == .counterPassword }?.value == "********")
    }

    @Test("the events and counter sections: one-line errors naming the field", arguments: [
        ("events:\n  routing_key: r\n  body_template: '{\"cliente\": \"x\"}'", "`x-chaoslab.events.body_template` must hold {{token}}, where the lab puts the key the consumer counts by"),
        ("events:\n  persistent: maybe", "`x-chaoslab.events.persistent` must be true or false, not \"maybe\""),
        ("counter:\n  service: nowhere", "`x-chaoslab.counter.service` names \"nowhere\", which is not a service of"),
        ("counter:\n  url: /reporte", "`x-chaoslab.counter.url` must be an http:// or https:// URL with a host"),
        ("counter:\n  colour: red", "x-chaoslab.counter.colour"),
    ])
    func countingErrors(block: String, message: String) throws {
        let error = #expect(throws: RolesInputError.self) {
            try RolesFixture.resolve(yaml: RolesFixture.compose(block: block))
        }
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }

    @Test("counter: null declares the stack counts nothing")
    func counterAbsent() throws {
        let resolution = try RolesFixture.resolve(yaml: RolesFixture.compose(block: "counter: null"))
        #expect(resolution.roles?.counter == nil)
        #expect(resolution.checks.first { $0.check == "exact-counts" }?.status == .notApplicable)
    }

    @Test("a partial block: what it declares wins, the rest is guessed")
    func partialBlock() throws {
        let block = """
            workers: [worker-b]
            work_queue: other
            api:
              message_path: /enqueue
            """
        let resolution = try RolesFixture.resolve(yaml: RolesFixture.compose(block: block))
        let roles = try #require(resolution.roles)
        #expect(roles.workers == ["worker-b"])
        #expect(roles.workQueue == "other")
        #expect(roles.api?.messagePath == "/enqueue")
        #expect(resolution.source(of: .workers)?.kind == .extensionBlock)
        #expect(resolution.source(of: .workQueue)?.kind == .extensionBlock)
        // Guessed from the compose file around the declaration.
        #expect(roles.broker == "mq")
        #expect(resolution.source(of: .brokerService)?.description == "guessed from image rabbitmq:3-management of service mq")
        #expect(roles.brokerAccess == BrokerAccess(amqpPort: 5673, managementURL: "http://127.0.0.1:15673", user: "lab", password: "lab-secret"))
        #expect(roles.api?.service == "web")
        #expect(roles.api?.baseURL == "http://127.0.0.1:8001")
        #expect(roles.api?.user == "api-user")
        #expect(roles.proxy?.service == "edge")
        #expect(roles.proxy?.secureBaseURL == "https://127.0.0.1:8443")
        // worker-a is not a worker: the declaration said so, and it is not guessed back in.
        #expect(!roles.workers.contains("worker-a"))
    }

    @Test("null declares a role absent: nothing is guessed for it")
    func declaredAbsent() throws {
        let block = """
            proxy: null
            dead_letter_queue: ~
            api:
              health_path:
            """
        let resolution = try RolesFixture.resolve(yaml: RolesFixture.compose(block: block))
        let roles = try #require(resolution.roles)
        #expect(roles.proxy == nil)
        #expect(roles.deadLetterQueue == nil)
        #expect(roles.api?.healthPath == nil)
        #expect(resolution.findings.first { $0.field == .proxyService }?.value == "none")
        #expect(!resolution.findings.contains { $0.field == .proxyBaseURL })
        #expect(!resolution.missing.contains { [.proxyService, .proxyBaseURL, .deadLetterQueue].contains($0.field) })
        #expect(resolution.checks.first { $0.check == "traefik-routes" }?.status == .notApplicable)
        // The broker's live topology still decides: a stack cannot declare its dead-lettering away.
        #expect(resolution.checks.first { $0.check == "dead-letter" }?.status == .limited)
    }

    @Test("an essential role declared absent leaves no check to run")
    func essentialDeclaredAbsent() throws {
        let resolution = try RolesFixture.resolve(yaml: RolesFixture.compose(block: "workers: []"))
        #expect(resolution.roles == nil)
        #expect(resolution.missing.filter(\.isEssential).map(\.field) == [.workers])
        #expect(resolution.exitStatus == 1)
    }

    @Test("a role declared absent in the block hides the manifest's values for it")
    func absentRoleHidesLowerLayers() throws {
        let resolution = try RolesFixture.resolve(yaml: RolesFixture.compose(block: "api: null"), manifest: "api:\n  user: someone\n")
        #expect(resolution.roles?.api == nil)
        #expect(resolution.findings.filter { $0.field.section == "api" }.map(\.field) == [.apiService])
    }

    @Test("values are interpolated like the rest of the file; $$ is a literal $")
    func interpolation() throws {
        let block = """
            broker:
              amqp_port: ${MQ_PORT:-5999}
              user: ${MQ_USER:-nobody}
            worker_evidence:
              done_pattern: 'done (?<token>\\S+)$$'
            api:
              base_url: http://127.0.0.1:${API_PORT}/
            """
        let resolution = try RolesFixture.resolve(yaml: RolesFixture.compose(block: block), environment: ["MQ_PORT": "6000", "API_PORT": "80"])
        let roles = try #require(resolution.roles)
        #expect(roles.brokerAccess?.amqpPort == 6000)
        #expect(roles.brokerAccess?.user == "nobody")
        #expect(roles.workerEvidence.donePattern == #"done (?<token>\S+)$"#)
        #expect(roles.api?.baseURL == "http://127.0.0.1")
    }

    @Test(
        "a field of the wrong shape is a one-line error naming file, line and field",
        arguments: [
            ("broker:\n  amqp_port: amqp", "docker-compose.yml:27:16: `x-chaoslab.broker.amqp_port` must be a port number (1–65535), not \"amqp\"."),
            ("broker:\n  amqp_port: 70000", "docker-compose.yml:27:16: `x-chaoslab.broker.amqp_port` must be a port number (1–65535), not \"70000\"."),
            ("workers: worker-a", "docker-compose.yml:26:12: `x-chaoslab.workers` must be a list of service names."),
            ("workers: [worker-a, [x]]", "docker-compose.yml:26:23: `x-chaoslab.workers[1]` must be a single value, not a list."),
            ("broker:\n  service: rabbit", "docker-compose.yml:27:14: `x-chaoslab.broker.service` names \"rabbit\", which is not a service of docker-compose.yml (it has mq, web, worker-a, worker-b, edge)."),
            ("api:\n  base_url: ftp://127.0.0.1", "docker-compose.yml:27:15: `x-chaoslab.api.base_url` must be an http:// or https:// URL with a host, not \"ftp://127.0.0.1\"."),
            ("api:\n  message_path: api/message", "docker-compose.yml:27:19: `x-chaoslab.api.message_path` must be an absolute path starting with /, not \"api/message\"."),
            ("api:\n  body_template: '{\"message\": \"hello\"}'", "docker-compose.yml:27:20: `x-chaoslab.api.body_template` must hold {{token}}, where the lab puts its message token."),
            ("api:\n  body_template: 'message={{token}}'", "docker-compose.yml:27:20: `x-chaoslab.api.body_template` is not JSON once {{token}}, {{work_ms}} and {{work_dots}} are filled in ({{work_dots}} by nothing, as for no work; the lab posts it as application/json)."),
            ("worker_evidence:\n  received_pattern: 'got (\\S+)'", "docker-compose.yml:27:23: `x-chaoslab.worker_evidence.received_pattern` has no named group `token` saying which message a worker started on; write it as (?<token>…) (only done_pattern and rejected_pattern may leave it out)."),
            ("proxy:\n  routes:\n    - path: monitor", "docker-compose.yml:28:15: `x-chaoslab.proxy.routes[0].path` must be an absolute path starting with /, not \"monitor\"."),
            ("proxy:\n  routes:\n    - {path: /x, status: 999}", "docker-compose.yml:28:28: `x-chaoslab.proxy.routes[0].status` must be an HTTP status (100–599), not \"999\"."),
            ("broker: rabbitmq", "docker-compose.yml:26:11: `x-chaoslab.broker` must be a mapping."),
            ("api: yes", "docker-compose.yml:26:8: `x-chaoslab.api` must be a mapping, or null when the stack has none."),
            ("brokers:\n  service: mq", "docker-compose.yml:27:5: `x-chaoslab.brokers` is not a field of the roles schema; known here: broker, api, proxy, worker_evidence, events, counter, workers, work_queue, dead_letter_queue."),
            ("broker:\n  usr: lab", "docker-compose.yml:27:10: `x-chaoslab.broker.usr` is not a field of the roles schema; known here: service, host, amqp_port, management_url, user, password, vhost."),
        ]
    )
    func badField(block: String, message: String) throws {
        let error = try #require(RolesFixture.error(yaml: RolesFixture.compose(block: block)))
        #expect(error.description == message)
        #expect(error.path == "docker-compose.yml")
        #expect(error.field != nil)
    }

    @Test("a bad regular expression names the field")
    func invalidRegex() throws {
        let error = try #require(RolesFixture.error(yaml: RolesFixture.compose(block: "worker_evidence:\n  received_pattern: '(?<token>'")))
        #expect(error.field == "x-chaoslab.worker_evidence.received_pattern")
        #expect(error.line == 27)
        #expect(error.description.contains("is not a valid regular expression"))
    }

    @Test("an interpolation compose would refuse is reported where it is")
    func refusedInterpolation() throws {
        let error = try #require(RolesFixture.error(yaml: RolesFixture.compose(block: "worker_evidence:\n  done_pattern: 'done (?<token>\\S+)$'")))
        #expect(error.line == 27)
        #expect(error.description.hasPrefix("docker-compose.yml:27:"))
        #expect(error.description.contains("a `$` must start a variable"))
    }
}
