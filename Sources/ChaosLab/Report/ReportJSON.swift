public import Foundation

/// The JSON form of every file the lab writes (`report.json`, `grade.json`, a class's
/// summary): keys sorted, slashes unescaped, dates as ISO 8601 with milliseconds and offset.
public enum ReportJSON {
    /// The date format, e.g. `2026-11-30T21:03:50.123+0000`.
    static let dateStyle = Date.ISO8601FormatStyle().year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)

    /// An encoder writing that form.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(dateStyle))
        }
        return encoder
    }

    /// A decoder reading it back.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = try? dateStyle.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(text) is not an ISO 8601 date with milliseconds")
            }
            return date
        }
        return decoder
    }
}
