/// A soak's faults, in the order they begin, and the seed they were drawn from (`nil` for a
/// schedule written by hand). Written to every soak report, so any run can be replayed with
/// `chaoslab soak --schedule FILE`.
public struct SoakSchedule: Sendable, Codable, Hashable {
    public var seed: UInt64?
    public var faults: [SoakFault]

    public init(seed: UInt64? = nil, faults: [SoakFault]) {
        self.seed = seed
        self.faults = faults.sorted { ($0.at, $0.service) < ($1.at, $1.service) }
    }
}
