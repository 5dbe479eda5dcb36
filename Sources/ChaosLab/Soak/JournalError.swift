public import Foundation

/// The soak's journal of publish attempts could not be written.
public struct JournalError: Error, Sendable, Hashable, CustomStringConvertible {
    public var url: URL
    public var reason: String

    public init(url: URL, reason: String) {
        self.url = url
        self.reason = reason
    }

    public var description: String {
        "The journal of publish attempts at \(url.path) could not be written: \(reason)."
    }
}
