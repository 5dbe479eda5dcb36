import Foundation

/// Docker's RFC 3339 timestamps with nanoseconds, e.g. `2026-11-23T08:12:13.123456789Z`.
enum DockerTimestamp {
    /// The date, or `nil` for text that is not a timestamp and for Docker's zero time
    /// (`0001-01-01T00:00:00Z`, "never").
    static func parse(_ text: some StringProtocol) -> Date? {
        let scalars = Array(text.utf8)
        guard scalars.count >= 20, scalars[4] == UInt8(ascii: "-"), scalars[10] == UInt8(ascii: "T") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let digit = Int(scalars[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        guard year > 1 else { return nil }
        var index = 19
        var fraction = 0.0
        if index < scalars.count, scalars[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < scalars.count, (48...57).contains(scalars[index]) {
                fraction += Double(scalars[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offset = 0
        if index < scalars.count, scalars[index] == UInt8(ascii: "+") || scalars[index] == UInt8(ascii: "-") {
            guard index + 6 <= scalars.count, let hours = number((index + 1)..<(index + 3)),
                let minutes = number((index + 4)..<(index + 6))
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (scalars[index] == UInt8(ascii: "-") ? -1 : 1)
        } else if index >= scalars.count || scalars[index] != UInt8(ascii: "Z") {
            return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components) else { return nil }
        return date.addingTimeInterval(fraction - Double(offset))
    }
}
