import Foundation

/// A latency distribution as a report states it: how many samples, and the 50th, 95th and
/// 99th percentiles and the largest, to the histogram's precision (three significant digits).
public struct LatencySummary: Sendable, Codable, Hashable, CustomStringConvertible {
    public var count: Int
    @SecondsCoded public var p50: Duration
    @SecondsCoded public var p95: Duration
    @SecondsCoded public var p99: Duration
    @SecondsCoded public var max: Duration

    public init(count: Int, p50: Duration, p95: Duration, p99: Duration, max: Duration) {
        self.count = count
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
        self.max = max
    }

    /// E.g. "p50 1.2 ms, p95 3.4 ms, p99 8 ms, max 31 ms over 10000".
    public var description: String {
        "p50 \(Self.text(p50)), p95 \(Self.text(p95)), p99 \(Self.text(p99)), max \(Self.text(max)) over \(count)"
    }

    /// `<key>.p50`, `<key>.p95`, `<key>.p99` and `<key>.max` in milliseconds (to the
    /// microsecond), labelled "<label> p50" and so on.
    public func figures(key: String, label: String) -> [Figure] {
        [("p50", p50), ("p95", p95), ("p99", p99), ("max", max)].map { name, value in
            Figure("\(key).\(name)", "\(label) \(name)", (value.seconds * 1_000_000).rounded() / 1000, unit: "ms")
        }
    }

    static func text(_ duration: Duration) -> String {
        let milliseconds = duration.seconds * 1000
        return milliseconds < 10 ? String(format: "%.2f ms", milliseconds)
            : milliseconds < 1000 ? String(format: "%.1f ms", milliseconds)
            : String(format: "%.2f s", milliseconds / 1000)
    }
}
