@testable import ChaosLab
import Testing

/// One row of a verdict table: a name that reads as the row ("auto-ack worker killed → fail
/// naming ack_required false"), what the check saw, the verdict it must reach and the words its
/// reason must carry: the message token and the broker evidence it names, so a reason that is
/// reworded into saying something else, or names the wrong thing, is caught.
struct VerdictCase<Seen, Expected: Hashable & Sendable>: Sendable, CustomTestStringConvertible {
    let name: String
    let expected: Expected
    let words: [String]
    /// Words the reason must not carry: a claim that would be false here.
    let absent: [String]
    let seen: @Sendable () -> Seen

    init(_ name: String, _ expected: Expected, naming words: [String], without absent: [String] = [], seen: @escaping @Sendable () -> Seen) {
        self.name = name
        self.expected = expected
        self.words = words
        self.absent = absent
        self.seen = seen
    }

    var testDescription: String { name }

    /// Expects `reason` to carry every one of ``words`` and none of ``absent``.
    func expectNamed(in reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for word in words {
            #expect(reason.contains(word), "the reason does not name “\(word)”: \(reason)", sourceLocation: sourceLocation)
        }
        for word in absent {
            #expect(!reason.contains(word), "the reason wrongly says “\(word)”: \(reason)", sourceLocation: sourceLocation)
        }
    }
}
