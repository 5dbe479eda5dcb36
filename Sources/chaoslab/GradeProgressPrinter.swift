import ChaosLab
import Foundation
import Synchronization

/// Prints a class's progress as it goes: student i of n with the time so far and an estimate of
/// the time left (from the students graded in this run), each check's verdict, each student's
/// score; then a table of the class and a line of totals.
final class GradeProgressPrinter: Sendable {
    private struct State {
        var start = ContinuousClock.now
        var studentStart = ContinuousClock.now
        var gradedDurations: [Double] = []
    }

    private let state = Mutex(State())
    private let policy: GradingPolicy

    init(policy: GradingPolicy) {
        self.policy = policy
    }

    /// The callbacks for ``ClassGrader/grade(_:progress:)``.
    var progress: GradingProgress {
        GradingProgress(
            studentStarted: { [self] index, count, submission in
                let (elapsed, eta) = state.withLock { state -> (Duration, String) in
                    state.studentStart = .now
                    let done = state.gradedDurations
                    let eta = done.isEmpty ? "unknown until one student is done"
                        : Self.clock(.seconds(done.reduce(0, +) / Double(done.count) * Double(count - index + 1)))
                    return (ContinuousClock.now - state.start, eta)
                }
                ProgressPrinter.emit("[\(index)/\(count)] \(submission.name): building, starting, checking (elapsed \(Self.clock(elapsed)), left about \(eta))")
            },
            checkStarted: { check in
                ProgressPrinter.emit("    ▶ \(check.name)")
            },
            checkFinished: { result in
                ProgressPrinter.emit("    \(ProgressPrinter.mark(result.verdict)) \(result.check): \(result.verdict.word) in \(String(format: "%.1f", result.duration.seconds)) s")
            },
            studentFinished: { [self] index, count, grade, resumed in
                if !resumed {
                    state.withLock { $0.gradedDurations.append(grade.duration.seconds) }
                }
                let how = resumed ? "already graded" : "\(grade.outcome.label) in \(String(format: "%.0f", grade.duration.seconds)) s"
                ProgressPrinter.emit("[\(index)/\(count)] \(grade.submission.name): \(grade.scoreText) points, \(how)\(grade.needsReview ? ", ⚑ for review" : "")")
                if let reason = grade.outcome.reason {
                    ProgressPrinter.emit("    \(reason)")
                }
            }
        )
    }

    /// The class as a table, then the totals and where the summary is.
    func printFinalTable(_ summary: ClassSummary, folder: URL) {
        let nameWidth = max(7, summary.grades.map(\.submission.name.count).max() ?? 0)
        let header = "student".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  score    outcome          time  verdicts"
        var lines = ["", header]
        for grade in summary.grades {
            let marks = policy.checks.map { check in grade.scores.first { $0.check == check }.map { ProgressPrinter.mark($0.verdict) } ?? " " }.joined()
            lines.append(
                grade.submission.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                    + grade.scoreText.padding(toLength: 7, withPad: " ", startingAt: 0) + "  "
                    + grade.outcome.label.padding(toLength: 15, withPad: " ", startingAt: 0)
                    + String(format: "%6.0f s  ", grade.duration.seconds) + marks + (grade.needsReview ? "  ⚑" : "")
            )
        }
        let total = state.withLock { ContinuousClock.now - $0.start }
        lines.append("")
        lines.append("verdicts in order: \(policy.checks.joined(separator: ", ")) (✔ pass, ✘ fail, – not applicable, ? inconclusive, · not run)")
        let grading = Duration.seconds(summary.grades.reduce(0) { $0 + $1.duration.seconds })
        lines.append("\(summary.tally) — \(summary.grades.count) students, \(Self.clock(grading)) of grading (this run \(Self.clock(total))); summary: \(folder.path)/index.html")
        for line in lines { ProgressPrinter.emit(line) }
    }

    /// `12:05` or `1:02:05`.
    static func clock(_ duration: Duration) -> String {
        let seconds = Int(duration.seconds.rounded())
        let (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }
}
