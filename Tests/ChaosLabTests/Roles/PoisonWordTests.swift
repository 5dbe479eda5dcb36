@testable import ChaosLab
import Testing

/// The word a worker turns messages away for, and the poison body the lab sends for it.
@Suite("Roles: the poison word in a worker's code")
struct PoisonWordTests {
    static func scan(_ source: String, file: String = "worker.py") -> BuildContextScan {
        var scan = BuildContextScan()
        SourcePatterns().read(source, file: file, into: &scan)
        return scan
    }

    @Test(
        "a condition on a word whose block rejects or nacks the message",
        arguments: [
            ("def callback(ch, method, properties, body):\n    if b'fail' in body:\n        print(' [x] Rejected')\n        ch.basic_reject(delivery_tag=method.delivery_tag, requeue=False)\n        return\n    ch.basic_ack(delivery_tag=method.delivery_tag)", "fail"),
            ("def callback(ch, method, properties, body):\n    text = body.decode()\n    if \"poison\" in text.lower():\n        ch.basic_nack(delivery_tag=method.delivery_tag, requeue=False)", "poison"),
            ("    if 'error' in message: ch.basic_reject(method.delivery_tag, requeue=False)", "error"),
            ("    elif 'invalid' in message:\n\n        channel.basic_reject(delivery_tag=tag, requeue=False)", "invalid"),
            ("  if (text.includes('fallo')) {\n    channel.nack(msg, false, false);\n    return;\n  }", "fallo"),
        ]
    )
    func rejected(source: String, word: String) {
        let scan = Self.scan(source, file: source.contains("channel.nack(msg") ? "worker.js" : "worker.py")
        #expect(scan.poisonWord?.value == word)
        #expect(scan.rejectsPoison)
    }

    @Test(
        "no poison word: a reject outside the condition's block, a word that does not say poison, a negated test",
        arguments: [
            "    if b'fail' in body:\n        print('odd')\n    ch.basic_reject(delivery_tag=method.delivery_tag, requeue=False)",
            "    if 'hello' in message:\n        print('hi')\n        return",
            "    if 'fail' not in message:\n        ch.basic_reject(delivery_tag=tag, requeue=False)",
            "    # if 'fail' in body:\n    #     ch.basic_reject(delivery_tag=tag)",
        ]
    )
    func none(source: String) {
        #expect(Self.scan(source).poisonWord == nil)
    }

    @Test("a word that says poison counts where the worker only skips the message; a rejecting condition wins")
    func skipped() {
        let skipping = Self.scan("def callback(ch, method, properties, body):\n    text = body.decode()\n    if \"poison\" in text:\n        print(f\" [!] Could not process {text}\")\n        return")
        #expect(skipping.poisonWord == SourceClue(value: "poison", file: "worker.py", line: 3))
        #expect(!skipping.rejectsPoison)
        let both = Self.scan("    if 'poison' in text:\n        return\n    if 'fail' in text:\n        ch.basic_reject(delivery_tag=tag, requeue=False)")
        #expect(both.poisonWord?.value == "fail")
        #expect(both.rejectsPoison)
    }

    @Test(
        "the poison body is the API's body with the word after the token and no work time",
        arguments: [
            (RoleInference.dotsBodyTemplate, #"{"message": "{{token}} fail"}"#),
            (#"{"message": "{{token}}", "work_ms": {{work_ms}}}"#, #"{"message": "{{token}} fail", "work_ms": 0}"#),
            (#"{"text": "{{token}}"}"#, #"{"text": "{{token}} fail"}"#),
        ]
    )
    func template(body: String, poison: String) {
        #expect(RoleInference.poisonTemplate(body, word: "fail") == poison)
        #expect(RoleDeclarationReader.templateProblem(poison) == nil)
    }

    @Test("inference: a declared poison body or body template wins over the code")
    func declarations() async throws {
        let compose = ExampleRolesTests.composeFile("tutorial")
        let guessed = try RolesFixture.resolve(compose)
        #expect(guessed.roles?.api?.poisonBodyTemplate == #"{"message": "{{token}} fail"}"#)
        try await withTemporaryDirectory { folder in
            let manifest = "\(folder)/chaoslab.yml"
            try "api:\n  body_template: '{\"task\": \"{{token}}{{work_dots}}\"}'\n".write(toFile: manifest, atomically: true, encoding: .utf8)
            let body = try RolesFixture.resolve(compose, rolesFile: manifest)
            #expect(body.roles?.api?.poisonBodyTemplate == #"{"task": "{{token}} fail"}"#)
            try "api:\n  poison_body_template: '{\"message\": \"{{token}} poison\"}'\n".write(toFile: manifest, atomically: true, encoding: .utf8)
            let poison = try RolesFixture.resolve(compose, rolesFile: manifest)
            #expect(poison.roles?.api?.poisonBodyTemplate == #"{"message": "{{token}} poison"}"#)
            #expect(poison.source(of: .apiPoisonBodyTemplate)?.kind == .manifest)
        }
    }
}
