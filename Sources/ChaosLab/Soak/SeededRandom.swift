/// A random sequence that depends only on its seed and on this code (SplitMix64), so a schedule
/// drawn from a seed is the same on every machine and toolchain: the standard library's own
/// ways of drawing from a range may change between releases.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform in `range`.
    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// One of `elements`, which must not be empty.
    mutating func element<Element>(of elements: [Element]) -> Element {
        elements[Self.index(unit(), count: elements.count)]
    }

    /// The index a draw in [0, 1) picks among `count`.
    static func index(_ draw: Double, count: Int) -> Int {
        min(count - 1, Int(draw * Double(count)))
    }
}
