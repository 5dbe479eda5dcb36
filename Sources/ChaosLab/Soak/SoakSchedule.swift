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

    private enum CodingKeys: String, CodingKey {
        case seed, faults
    }

    /// Decodes the faults in any order and keeps them in the order they begin.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            seed: try container.decodeIfPresent(UInt64.self, forKey: .seed),
            faults: try container.decode([SoakFault].self, forKey: .faults)
        )
    }
}
