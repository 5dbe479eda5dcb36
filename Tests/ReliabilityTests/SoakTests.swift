import ChaosLab
import ChaosLabTesting
import Testing

extension LiveStackTests {
    /// Short soaks with fixed seeds (their schedules are pinned in `SoakScheduleSeedTests`):
    /// the reference stack loses nothing while the broker is killed and workers are paused and
    /// killed; each mutant loses messages under the fault it cannot survive, each told with
    /// its story.
    @Suite("soak")
    struct SoakTests {
        @Test("the reference stack loses no acknowledged message under a broker kill, a pause and a worker kill (seed 1)", .timeLimit(.minutes(5)))
        func reference() async throws {
            let result = try await LiveStack.run(SoakCheck(options: SoakTestOptions.reference))
            #expect(result.verdict == .pass, "\(result.explanation)")
            let soak = try #require(result.soak, "\(result.explanation)")
            #expect(soak.counts.lost == 0 && soak.counts.unexpected == 0, "\(result.explanation)")
            #expect(soak.counts.acknowledged >= 1000, "\(result.explanation)")
            #expect(soak.windows.count == 3 && soak.windows.allSatisfy { $0.began != nil && $0.healed != nil }, "\(soak.windows)")
            #expect(soak.chart.acknowledgedPerSecond.count >= 40, "\(soak.chart.acknowledgedPerSecond)")
        }

        @Test("with auto-ack, killed workers lose acknowledged messages, each with its story (seed 5)", .timeLimit(.minutes(5)))
        func autoAck() async throws {
            let result = try await LiveStack.run(SoakCheck(options: SoakTestOptions.workerKills), knobs: [.autoAck])
            #expect(result.verdict == .fail, "\(result.explanation)")
            let soak = try #require(result.soak, "\(result.explanation)")
            #expect(soak.counts.lost > 0, "\(result.explanation)")
            #expect(result.reason.contains("acknowledged messages lost under 3 faults (seed 5)"), "\(result.reason)")
            let story = try #require(soak.lost.first)
            #expect(story.faults.contains { $0.contains("SIGKILL worker") }, "\(story)")
        }

        @Test("with transient messages, a broker kill loses acknowledged messages, each with its story (seed 1)", .timeLimit(.minutes(5)))
        func transientMessages() async throws {
            let result = try await LiveStack.run(SoakCheck(options: SoakTestOptions.brokerKill), knobs: [.transientMessages])
            #expect(result.verdict == .fail, "\(result.explanation)")
            let soak = try #require(result.soak, "\(result.explanation)")
            #expect(soak.counts.lost > 0, "\(result.explanation)")
            let story = try #require(soak.lost.first)
            #expect(story.faults.contains { $0.contains("SIGKILL the broker") }, "\(story)")
            #expect(story.deliveries.isEmpty, "\(story)")
        }
    }
}

/// The live soaks' settings: short and seeded. The reference's workers keep up (no work per
/// message), so its queue never reaches its max-length of 1,000; the mutants' get enough work
/// that a backlog builds up for a fault to hit (with auto-ack: 150 msg/s for workers that take 100 a second,
/// so each holds hundreds the broker already forgot when it is killed).
enum SoakTestOptions {
    static let reference = SoakOptions(duration: 40, concurrency: 8, seed: 1, nemesis: [.kill, .pause, .brokerKill], workMilliseconds: 0)
    static let workerKills = SoakOptions(duration: 30, rate: 150, concurrency: 8, seed: 5, nemesis: [.kill], workMilliseconds: 20)
    static let brokerKill = SoakOptions(duration: 30, concurrency: 8, seed: 1, nemesis: [.brokerKill], workMilliseconds: 5)
}
