import ArgumentParser
import ChaosLab
import Foundation

/// What every command that brings a stack up and judges it takes (`run`, `soak`): the knobs,
/// the report folder, whether to keep the stack, and a stack the lab did not write.
struct StackRunOptions: ParsableArguments {
    @Option(name: .customLong("knob"), parsing: .upToNextOption, help: "Fault knobs to switch on for the whole run.")
    var knobs: [String] = []

    @Option(name: .long, help: "The folder to write the report to.")
    var report: String?

    @Flag(name: .long, help: "Leave the stack running afterwards.")
    var keepUp = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The compose file of a stack the lab did not write, or the folder of the repository that holds it.",
            discussion: "Its roles come from its x-chaoslab block, a manifest or inference; `chaoslab inspect` shows them. Its project is chaoslab-<folder> unless --project says otherwise. Default: the reference stack.",
            valueName: "compose-file"
        )
    )
    var stack: String?

    @Option(name: .long, help: ArgumentHelp("With --swarm: make a Swarm of this many nodes on this machine for the run (one manager, the rest workers) and remove it afterwards.", discussion: "Without it, --swarm uses the nodes `make swarm-up` made and leaves them.", valueName: "count"))
    var nodes: Int?

    @Option(name: .long, help: ArgumentHelp("With --stack: a roles manifest to read instead of chaoslab.yml beside the compose file.", valueName: "file"))
    var roles: String?

    @Option(name: .long, help: ArgumentHelp("With --stack, when grading: the course's roles, which outrank the submission's x-chaoslab block and chaoslab.yml; a submission cannot declare a role away, and every disagreement is noted in roles.txt.", valueName: "file"))
    var courseRoles: String?

    /// The combinations of these options with the global ones that make no sense.
    func validate(with global: GlobalOptions) throws {
        if courseRoles != nil && stack == nil {
            throw ValidationError("--course-roles needs --stack: the reference stack is not graded against a course.")
        }
        if roles != nil && stack == nil {
            throw ValidationError("--roles needs --stack: the reference stack's roles are built in.")
        }
        if stack != nil && global.compose != nil {
            throw ValidationError("Give the compose file with --stack or with --compose, not both: --stack also derives its roles.")
        }
        if nodes != nil && !global.swarm {
            throw ValidationError("--nodes makes Swarm nodes for a run on Swarm: add --swarm.")
        }
        if let nodes, !(1...9).contains(nodes) {
            throw ValidationError("--nodes must be 1 to 9, not \(nodes).")
        }
        if stack != nil && !knobs.isEmpty {
            throw ValidationError("--knob switches faults in the reference fixtures; a stack given with --stack does not read them.")
        }
    }
}
