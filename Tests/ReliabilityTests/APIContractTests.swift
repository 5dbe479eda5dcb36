import ChaosLab
import ChaosLabTesting
import Testing

extension LiveStackTests {
    @Suite("api-contract")
    struct APIContractTests {
        @Test("passes on the reference stack, directly and through Traefik", .timeLimit(.minutes(3)))
        func reference() async throws {
            let result = try await LiveStack.run(APIContractCheck())
            #expect(result.verdict == .pass, "\(result.explanation)")
            #expect(result.figure("cases.failed")?.value == 0, "\(result.explanation)")
            #expect(result.figure("cases.unobserved")?.value == 0, "\(result.explanation)")
            #expect((result.figure("cases")?.value ?? 0) >= 18, "\(result.explanation)")
            #expect(result.figure("advice")?.value == 0, "\(result.explanation)")
            #expect((result.figure("outage.answer")?.value ?? 99) <= 2, "\(result.explanation)")
            #expect(result.figure("outage.recovery") != nil, "\(result.explanation)")
        }

        @Test("fails when the API publishes empty messages (accept-empty-message)", .timeLimit(.minutes(5)))
        func acceptEmptyMessage() async throws {
            let result = try await LiveStack.run(APIContractCheck(), knobs: [.acceptEmptyMessage])
            #expect(result.verdict == .fail, "\(result.explanation)")
            #expect(result.reason.hasPrefix("4 of 19 requests broke the contract: POST empty message (direct and proxy): expected 4xx and nothing published, got 200"), "\(result.reason)")
            #expect(result.reason.contains("POST missing message field (direct and proxy): expected 4xx and nothing published, got 200"), "\(result.reason)")
            #expect(result.reason.contains("and published 1 message"), "\(result.reason)")
            #expect(!result.reason.contains("bad JSON"), "\(result.reason)")
        }

        @Test("fails when the API publishes str(dict) text instead of JSON (non-json-body)", .timeLimit(.minutes(5)))
        func nonJSONBody() async throws {
            let result = try await LiveStack.run(APIContractCheck(), knobs: [.nonJSONBody])
            #expect(result.verdict == .fail, "\(result.explanation)")
            #expect(result.reason.hasPrefix("2 of 19 requests broke the contract: published body of the good message (direct and proxy): expected a JSON document or plain text carrying the message, got `{'id': '"), "\(result.reason)")
            #expect(result.reason.contains("which is not JSON but Python's str() of a dict (publish json.dumps(…) instead)"), "\(result.reason)")
            #expect(!result.reason.contains("POST"), "\(result.reason)")
        }

        @Test("fails when the API answers before it publishes (answer-before-publish)", .timeLimit(.minutes(5)))
        func answerBeforePublish() async throws {
            let result = try await LiveStack.run(APIContractCheck(), knobs: [.answerBeforePublish])
            #expect(result.verdict == .fail, "\(result.explanation)")
            #expect(result.reason.hasPrefix("2 of 19 requests broke the contract: POST a good message (direct and proxy): expected 200 \"Message sent\", answered only once the broker saw the message published to chaoslab.work (50 ms margin), got answered 'Message sent' at "), "\(result.reason)")
            #expect(result.reason.contains(" ms before the broker saw api-contract-"), "\(result.reason)")
            #expect(result.reason.contains("the API does not wait for the broker"), "\(result.reason)")
            #expect(!result.reason.contains("with the broker down"), "\(result.reason)")
            let timeline = try #require(result.evidence.first { $0.title.hasPrefix("Each good message: sent, seen published") })
            #expect(timeline.lines.count == 2 && timeline.lines.allSatisfy { $0.contains("answered ") && $0.contains(" ms before the publish") }, "\(timeline.lines)")
        }
    }
}
