/// The words inference reads service names, build folders and commands with. Student stacks
/// are written in English and Spanish (the seeds are), so both are understood.
enum RoleVocabulary {
    /// Name words of a broker service (`rabbitmq`, `rabbitmq-service`, `broker`).
    static let broker = ["rabbitmq", "rabbit", "broker", "mq", "amqp"]
    /// Name words of a reverse proxy (`traefik`, `reverse-proxy`).
    static let proxy = ["traefik", "proxy"]
    /// Prefixes of worker words (`worker1`, `consumers`, `receive.py`, `trabajador`).
    static let worker = ["worker", "consumer", "receiver", "receive", "trabajador", "consumidor", "receptor"]
    /// Words naming an HTTP API that publishes (`api`, `sender`, `flask-app`, `emisor`).
    static let api = ["api", "sender", "send", "producer", "publisher", "web", "app", "emisor", "productor", "publicador"]

    /// Environment variables holding the work queue's name, most specific first.
    static let queueVariables = ["WORK_QUEUE", "QUEUE_NAME", "QUEUE", "RABBITMQ_QUEUE", "RABBIT_QUEUE", "AMQP_QUEUE", "TASK_QUEUE", "RABBITMQ_QUEUE_NAME", "COLA"]
    /// Environment variables holding the dead-letter queue's name.
    static let deadLetterVariables = ["DEAD_LETTER_QUEUE", "DLQ", "DLQ_NAME", "DEAD_LETTER_QUEUE_NAME", "RABBITMQ_DLQ", "DLQ_QUEUE"]
    /// Words in a variable or queue name that make it a dead-letter queue, not the work queue.
    static let deadLetterMarks = ["DEAD", "DLQ", "DLX"]
    /// Words in a variable name that make it some other queue than the work queue.
    static let otherQueueMarks = ["REPLY", "RESULT", "RETRY", "RESPONSE", "CALLBACK"]

    /// Words that name a message a worker must not process, even where its code only skips it.
    static let poisonWords = ["poison", "veneno"]
    /// Words of a line a worker prints when a message arrives (not when it is done with it).
    static let arrivalWords = ["receiv", "recib", "got "]

    /// Variables holding the API's basic-auth user, most specific first.
    static let apiUserVariables = [
        "API_USER", "API_USERNAME", "BASIC_AUTH_USER", "BASIC_AUTH_USERNAME", "AUTH_USER", "AUTH_USERNAME",
        "HTTP_USER", "ADMIN_USER", "APP_USER", "USERNAME", "USER",
    ]
    /// Variables of the broker's clients (the API, the workers) holding their broker user.
    static let brokerUserVariables = [
        "RABBITMQ_USER", "RABBITMQ_USERNAME", "RABBIT_USER", "AMQP_USER", "AMQP_USERNAME", "BROKER_USER", "MQ_USER",
        "RABBITMQ_DEFAULT_USER",
    ]

    /// The variables that may hold the password going with the user variable `name`
    /// (`API_USER` → `API_PASSWORD`, `API_PASS`, …).
    static func passwordVariables(forUser name: String) -> [String] {
        let stem = name.hasSuffix("USERNAME") ? name.dropLast("USERNAME".count) : name.dropLast("USER".count)
        return ["PASSWORD", "PASS", "PASSWD", "PWD"].map { stem + $0 }
    }
    /// Variables holding a whole AMQP URL (`amqp://user:password@host:5672/vhost`).
    static let amqpURLVariables = ["AMQP_URL", "RABBITMQ_URL", "RABBIT_URL", "BROKER_URL", "CLOUDAMQP_URL", "AMQP_URI", "RABBITMQ_URI", "CELERY_BROKER_URL"]

    /// The words of a name: split at anything not a letter or digit, lowercased, with trailing
    /// digits dropped (`rabbit_worker1` → `rabbit`, `worker`).
    static func words(_ name: String) -> [String] {
        name.lowercased()
            .split { !($0.isLetter || $0.isNumber) }
            .map { word in String(word.reversed().drop { $0.isNumber }.reversed()) }
            .filter { !$0.isEmpty }
    }

    /// Whether some word of `name` is one of `vocabulary`.
    static func names(_ name: String, oneOf vocabulary: [String]) -> Bool {
        words(name).contains { vocabulary.contains($0) }
    }

    /// Whether some word of `name` starts with a worker word.
    static func namesWorker(_ name: String) -> Bool {
        words(name).contains { word in worker.contains { word.hasPrefix($0) } }
    }

    /// Whether a command word runs a worker: `worker.py`, `/app/consumer.js`, `worker` (a
    /// subcommand); options (`--workers=4`) do not count.
    static func commandRunsWorker(_ word: String) -> Bool {
        guard !word.hasPrefix("-") else { return false }
        let last = word.split(separator: "/").last.map(String.init) ?? word
        let stem = last.split(separator: ".").first.map(String.init) ?? last
        return namesWorker(stem)
    }

    /// Words of a route that only says the service is up (`/health`, `/salud`, `/ping`).
    static let healthWords = ["health", "salud", "ping", "status", "ready", "alive"]
}
