@testable import ChaosLab
import Testing

/// String expressions in Python and JavaScript, worked out from the strings a file assigned.
@Suite("Roles: string expressions in source code")
struct StringExpressionTests {
    static let expressions = StringExpression(constants: ["QUEUE": "tasks", "prefix": "app"])

    @Test(
        "what the source spells out",
        arguments: [
            ("'tasks'", "tasks"),
            (#""a\"b""#, #"a"b"#),
            ("f'{QUEUE}.dlq'", "tasks.dlq"),
            (#"F"{prefix}-{QUEUE}""#, "app-tasks"),
            ("f'{{QUEUE}}'", "{QUEUE}"),
            ("rb'x\\n'", "x\\n"),
            ("QUEUE + '_dlq'", "tasks_dlq"),
            ("'dlq.' + QUEUE", "dlq.tasks"),
            ("(QUEUE + '.' + prefix)", "tasks.app"),
            ("'{}.dead'.format(QUEUE)", "tasks.dead"),
            ("'{0}-{1}'.format(prefix, QUEUE)", "app-tasks"),
            ("'%s.dlq' % QUEUE", "tasks.dlq"),
            ("'%s.%s' % (prefix, QUEUE)", "app.tasks"),
            ("`${QUEUE}.dlq`", "tasks.dlq"),
            ("os.getenv('DLQ', QUEUE + '.dlq')", "tasks.dlq"),
            ("os.environ.get(\"DLQ\", \"dead\")", "dead"),
            ("os.getenv('DLQ') or 'dead'", "dead"),
            ("process.env.DLQ || `${QUEUE}.dlq`", "tasks.dlq"),
            ("process.env.DLQ ?? 'dead';", "dead"),
            ("'tasks'  # the work queue", "tasks"),
            ("QUEUE", "tasks"),
        ] as [(String, String)]
    )
    func known(expression: String, value: String) {
        #expect(Self.expressions.evaluate(expression) == value)
    }

    @Test(
        "what only the running program knows",
        arguments: [
            "os.environ['DLQ']", "os.getenv('DLQ')", "process.env.DLQ", "UNKNOWN", "f'{UNKNOWN}.dlq'", "f'{QUEUE!r}'",
            "QUEUE + suffix()", "QUEUE.upper()", "'a' if QUEUE else 'b'", "42", "{'queue': QUEUE}", "'{name}'.format(name=QUEUE)",
            "'%s.%s' % QUEUE", "'unterminated", "settings.QUEUE",
        ]
    )
    func unknown(expression: String) {
        #expect(Self.expressions.evaluate(expression) == nil)
    }
}
