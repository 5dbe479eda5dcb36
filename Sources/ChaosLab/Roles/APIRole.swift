/// How the lab publishes a message through a stack's HTTP API.
public struct APIRole: Sendable, Codable, Hashable {
    /// The API's service.
    public var service: String
    /// Base URL of the API as seen from the host, e.g. `http://127.0.0.1:8000`.
    public var baseURL: String
    /// Base URL through the reverse proxy, when there is one, e.g. `http://127.0.0.1`.
    public var proxiedBaseURL: String?
    /// The path messages are posted to.
    public var messagePath: String
    /// A path answering 200 when the API is ready to publish, e.g. `/api/health`.
    public var healthPath: String?
    /// Basic-auth credentials, when the API wants them.
    public var user: String?
    public var password: String?
    /// The JSON body template. `{{token}}` is replaced by the lab's unique message token,
    /// `{{work_ms}}` by the requested work time in milliseconds and `{{work_dots}}` by one dot
    /// per second of it (see ``workDots(milliseconds:)``).
    public var bodyTemplate: String
    /// A body template for a message the workers must reject (poison), when the API can send
    /// one; `{{token}}` as in ``bodyTemplate``.
    public var poisonBodyTemplate: String?
    /// Whether the body template can ask for work time and poison (the reference API can; a
    /// student's API usually cannot).
    public var supportsWorkTime: Bool

    public init(
        service: String,
        baseURL: String,
        proxiedBaseURL: String? = nil,
        messagePath: String = "/api/message",
        healthPath: String? = nil,
        user: String? = nil,
        password: String? = nil,
        bodyTemplate: String = #"{"message": "{{token}}"}"#,
        poisonBodyTemplate: String? = nil,
        supportsWorkTime: Bool = false
    ) {
        self.service = service
        self.baseURL = baseURL
        self.proxiedBaseURL = proxiedBaseURL
        self.messagePath = messagePath
        self.healthPath = healthPath
        self.user = user
        self.password = password
        self.bodyTemplate = bodyTemplate
        self.poisonBodyTemplate = poisonBodyTemplate
        self.supportsWorkTime = supportsWorkTime
    }

    /// The request body for one poison message, or `nil` when the API cannot send one.
    public func poisonBody(token: String) -> String? {
        poisonBodyTemplate?.replacing("{{token}}", with: token)
    }

    /// The request body for one message.
    public func body(token: String, workMilliseconds: Int = 0) -> String {
        Self.fill(bodyTemplate, token: token, workMilliseconds: workMilliseconds)
    }

    /// `template` with every placeholder filled in: the one place that knows them.
    static func fill(_ template: String, token: String, workMilliseconds: Int) -> String {
        template
            .replacing("{{token}}", with: token)
            .replacing("{{work_ms}}", with: String(workMilliseconds))
            .replacing("{{work_dots}}", with: String(repeating: ".", count: workDots(milliseconds: workMilliseconds)))
    }

    /// How many dots ask a worker that sleeps one second per dot in the message (the RabbitMQ
    /// tutorial's `time.sleep(body.count(b'.'))`) for about `milliseconds` of work: the
    /// nearest whole second (half a second up), so a check's short task (200 ms) stays
    /// instant instead of growing fivefold, and none for no work.
    public static func workDots(milliseconds: Int) -> Int {
        milliseconds <= 0 ? 0 : (milliseconds + 500) / 1000
    }

    /// Whether a body template says where the work time goes (`{{work_ms}}` or `{{work_dots}}`).
    public static func asksForWorkTime(_ template: String) -> Bool {
        template.contains("{{work_ms}}") || template.contains("{{work_dots}}")
    }
}
