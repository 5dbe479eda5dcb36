@testable import ChaosLab
import Testing

/// Queue names the code builds from others, read the way a person reads them: a dead-letter
/// queue named after the work queue, a queue held in a name that does not say queue.
@Suite("Roles: queue names built in code")
struct BuiltQueueNamesTests {
    static func scan(_ source: String, file: String = "worker.py") -> BuildContextScan {
        var scan = BuildContextScan()
        SourcePatterns().read(source, file: file, into: &scan)
        return scan
    }

    @Test(
        "a dead-letter queue named after the work queue",
        arguments: [
            ("QUEUE = 'task_queue'\nDLQ = f'{QUEUE}.dlq'", "task_queue", "task_queue.dlq"),
            ("QUEUE = 'task_queue'\nDLQ = QUEUE + '_dlq'", "task_queue", "task_queue_dlq"),
            ("QUEUE_NAME = os.getenv(\"QUEUE_NAME\", \"tasks\")\nDEAD_LETTER_QUEUE = \"{}.dead\".format(QUEUE_NAME)", "tasks", "tasks.dead"),
            ("queue = 'jobs'\nchannel.queue_declare(queue=f\"{queue}.dlq\", durable=True)", "jobs", "jobs.dlq"),
            ("QUEUE = 'jobs'\nchannel.queue_declare(queue='%s_dlq' % QUEUE, durable=True)", "jobs", "jobs_dlq"),
            ("cola = 'tareas'\nchannel.queue_declare(queue=cola + '.dlq')", "tareas", "tareas.dlq"),
            ("QUEUE = os.getenv('QUEUE') or 'jobs'\nDLQ = QUEUE + '.dlq'  # dead letters", "jobs", "jobs.dlq"),
        ]
    )
    func deadLetterQueue(source: String, queue: String, deadLetterQueue: String) {
        let scan = Self.scan(source)
        #expect(scan.queues.first?.value == queue)
        #expect(scan.deadLetterQueues.map(\.value) == [deadLetterQueue])
        #expect(scan.deadLetterQueues.first?.line == 2)
    }

    @Test("the same in JavaScript: template literals and fallbacks of process.env")
    func javascript() {
        let scan = Self.scan("const QUEUE = process.env.QUEUE || 'jobs';\nconst DLQ = `${QUEUE}.dlq`;\nch.assertQueue(DLQ, { durable: true });", file: "worker.js")
        #expect(scan.queues.map(\.value) == ["jobs"])
        #expect(scan.deadLetterQueues.map(\.value) == ["jobs.dlq", "jobs.dlq"])
    }

    @Test("a queue held in any name is found where it is declared by that name")
    func declaredByName() {
        let scan = Self.scan("name = 'hello'\nchannel.queue_declare(queue=name, durable=True)\nchannel.basic_consume(name, callback)")
        #expect(scan.queues.map(\.value) == ["hello", "hello"])
        #expect(scan.queues.first?.line == 2)
    }

    @Test(
        "names only known at run time stay unknown",
        arguments: [
            "QUEUE = 'jobs'\nDLQ = os.environ['DLQ']",
            "QUEUE = 'jobs'\nDLQ = QUEUE + suffix()",
            "QUEUE = 'jobs'\nDLQ = f'{QUEUE}.{ENVIRONMENT}'",
            "QUEUE = 'jobs'\nDLQ = 'dlq' if QUEUE else None",
            "QUEUE = 'jobs'\nchannel.queue_declare(queue=settings.DLQ)",
        ]
    )
    func runTimeNames(source: String) {
        #expect(Self.scan(source).deadLetterQueues.isEmpty)
    }
}
