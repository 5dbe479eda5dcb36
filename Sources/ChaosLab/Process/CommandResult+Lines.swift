import Foundation

extension CommandResult {
    /// The non-empty lines of the standard output, trimmed: a listing such as `docker ps -q`.
    public var outputLines: [String] {
        stdout.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
