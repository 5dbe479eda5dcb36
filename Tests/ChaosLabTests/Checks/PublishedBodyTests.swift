@testable import ChaosLab
import Testing

@Suite("What the API published")
struct PublishedBodyTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var body: String
        var passed: Bool
        var observed: String
        var testDescription: String { body }
    }

    static let token = "api-contract-0a1b2c-2"

    @Test("JSON or plain text carrying the text passes; str(dict) and broken JSON fail, saying what they are", arguments: [
        Example(body: #"{"message": "api-contract-0a1b2c-2"}"#, passed: true, observed: "JSON carrying the message (36 bytes)"),
        Example(body: #"{"id": "x", "message": "api-contract-0a1b2c-2", "work_ms": 0}"#, passed: true, observed: "JSON carrying the message (61 bytes)"),
        Example(body: #""api-contract-0a1b2c-2""#, passed: true, observed: "JSON carrying the message (23 bytes)"),
        Example(
            body: "{'message': 'api-contract-0a1b2c-2'}", passed: false,
            observed: "`{'message': 'api-contract-0a1b2c-2'}`, which is not JSON but Python's str() of a dict (publish json.dumps(…) instead)"
        ),
        Example(
            body: "{\"message\": \"api-contract-0a1b2c-2\", \"urgent\": True}", passed: false,
            observed: "`{\"message\": \"api-contract-0a1b2c-2\", \"urgent\": True}`, which is not JSON but Python's str() of a dict (publish json.dumps(…) instead)"
        ),
        Example(body: "api-contract-0a1b2c-2", passed: true, observed: "plain text carrying the message (21 bytes)"),
        Example(body: "api-contract-0a1b2c-2...", passed: true, observed: "plain text carrying the message (24 bytes)"),
        Example(body: "Hello World!", passed: false, observed: "plain text without the message's text: `Hello World!`"),
        Example(body: #"{"message": "something else"}"#, passed: false, observed: #"JSON without the message's text: `{"message": "something else"}`"#),
        Example(
            body: "{\"message\": \"api-contract-0a1b2c-2\", \"urgent\": None}", passed: false,
            observed: "`{\"message\": \"api-contract-0a1b2c-2\", \"urgent\": None}`, which is not JSON but Python's str() of a dict (publish json.dumps(…) instead)"
        ),
        Example(
            body: #"{"message": "api-contract-0a1b2c-2""#, passed: false,
            observed: #"`{"message": "api-contract-0a1b2c-2"`, which looks like JSON but does not parse"#
        ),
    ])
    func judged(_ example: Example) {
        let judgement = PublishedBody(text: example.body).judge(token: Self.token)
        #expect(judgement.passed == example.passed)
        #expect(judgement.observed == example.observed)
    }

    @Test("a long body is cut to 80 characters in the verdict")
    func longBodyExcerpt() {
        let body = "{'message': '" + String(repeating: "x", count: 200) + "'}"
        let observed = PublishedBody(text: body).judge(token: Self.token).observed
        #expect(observed.hasPrefix("`{'message': 'xxx"))
        #expect(observed.contains("…`, which is not JSON"))
        #expect(observed.count < 200)
    }
}
