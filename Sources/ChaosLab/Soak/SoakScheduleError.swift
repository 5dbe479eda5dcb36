/// What is wrong with a soak schedule, read from a file or written by hand: every problem
/// found, each naming the file, the fault (counted from 1, in the file's order) and the field,
/// as in `schedule.json: fault 3: service worker9 is not a service of the stack (…).`
public struct SoakScheduleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// One problem.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The fault concerned, counted from 1 in the file's order; `nil` for the whole file.
        public var fault: Int?
        /// The field concerned (`service`, `at`, `duration`, `amount`, `kind`), if one is.
        public var field: String?
        /// What is wrong, as a sentence without the file and fault.
        public var message: String

        public init(fault: Int?, field: String?, message: String) {
            self.fault = fault
            self.field = field
            self.message = message
        }

        public var description: String {
            (fault.map { "fault \($0): " } ?? "") + message
        }
    }

    /// The file the schedule came from, as given; `nil` for one built in memory.
    public var file: String?
    /// Every problem found, in the order of the faults.
    public var problems: [Problem]

    public init(file: String?, problems: [Problem]) {
        self.file = file
        self.problems = problems
    }

    /// One line per problem.
    public var description: String {
        problems.map { (file.map { "\($0): " } ?? "") + $0.description }.joined(separator: "\n")
    }
}
