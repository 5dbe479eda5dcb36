import ChaosLab
import Testing

extension LiveStackTests {
    /// The example student stacks, graded like a student's repository from their compose files
    /// and code alone (none declares anything for the lab): student-good and the tutorial copy
    /// pass every check that applies to them, student-faulty fails exactly the checks its
    /// mistakes break; one-worker (seed 000's shape, done right) passes redelivery with its
    /// only worker killed in a burst and started again; of the two counting stacks, counter-good passes exact-counts and
    /// counter-faulty (seed 004's mistakes) fails it with each lost event's story. Each example
    /// is brought up and graded once.
    @Suite("example student stacks")
    struct ExampleStackTests {
        /// A check's expected verdict and the words its reason must contain.
        struct Expectation: Sendable {
            var verdict: Verdict
            var reasonContains: [String] = []

            static let pass = Expectation(verdict: .pass)
            static let notApplicable = Expectation(verdict: .notApplicable)
            static func fail(_ words: String...) -> Expectation {
                Expectation(verdict: .fail, reasonContains: words)
            }
        }

        /// Every catalogued check expected to pass, but for `exceptions`; a work-queue stack
        /// counts nothing, so exact-counts does not apply unless said otherwise.
        static func passing(except exceptions: [String: Expectation] = [:]) -> [String: Expectation] {
            let defaults = ["exact-counts": Expectation.notApplicable]
            return Dictionary(uniqueKeysWithValues: CheckCatalogue.names.map { ($0, exceptions[$0] ?? defaults[$0] ?? .pass) })
        }

        /// What each example must get from each check; the words tell a student which mistake
        /// it was. Only the broker's account and the API's answers are quoted, never what the
        /// workers print.
        static let expectations: [String: [String: Expectation]] = [
            "student-good": passing(),
            // The tutorial has no reverse proxy and claims no route.
            "tutorial": passing(except: ["traefik-routes": .notApplicable]),
            // Seed 000's shape done right: one worker with instant tasks, no proxy. Redelivery
            // kills it in a burst and starts it again.
            "one-worker": passing(except: [
                "round-robin": .notApplicable, "prefetch-fairness": .notApplicable, "traefik-routes": .notApplicable,
                "redelivery": Expectation(verdict: .pass, reasonContains: ["into a burst of 500 instant tasks", "to worker once it started again"]),
            ]),
            // Counting stacks: one consumer, no API, no proxy, no dead-lettering; the lab
            // publishes their events itself.
            "counter-good": passing(except: notApplicableToCounters),
            "counter-faulty": passing(except: notApplicableToCounters.merging([
                "persistence": .fail("20 of 20 confirmed messages lost in the broker crash", "the queue is not durable"),
                "security": .fail("guest/guest logged in over AMQP"),
                "exact-counts": .fail(
                    "counts kept only in memory", "showed a lower count once it ran again",
                    "delivered to reporte with auto-ack", "never delivered again",
                    "were in registro when the broker was SIGKILLed and never delivered after it", "published transient", "registro is not durable"
                ),
            ]) { $1 }),
            "student-faulty": passing(except: [
                "prefetch-fairness": .fail("Prefetch=1 is not enforced", "while it was busy with prefetch-fairness-", "no prefetch limit", "auto-ack"),
                "redelivery": .fail("1 message lost: redelivery-", "ack_required false", "was never delivered again"),
                "persistence": .fail("published transient (delivery mode 1, seen on the firehose)", "the queue is not durable"),
                "dead-letter": .fail("Silent loss", "no x-dead-letter-exchange"),
                "api-contract": .fail(
                    "POST empty message (direct and proxy): expected 4xx and nothing published, got 200",
                    "which is not JSON but Python's str() of a dict"
                ),
            ]),
        ]

        /// What a counting stack does not claim: two workers, an API, a proxy, dead-lettering.
        static let notApplicableToCounters: [String: Expectation] = Dictionary(
            uniqueKeysWithValues: ["round-robin", "prefetch-fairness", "redelivery", "dead-letter", "api-contract", "traefik-routes"].map { ($0, .notApplicable) }
        ).merging(["exact-counts": .pass]) { $1 }

        @Test("each example gets exactly its expected verdicts, saying why", .timeLimit(.minutes(20)),
              arguments: ["student-good", "tutorial", "student-faulty", "one-worker", "counter-good", "counter-faulty"])
        func grade(example: String) async throws {
            let expected = try #require(Self.expectations[example])
            let results = try await ExampleStack.runAllChecks(example)
            #expect(Set(results.keys) == Set(expected.keys), "\(results.keys.sorted())")
            for (name, expectation) in expected.sorted(by: { $0.key < $1.key }) {
                let result = try #require(results[name], "no result for \(name)")
                #expect(result.verdict == expectation.verdict, "\(example) \(name): \(result.summary)")
                for words in expectation.reasonContains {
                    #expect(result.reason.contains(words), "\(example) \(name): \(result.reason)")
                }
            }
        }
    }
}
