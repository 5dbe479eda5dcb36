/// What became of one fault of a soak's schedule: when it was really in force and what went
/// wrong. Times are seconds from the load's start, like the fault's own, so planned and actual
/// windows can be compared; [``began``, ``healed``] covers every moment the fault may have been
/// in force.
public struct FaultWindow: Sendable, Codable, Hashable {
    /// The fault as scheduled.
    public var fault: SoakFault
    /// The fault as injected (a partition with the broker's addresses, say); `nil` if it never
    /// was.
    public var injected: Fault?
    /// When its injection was issued; `nil` if it never was.
    public var began: Double?
    /// When its remedy (or, for a broker restart, the restart) returned; `nil` while it may
    /// still be in force.
    public var healed: Double?
    /// What failed, in order: the injection, the remedy, each as a sentence.
    public var errors: [String]

    public init(fault: SoakFault, injected: Fault? = nil, began: Double? = nil, healed: Double? = nil, errors: [String] = []) {
        self.fault = fault
        self.injected = injected
        self.began = began
        self.healed = healed
        self.errors = errors
    }
}
