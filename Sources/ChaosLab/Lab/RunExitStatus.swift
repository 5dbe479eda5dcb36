/// How `chaoslab run` and `chaoslab selftest` end: the process's exit status, from what the
/// checks concluded or from why none could run. A CI job or a grading script can tell a stack
/// that failed a check (1) from a lab that could not judge it (3) and from a mistake in what it
/// was given (2).
public enum RunExitStatus: Int32, Sendable, Hashable, CaseIterable {
    /// Every check passed or did not apply.
    case passed = 0
    /// A check failed.
    case failed = 1
    /// The input was unusable: an unreadable compose file or roles, an unknown check or knob,
    /// bad flags.
    case badInput = 2
    /// Some check was inconclusive and none failed, or the lab could not conclude anything at
    /// all (Docker unreachable, the stack never started, the project in use), or its own work
    /// after the checks failed (the stack could not be removed, the report not written).
    case inconclusive = 3

    /// The status of a run that reached `verdicts`: a failure outweighs an inconclusive check,
    /// which outweighs passes; a run without a single verdict concluded nothing.
    /// `housekeepingFailed` (the stack could not be removed, the report not written) makes a
    /// run that did not fail inconclusive.
    public init(verdicts: some Sequence<Verdict>, housekeepingFailed: Bool = false) {
        let verdicts = Array(verdicts)
        if verdicts.contains(.fail) {
            self = .failed
        } else if verdicts.isEmpty || verdicts.contains(.inconclusive) || housekeepingFailed {
            self = .inconclusive
        } else {
            self = .passed
        }
    }

    /// The status of a self-test: a cell that reached the verdict it must counts as a pass,
    /// one that concluded something else as a failure, and one that concluded nothing as
    /// inconclusive.
    public init(selfTest outcomes: [SelfTestOutcome], housekeepingFailed: Bool = false) {
        self.init(verdicts: outcomes.map(\.standing), housekeepingFailed: housekeepingFailed)
    }

    /// The status of a run that stopped with `error` before any check concluded: bad input for
    /// what the user gave (``InputError``, an invalid project name), inconclusive for what the
    /// lab could not do.
    public init(error: any Error) {
        switch error {
        case is any InputError:
            self = .badInput
        case let error as StackError:
            if case .invalidConfiguration = error.code { self = .badInput } else { self = .inconclusive }
        default:
            self = .inconclusive
        }
    }
}

/// An error in what the user gave the lab (a file, a name, a flag), as opposed to one in the
/// stack or in Docker: `chaoslab run` and `selftest` exit with ``RunExitStatus/badInput``.
public protocol InputError: Error {}

extension ComposeFileError: InputError {}
extension RolesInputError: InputError {}
extension SoakScheduleError: InputError {}
extension FixtureKnobError: InputError {}
