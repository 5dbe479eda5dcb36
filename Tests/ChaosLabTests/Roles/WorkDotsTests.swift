@testable import ChaosLab
import Foundation
import Testing

/// `{{work_dots}}`: work time for the RabbitMQ tutorial's workers, which sleep one second per
/// dot in the message.
@Suite("Roles: work time as dots")
struct WorkDotsTests {
    static let api = APIRole(service: "sender", baseURL: "http://127.0.0.1:5044", bodyTemplate: RoleInference.dotsBodyTemplate, supportsWorkTime: true)

    @Test(
        "the nearest whole second, half a second up; no work, no dots",
        arguments: [(0, ""), (1, ""), (200, ""), (499, ""), (500, "."), (999, "."), (1_000, "."), (1_499, "."), (1_500, ".."), (4_000, "...."), (-5, "")]
    )
    func dots(milliseconds: Int, dots: String) {
        #expect(Self.api.body(token: "round-robin-3fa9c1-7", workMilliseconds: milliseconds) == #"{"message": "round-robin-3fa9c1-7\#(dots)"}"#)
        #expect(APIRole.workDots(milliseconds: milliseconds) == dots.count)
    }

    @Test(
        "a template asks for work time with either placeholder",
        arguments: [
            (#"{"message": "{{token}}{{work_dots}}"}"#, true),
            (#"{"message": "{{token}}", "work_ms": {{work_ms}}}"#, true),
            (#"{"message": "{{token}}"}"#, false),
        ]
    )
    func asksForWorkTime(template: String, asks: Bool) throws {
        #expect(APIRole.asksForWorkTime(template) == asks)
        let yaml = RolesFixture.compose(block: "api:\n  body_template: '\(template)'")
        let roles = try #require(try RolesFixture.resolve(yaml: yaml).roles)
        #expect(roles.api?.supportsWorkTime == asks)
        let redelivery = CheckApplicability.assess(roles).first { $0.check == "redelivery" }
        // Without work time a worker is killed in a burst of instant tasks instead.
        #expect(redelivery?.status == (asks ? .applies : .limited))
        if !asks {
            #expect(redelivery?.reasons.first?.hasPrefix("The API cannot ask for a long task (no {{work_ms}} or {{work_dots}} in api.body_template): the worker is killed while it works through a burst") == true)
        }
    }

    @Test(
        "a template is JSON with {{work_dots}} filled by nothing",
        arguments: [
            (#"{"message": "{{token}}{{work_dots}}"}"#, nil),
            (
                #"{"message": "{{token}}", "dots": {{work_dots}}}"#,
                "is not JSON once {{token}}, {{work_ms}} and {{work_dots}} are filled in ({{work_dots}} by nothing, as for no work; the lab posts it as application/json)"
            ),
        ] as [(String, String?)]
    )
    func templateProblem(template: String, problem: String?) {
        #expect(RoleDeclarationReader.templateProblem(template) == problem)
    }

    @Test(
        "source lines that count a message's dots",
        arguments: [
            ("    time.sleep(body.count(b'.'))", ".count(b'.')"),
            (#"    time.sleep(body.count(b"."))"#, #".count(b".")"#),
            ("    time.sleep(message.count('.'))", ".count('.')"),
            (#"    seconds = text.count( "." )"#, #".count( "." )"#),
            ("    n = words.count('a')", nil),
            ("    n = text.count('..')", nil),
            ("    # time.sleep(body.count(b'.'))", nil),
        ] as [(String, String?)]
    )
    func sourceLines(line: String, call: String?) {
        var scan = BuildContextScan()
        SourcePatterns().read("import time\n" + line, file: "worker.py", into: &scan)
        #expect(scan.countsDots == call.map { SourceClue(value: $0, file: "worker.py", line: 2) })
    }

    @Test("inference: a worker that counts dots gets the dots body, unless a body is declared")
    func inference() async throws {
        let seed = RolesFixture.seed("seed-002")
        let guessed = try RolesFixture.resolve(seed)
        #expect(guessed.roles?.api?.bodyTemplate == RoleInference.dotsBodyTemplate)
        #expect(guessed.roles?.api?.supportsWorkTime == true)
        #expect(guessed.source(of: .apiBodyTemplate)?.description == "guessed from .count('.') in worker/worker.py:16, a worker that works one second per dot")
        try await withTemporaryDirectory { folder in
            let manifest = "\(folder)/chaoslab.yml"
            try "api:\n  body_template: '{\"text\": \"{{token}}\"}'\n".write(toFile: manifest, atomically: true, encoding: .utf8)
            let declared = try RolesFixture.resolve(seed, rolesFile: manifest)
            #expect(declared.roles?.api?.bodyTemplate == #"{"text": "{{token}}"}"#)
            #expect(declared.roles?.api?.supportsWorkTime == false)
        }
    }
}
