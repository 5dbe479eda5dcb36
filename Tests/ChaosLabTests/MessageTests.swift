import ChaosLab
import Testing

/// Error messages are what a user reads: one line each, naming what and where.
@Suite("Messages")
struct MessageTests {
    @Test("command lines quote only what a shell needs")
    func commandLines() {
        #expect(Command("docker", ["kill", "-s", "KILL", "abc"]).commandLine == "docker kill -s KILL abc")
        #expect(Command("sh", ["-c", "echo 'hi' there", ""]).commandLine == #"sh -c 'echo '\''hi'\'' there' ''"#)
        #expect(Command("docker", ["ps", "--filter", "label=com.docker.compose.project=x", "--format", "{{.Names}}"]).commandLine
            == "docker ps --filter label=com.docker.compose.project=x --format '{{.Names}}'")
    }

    @Test("command errors")
    func commandErrors() {
        #expect(CommandError(commandLine: "docker pause x", code: .failed(.exited(1))).description == "`docker pause x` exited with status 1.")
        #expect(
            CommandError(commandLine: "docker-compose up -d", code: .timedOut(after: .seconds(180)), errorTail: ["Creating x ... done"]).description
                == "`docker-compose up -d` did not finish within 180 s and was terminated; stderr: Creating x ... done"
        )
        #expect(CommandError(commandLine: "sleep 1", code: .timedOut(after: .milliseconds(1500))).description == "`sleep 1` did not finish within 1.5 s and was terminated.")
    }

    @Test(
        "stack errors",
        arguments: [
            (
                StackError(project: "chaoslab", code: .notReady(service: "rabbitmq", seen: "running, health starting", deadline: .seconds(60)), logTail: ["booting", "still booting"]),
                "Service `rabbitmq` of project `chaoslab` was not ready within 60 s (running, health starting); last log lines: booting | still booting"
            ),
            (
                StackError(project: "chaoslab", code: .exited(service: "worker1", exitCode: 2), logTail: [#"unknown knob "x""#]),
                #"Service `worker1` of project `chaoslab` exited with code 2 while the stack was coming up; last log lines: unknown knob "x""#
            ),
            (
                StackError(project: "chaoslab", code: .noInstance(target: .instance("worker", 3))),
                "Project `chaoslab` has no container for `worker#3`."
            ),
            (
                StackError(project: "chaoslab", code: .leftovers(containers: ["chaoslab_api_1"], networks: [], volumes: ["chaoslab_data"])),
                "Project `chaoslab` still has containers chaoslab_api_1; volumes chaoslab_data after `down`."
            ),
            (
                StackError(project: "chaoslab", code: .unreadableFile(path: "worker1:/data/messages.log", problem: "it is a directory")),
                "Cannot read worker1:/data/messages.log from project `chaoslab`: it is a directory."
            ),
        ]
    )
    func stackErrors(error: StackError, message: String) {
        #expect(error.description == message)
    }

    @Test("compose file errors")
    func composeFileErrors() {
        #expect(ComposeFileError(path: "c.yml", code: .missingFile).description == "Compose file c.yml does not exist.")
        #expect(ComposeFileError(path: "c.yml", line: 3, column: 7, code: .invalidYAML(problem: "did not find expected key")).description
            == "c.yml:3:7: invalid YAML: did not find expected key.")
        #expect(ComposeFileError(path: "c.yml", code: .unreadable(reason: "it is not UTF-8 text")).description == "Compose file c.yml cannot be read: it is not UTF-8 text.")
    }

    @Test("knobs: lists, commas, duplicates and an unknown name")
    func knobs() throws {
        #expect(try FixtureKnob.parse(["auto-ack", "requeue-poison,auto-ack", " ", "no-dead-letter"]) == [.autoAck, .requeuePoison, .noDeadLetter])
        #expect(FixtureKnob.environmentValue([.transientMessages, .nonDurableQueue]) == "transient-messages,non-durable-queue")
        #expect(try FixtureKnob.parse([""]) == [])
        let error = try #require(throws: FixtureKnobError.self) { try FixtureKnob.parse(["auto-ack,autoack"]) }
        #expect(error.description == #"Unknown fault knob "autoack"; known knobs: auto-ack, prefetch-unlimited, requeue-poison, transient-messages, non-durable-queue, no-dead-letter, idle-worker2, accept-empty-message, non-json-body, answer-before-publish, guest-remote, monitor-route-moved."#)
        #expect(FixtureKnob.environment([.monitorRouteMoved]) == ["CHAOSLAB_KNOBS": "monitor-route-moved", "CHAOSLAB_MONITOR_PREFIX": "/moved"])
    }

    @Test("targets print as service or service#instance")
    func targets() {
        let whole: ServiceTarget = "worker1"
        #expect(whole.description == "worker1")
        #expect(ServiceTarget.instance("worker", 2).description == "worker#2")
        #expect(ContainerSignal.kill.description == "SIGKILL")
    }
}
