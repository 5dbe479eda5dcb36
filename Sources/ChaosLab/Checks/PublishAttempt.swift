public import Foundation

/// One message the lab tried to publish through the stack's API, and what the API said.
public struct PublishAttempt: Sendable, Codable, Hashable {
    /// The lab's token for the message.
    public var token: String
    /// When the request was sent.
    public var at: Date
    /// The HTTP status, or `nil` when no response came.
    public var status: Int?
    /// The response body, or why no response came.
    public var detail: String
    /// How long the API took to answer.
    public var took: Duration

    public init(token: String, at: Date, status: Int?, detail: String, took: Duration) {
        self.token = token
        self.at = at
        self.status = status
        self.detail = detail
        self.took = took
    }

    /// Whether the API acknowledged the message (2xx): from then on the stack owes its processing.
    public var acknowledged: Bool {
        status.map { (200..<300).contains($0) } ?? false
    }
}
