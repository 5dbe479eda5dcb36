import ChaosLab
import ChaosLabTesting
import Foundation
import Logging
import Testing

extension LiveStackTests {
    /// The example student stacks graded as a class, the way `chaoslab grade` grades one: each
    /// from its compose file and code alone (none declares anything for the lab), under a
    /// project of its own, one after another. student-good and the tutorial copy pass every
    /// check that applies to them, and so does scaled-workers, whose one worker service runs
    /// two replicas, each a worker of its own; student-faulty fails exactly the checks its mistakes break;
    /// single-worker (seed 000's shape, done right) passes redelivery with its only worker killed
    /// in a burst and started again, every acknowledged message in its log file, and
    /// single-worker-faulty fails it for the lines its unflushed log lost; counter-good passes exact-counts, through the lab's own
    /// events and a client's GET /cliente/uno, and counter-faulty (seed 004's mistakes) fails
    /// it with each lost event's story; a copy that does not build is
    /// graded *does not start* with its report, and the class goes on. Each example is brought
    /// up and graded once.
    @Suite("a class of example student stacks")
    struct ClassGradingTests {
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
            // The tutorial with one worker service of two replicas: each container is a worker,
            // and redelivery kills one of them, not the service.
            "scaled-workers": passing(except: [
                "traefik-routes": .notApplicable,
                "redelivery": Expectation(verdict: .pass, reasonContains: ["worker#"]),
            ]),
            // Seed 000's shape done right: one worker with instant tasks, Traefik at /api and
            // /monitor. Redelivery kills it in a burst and starts it again.
            "single-worker": passing(except: [
                "round-robin": .notApplicable, "prefetch-fairness": .notApplicable,
                "traefik-routes": Expectation(verdict: .pass, reasonContains: ["claimed route requests answered as claimed over http and https"]),
                "redelivery": Expectation(verdict: .pass, reasonContains: ["into a burst of 500 instant tasks", "to worker once it started again", "in /app/data/messages.log"]),
            ]),
            // The same with its log opened once and never flushed: what the SIGKILL caught in
            // Python's buffer was acknowledged, so the broker cannot tell; the file can.
            "single-worker-faulty": passing(except: [
                "round-robin": .notApplicable, "prefetch-fairness": .notApplicable,
                "redelivery": .fail("messages the broker saw acknowledged are not in /app/data/messages.log", "acknowledged by worker before its SIGKILL and lost with it", "a buffered file not flushed before the ack"),
            ]),
            // Counting stacks in seed 004's shape: three clients that publish one event per
            // GET /cliente/<nombre> behind Traefik, one consumer, no API, no dead-lettering;
            // the lab publishes events of its own in the producers' format, and requests
            // /cliente/uno too.
            "counter-good": passing(except: notApplicableToCounters.merging([
                "redelivery": Expectation(verdict: .pass, reasonContains: ["reporte was SIGKILLed", "to reporte once it started again"]),
                "exact-counts": Expectation(verdict: .pass, reasonContains: [
                    "show a count of exactly 1 on reporte's page",
                    "10 requests to http://127.0.0.1/cliente/uno published 10 events for app1, and its count on reporte's page rose by exactly 10",
                ]),
            ]) { $1 }),
            "counter-faulty": passing(except: notApplicableToCounters.merging([
                "redelivery": .fail("messages lost: reporte consumes registro with auto-ack", "none was ever delivered again"),
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

        /// What a counting stack does not claim: two workers, an API that takes messages,
        /// dead-lettering.
        static let notApplicableToCounters: [String: Expectation] = Dictionary(
            uniqueKeysWithValues: ["round-robin", "prefetch-fairness", "dead-letter", "api-contract"].map { ($0, .notApplicable) }
        ).merging(["exact-counts": .pass]) { $1 }

        @Test("the class gets exactly its expected verdicts, saying why, with a report set and a valid results.json per student", .timeLimit(.minutes(40)))
        func gradeTheClass() async throws {
            // The examples publish the reference stack's loopback ports: take it down first.
            try await LiveStack.stack.release()
            let scratch = FileManager.default.temporaryDirectory.appending(path: "chaoslab-class-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            let submissions = try Roster.submissions(from: try ExampleClass.repositories(scratch: scratch))
            try? FileManager.default.removeItem(at: ExampleClass.output)
            let grader = ClassGrader(policy: GradingPolicy(), output: ExampleClass.output, logger: Logger(label: "chaoslab.tests.class"))
            let summary = try await grader.grade(submissions)

            #expect(summary.grades.map(\.submission.name) == ExampleClass.examples + [ExampleClass.broken])
            for grade in summary.grades {
                try Self.expectReportSet(of: grade)
            }
            for grade in summary.grades where grade.submission.name != ExampleClass.broken {
                try Self.expect(grade, matches: try #require(Self.expectations[grade.submission.name]))
            }
            let broken = try #require(summary.grades.last)
            guard case .doesNotStart(let reason) = broken.outcome else {
                Issue.record("the broken copy was \(broken.outcome.label), not 'does not start'")
                return
            }
            #expect(reason.contains("An image does not build"), "\(reason)")
            #expect(reason.contains("worker.py"), "\(reason)")
            #expect(broken.score == 0 && broken.maxScore > 0)
            #expect(!broken.needsReview)
            let page = try String(contentsOf: ExampleClass.output.appending(path: "index.html"), encoding: .utf8)
            #expect(page.contains(#"<a href="student-faulty/index.html#check-3"><span class="badge fail" title="fail">✗ fail</span>"#))
            #expect(try String(contentsOf: ExampleClass.output.appending(path: "grades.csv"), encoding: .utf8).split(separator: "\r\n").count == submissions.count + 1)
        }

        /// Each check's verdict is the one expected, and its reason says why.
        static func expect(_ grade: SubmissionGrade, matches expected: [String: Expectation]) throws {
            let name = grade.submission.name
            #expect(grade.outcome == .graded, "\(name): \(grade.outcome.reason ?? "")")
            let report = try ReportJSON.decoder().decode(RunReport.self, from: Data(contentsOf: ExampleClass.output.appending(path: "\(name)/report.json")))
            let results = Dictionary(report.results.map { ($0.check, $0) }, uniquingKeysWith: { first, _ in first })
            #expect(Set(results.keys) == Set(expected.keys), "\(name): \(results.keys.sorted())")
            for (check, expectation) in expected.sorted(by: { $0.key < $1.key }) {
                let result = try #require(results[check], "\(name): no result for \(check)")
                #expect(result.verdict == expectation.verdict, "\(name) \(check): \(result.explanation)")
                for words in expectation.reasonContains {
                    #expect(result.reason.contains(words), "\(name) \(check): \(result.reason)")
                }
            }
            // What the grade counts agrees with the verdicts: a point per pass, nothing for review.
            #expect(grade.score == Double(report.results.filter { $0.verdict == .pass }.count), "\(name): \(grade.scoreText)")
            #expect(!grade.needsReview, "\(name): \(grade.scores.filter(\.needsReview).map(\.output))")
        }

        /// The student's folder has the usual report, grade.json and a results.json whose total
        /// is the sum of its tests.
        static func expectReportSet(of grade: SubmissionGrade) throws {
            let folder = ExampleClass.output.appending(path: grade.submission.name)
            for file in ["index.html", "report.json", "report.md", "junit.xml", "results.json", "grade.json"] {
                #expect(FileManager.default.fileExists(atPath: folder.appending(path: file).path), "\(grade.submission.name)/\(file)")
            }
            let results = try JSONDecoder().decode(GradescopeResults.self, from: Data(contentsOf: folder.appending(path: "results.json")))
            #expect(results.tests.count == CheckCatalogue.names.count)
            #expect(results.score == results.tests.reduce(0) { $0 + $1.score })
            #expect(results.tests.allSatisfy { $0.score <= $0.maxScore })
        }
    }
}
