import Foundation

/// Timestamps as the message contract writes them: ISO 8601, UTC, milliseconds
/// (`2026-01-01T00:00:00.000Z`).
enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    /// `date` in the contract's form.
    static func iso8601(_ date: Date) -> String {
        date.formatted(style)
    }

    /// The current time in the contract's form.
    static func now() -> String {
        iso8601(Date())
    }
}
