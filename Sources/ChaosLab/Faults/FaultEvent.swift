public import Foundation

/// A fault as it was injected: when, how long the injection took, and whether it worked.
public struct FaultEvent: Sendable, Codable, Hashable {
    /// The fault.
    public var fault: Fault
    /// When the injection began.
    public var at: Date
    /// How long the injecting command took.
    @SecondsCoded public var took: Duration
    /// Why the injection failed, if it did.
    public var error: String?

    public init(fault: Fault, at: Date, took: Duration, error: String? = nil) {
        self.fault = fault
        self.at = at
        self.took = took
        self.error = error
    }
}
