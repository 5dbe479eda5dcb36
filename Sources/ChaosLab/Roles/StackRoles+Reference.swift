public import Foundation

extension StackRoles {
    /// The roles of the reference stack in `compose/docker-compose.yml`, with ports and
    /// credentials from `environment` (the same `CHAOSLAB_*` variables compose reads).
    public static func reference(environment: [String: String] = ProcessInfo.processInfo.environment) -> StackRoles {
        func port(_ name: String, _ fallback: Int) -> Int {
            environment[name].flatMap(Int.init) ?? fallback
        }
        let httpPort = port("CHAOSLAB_HTTP_PORT", 80)
        return StackRoles(
            broker: "rabbitmq",
            api: APIRole(
                service: "api",
                baseURL: "http://127.0.0.1:\(port("CHAOSLAB_API_PORT", 8000))",
                proxiedBaseURL: httpPort == 80 ? "http://127.0.0.1" : "http://127.0.0.1:\(httpPort)",
                healthPath: "/api/health",
                user: environment["CHAOSLAB_API_USER"] ?? "admin",
                password: environment["CHAOSLAB_API_PASSWORD"] ?? "chaoslab-api-secret",
                bodyTemplate: #"{"message": "{{token}}", "id": "{{token}}", "work_ms": {{work_ms}}}"#,
                supportsWorkTime: true
            ),
            workers: ["worker1", "worker2"],
            workQueue: "chaoslab.work",
            deadLetterQueue: "chaoslab.dead",
            proxy: "traefik",
            workerEvidence: WorkerEvidence(
                receivedPattern: #"received id=(?<token>\S+) redelivered=(?<redelivered>true|false)"#,
                donePattern: #"done id=(?<token>\S+)"#,
                rejectedPattern: #"rejected id=(?<token>\S+)"#,
                recordFile: "/data/messages.log"
            )
        )
    }
}
