@testable import ChaosLab
import Testing

@Suite("Topic binding keys")
struct TopicPatternTests {
    @Test("RabbitMQ's topic matching", arguments: [
        ("work", "work", true), ("work", "other", false),
        ("#", "work", true), ("#", "", true), ("dead.*", "dead.work", true), ("dead.*", "dead.work.x", false),
        ("dead.#", "dead", true), ("dead.#", "dead.work.x", true), ("*.work", "dead.work", true), ("#.work", "a.b.work", true),
        ("a.#.z", "a.z", true), ("a.#.z", "a.b.c.z", true), ("a.#.z", "a.b.c", false), ("*", "", true), ("*", "a.b", false),
    ] as [(String, String, Bool)])
    func matching(_ pattern: String, _ key: String, _ expected: Bool) {
        #expect(TopicPattern.matches(pattern, key) == expected)
    }
}
