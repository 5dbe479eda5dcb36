@testable import ChaosLab
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Command runner", .serialized, .timeLimit(.minutes(1)))
struct CommandRunnerTests {
    let runner = CommandRunner(gracePeriod: .milliseconds(500))

    @Test("a successful command is a result with its output")
    func success() async throws {
        let result = try await runner.run(Command("sh", ["-c", "printf 'hello\\n'; printf 'warning\\n' >&2"]))
        #expect(result.succeeded)
        #expect(result.status == .exited(0))
        #expect(result.stdout == "hello\n")
        #expect(result.stderr == "warning\n")
        #expect(result.duration > .zero)
    }

    @Test("a non-zero exit is a result, not an error")
    func failureIsAValue() async throws {
        let result = try await runner.run(Command("false"))
        #expect(!result.succeeded)
        #expect(result.status == .exited(1))
    }

    @Test("check throws an error naming the command, the status and the end of stderr")
    func checkThrows() async throws {
        let command = Command("sh", ["-c", "echo first >&2; echo 'no such container: x' >&2; exit 3"])
        let error = try await #require(throws: CommandError.self) {
            try await runner.check(command)
        }
        #expect(error.code == .failed(.exited(3)))
        #expect(error.errorTail == ["first", "no such container: x"])
        #expect(error.description == "`sh -c 'echo first >&2; echo '\\''no such container: x'\\'' >&2; exit 3'` exited with status 3; stderr: first | no such container: x")
    }

    @Test("a command killed by a signal reports the signal")
    func signaled() async throws {
        let result = try await runner.run(Command("sh", ["-c", "kill -9 $$"]))
        #expect(result.status == .signaled(9))
        #expect(CommandError(failed: result).description == "`sh -c 'kill -9 $$'` was killed by signal 9.")
    }

    @Test("environment additions and the working directory reach the program")
    func environmentAndDirectory() async throws {
        let result = try await runner.check(
            Command("sh", ["-c", "echo \"$CHAOSLAB_TEST_VALUE\"; pwd"], environment: ["CHAOSLAB_TEST_VALUE": "knob-x"], workingDirectory: "/tmp")
        )
        #expect(result.stdout == "knob-x\n/tmp\n")
    }

    @Test("a missing program is a launch error naming it")
    func missingProgram() async throws {
        let error = try await #require(throws: CommandError.self) {
            try await runner.run(Command("chaoslab-no-such-program", ["--help"]))
        }
        #expect(error.description == "`chaoslab-no-such-program --help` could not be started: `chaoslab-no-such-program` was not found in PATH.")
    }

    @Test("a command past its deadline is terminated and reported with what it said")
    func timeout() async throws {
        let clock = ContinuousClock()
        let start = clock.now
        let error = try await #require(throws: CommandError.self) {
            try await runner.run(Command("sh", ["-c", "echo started >&2; sleep 30"], timeout: .milliseconds(300)))
        }
        #expect(clock.now - start < .seconds(5))
        #expect(error.code == .timedOut(after: .milliseconds(300)))
        #expect(error.description == "`sh -c 'echo started >&2; sleep 30'` did not finish within 0.3 s and was terminated; stderr: started")
    }

    @Test("a program ignoring SIGTERM is killed after the grace period")
    func timeoutIgnoringTerm() async throws {
        try await withTemporaryDirectory { directory in
            let pidFile = "\(directory)/pid"
            let clock = ContinuousClock()
            let start = clock.now
            await #expect(throws: CommandError.self) {
                try await runner.run(Command("sh", ["-c", "trap '' TERM; echo $$ > \(pidFile); while :; do sleep 0.1; done"], timeout: .milliseconds(300)))
            }
            #expect(clock.now - start < .seconds(5))
            let pid = try #require(Int32(try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(kill(pid, 0) != 0, "the program is still running")
        }
    }

    @Test("cancelling the calling task terminates the program")
    func cancellation() async throws {
        try await withTemporaryDirectory { directory in
            let pidFile = "\(directory)/pid"
            let runner = runner
            let clock = ContinuousClock()
            let task = Task {
                try await runner.run(Command("sh", ["-c", "echo $$ > \(pidFile); exec sleep 30"]))
            }
            var pid: Int32?
            let deadline = clock.now.advanced(by: .seconds(5))
            while pid == nil, clock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
                pid = (try? String(contentsOfFile: pidFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            }
            let running = try #require(pid)
            let start = clock.now
            task.cancel()
            await #expect(throws: CancellationError.self) {
                try await task.value
            }
            #expect(clock.now - start < .seconds(5))
            #expect(kill(running, 0) != 0, "the program is still running")
        }
    }

    @Test("streaming hands over each stream's lines in order, the last one without a line break too")
    func stream() async throws {
        let received = Mutex<[OutputLine]>([])
        let status = try await runner.stream(Command("sh", ["-c", "echo a; echo b >&2; printf 'c\\r\\nd'"])) { lines in
            received.withLock { $0 += lines }
        }
        #expect(status == .exited(0))
        let lines = received.withLock { $0 }
        #expect(lines.filter { $0.stream == .stdout }.map(\.text) == ["a", "c", "d"])
        #expect(lines.filter { $0.stream == .stderr }.map(\.text) == ["b"])
    }

    @Test("a streamed line arrives while the program runs; cancelling ends the program")
    func streamCancellation() async throws {
        let runner = runner
        let received = Mutex<[String]>([])
        let task = Task {
            try await runner.stream(Command("sh", ["-c", "echo $$; exec sleep 30"])) { lines in
                received.withLock { $0 += lines.map(\.text) }
            }
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(5))
        var pid: Int32?
        while pid == nil, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
            pid = received.withLock { $0.first.flatMap { Int32($0) } }
        }
        let running = try #require(pid)
        let start = clock.now
        task.cancel()
        await #expect(throws: CancellationError.self) {
            try await task.value
        }
        #expect(clock.now - start < .seconds(5))
        #expect(kill(running, 0) != 0, "the program is still running")
    }

    @Test("output beyond the limit is cut; stderr keeps its end")
    func limits() async throws {
        let result = try await runner.run(
            Command("sh", ["-c", "printf '0123456789'; printf 'abcdefghij' >&2"], outputLimit: 4, errorLimit: 3)
        )
        #expect(result.stdout == "0123")
        #expect(result.outputTruncated)
        #expect(result.stderr == "hij")
        #expect(result.errorTruncated)
    }

    @Test("a result encodes its output as text")
    func codable() async throws {
        let result = try await runner.run(Command("sh", ["-c", "echo out; echo err >&2; exit 4"]))
        let decoded = try JSONDecoder().decode(CommandResult.self, from: JSONEncoder().encode(result))
        #expect(decoded == result)
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        #expect(json.contains(#""stdout":"out\n""#))
    }
}
