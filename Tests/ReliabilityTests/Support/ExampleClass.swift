import ChaosLab
import Foundation

/// The example student stacks in `examples/` as a class to grade, with one more submission
/// that does not build: a copy of the tutorial whose worker file was renamed (`Worker.py`), so
/// its Dockerfile's `COPY worker.py .` fails, as a student's does after a rename on a
/// case-insensitive laptop.
enum ExampleClass {
    /// The examples, in the order they are graded.
    static let examples = ["student-good", "tutorial", "scaled-workers", "student-faulty", "single-worker", "single-worker-faulty", "counter-good", "counter-faulty"]

    /// The name the broken copy is graded under.
    static let broken = "broken-tutorial"

    /// Where the class is written: kept after the run, so its pages can be looked at.
    static let output = URL(fileURLWithPath: LiveStack.packageRoot + "/.build/class-grades")

    /// The examples' folders and the broken copy's (made afresh under `scratch`).
    static func repositories(scratch: URL) throws -> [String] {
        let manager = FileManager.default
        let copy = scratch.appending(path: broken)
        try? manager.removeItem(at: copy)
        try manager.createDirectory(at: scratch, withIntermediateDirectories: true)
        try manager.copyItem(at: URL(fileURLWithPath: LiveStack.packageRoot + "/examples/tutorial"), to: copy)
        try manager.moveItem(at: copy.appending(path: "worker/worker.py"), to: copy.appending(path: "worker/Worker.py"))
        return examples.map { LiveStack.packageRoot + "/examples/" + $0 } + [copy.path]
    }
}
