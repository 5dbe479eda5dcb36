public import Foundation

extension StackRoles {
    /// The roles of the reference stack in `compose/docker-compose.yml`, with ports and
    /// credentials from `environment` (the same `CHAOSLAB_*` variables compose reads).
    public static func reference(environment: [String: String] = ProcessInfo.processInfo.environment) -> StackRoles {
        func port(_ name: String, _ fallback: Int) -> Int {
            environment[name].flatMap(Int.init) ?? fallback
        }
        let httpPort = port("CHAOSLAB_HTTP_PORT", 80)
        let httpsPort = port("CHAOSLAB_HTTPS_PORT", 443)
        return StackRoles(
            broker: "rabbitmq",
            brokerAccess: BrokerAccess(
                amqpPort: port("CHAOSLAB_AMQP_PORT", 5672),
                managementURL: "http://127.0.0.1:\(port("CHAOSLAB_MANAGEMENT_PORT", 15672))",
                user: environment["CHAOSLAB_AMQP_USER"] ?? "chaoslab",
                password: environment["CHAOSLAB_AMQP_PASSWORD"] ?? "chaoslab-secret"
            ),
            api: APIRole(
                service: "api",
                baseURL: "http://127.0.0.1:\(port("CHAOSLAB_API_PORT", 8000))",
                proxiedBaseURL: httpPort == 80 ? "http://127.0.0.1" : "http://127.0.0.1:\(httpPort)",
                healthPath: "/api/health",
                user: environment["CHAOSLAB_API_USER"] ?? "admin",
                password: environment["CHAOSLAB_API_PASSWORD"] ?? "chaoslab-api-secret",
                bodyTemplate: #"{"message": "{{token}}", "id": "{{token}}", "work_ms": {{work_ms}}}"#,
                poisonBodyTemplate: #"{"message": "{{token}}", "id": "{{token}}", "poison": true}"#,
                supportsWorkTime: true
            ),
            workers: ["worker1", "worker2"],
            workQueue: "chaoslab.work",
            deadLetterQueue: "chaoslab.dead",
            proxy: ProxyRole(
                service: "traefik",
                baseURL: httpPort == 80 ? "http://127.0.0.1" : "http://127.0.0.1:\(httpPort)",
                secureBaseURL: httpsPort == 443 ? "https://127.0.0.1" : "https://127.0.0.1:\(httpsPort)",
                dashboardURL: "http://127.0.0.1:\(port("CHAOSLAB_DASHBOARD_PORT", 8080))",
                routes: [
                    ProxyRoute(path: "/api/health", target: "the API's health endpoint", bodyContains: #""ok""#),
                    ProxyRoute(path: "/monitor/", target: "the RabbitMQ management UI", bodyContains: "RabbitMQ Management"),
                ]
            ),
            workerEvidence: WorkerEvidence(
                receivedPattern: #"received id=(?<token>\S+) redelivered=(?<redelivered>true|false)"#,
                donePattern: #"done id=(?<token>\S+)"#,
                rejectedPattern: #"rejected id=(?<token>\S+)"#,
                recordFile: "/data/messages.log"
            )
        )
    }
}
