/// A word of the management API's closed-but-growing vocabularies (queue types, exchange types,
/// states): a known case or, for a word newer than this lab, the word itself. Coded as the word.
public protocol ManagementTerm: Sendable, Hashable, Codable {
    /// The case for `text`, `other(text)` when unknown.
    init(text: String)
    /// The word as the API writes it.
    var text: String { get }
}

extension ManagementTerm {
    public init(from decoder: any Decoder) throws {
        self.init(text: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
