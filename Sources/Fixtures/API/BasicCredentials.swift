import Foundation

/// The one user name and password the API accepts (HTTP basic authentication).
struct BasicCredentials: Sendable {
    /// `user:password`, as the client sends it inside the base64 token.
    private let expected: [UInt8]

    init(user: String, password: String) {
        expected = Array("\(user):\(password)".utf8)
    }

    /// Whether an `Authorization` header value carries exactly these credentials.
    func accepts(authorization: String?) -> Bool {
        guard let authorization else { return false }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic",
              let decoded = Data(base64Encoded: parts[1].trimmingWhitespace())
        else { return false }
        return Self.constantTimeEqual(Array(decoded), expected)
    }

    /// Compares without returning early at the first difference, so response time does not
    /// tell an attacker how much of a guess was right. Only the length of `expected` can show.
    static func constantTimeEqual(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference: UInt8 = given.count == expected.count ? 0 : 1
        for index in expected.indices {
            let byte = index < given.count ? given[index] : ~expected[index]
            difference |= byte ^ expected[index]
        }
        return difference == 0
    }
}
