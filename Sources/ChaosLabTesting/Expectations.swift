public import ChaosLab
public import Testing

/// Runs `check` on the suite's stack and records an issue, with the check's own reason, unless
/// it passed.
///
/// ```swift
/// try await expectPass(RedeliveryCheck())
/// ```
/// - Parameters:
///   - check: the check to run.
///   - roles: changes to the suite's roles for this check alone.
///   - sourceLocation: where a failed expectation is recorded; the caller's line by default.
/// - Returns: the result, for further expectations on its figures.
/// - Throws: ``ChaosStackError/noStack(function:)`` outside a `.chaosStack` suite; what
///   bringing a released stack back up threw.
@discardableResult
public func expectPass(
    _ check: any ReliabilityCheck,
    roles: @Sendable (inout StackRoles) -> Void = { _ in },
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> CheckResult {
    try await expectVerdict(.pass, check, roles: roles, sourceLocation: sourceLocation)
}

/// Runs `check` on the suite's stack and records an issue unless it failed, and, when
/// `reasonContains` is given, unless its reason says each of those phrases; for proving a
/// check catches a fault the stack was brought up with.
/// - Parameters:
///   - check: the check to run.
///   - phrases: what the failure's reason must say, each word for word.
///   - roles: changes to the suite's roles for this check alone.
///   - sourceLocation: where a failed expectation is recorded; the caller's line by default.
/// - Returns: the result.
/// - Throws: as ``expectPass(_:roles:sourceLocation:)``.
@discardableResult
public func expectFail(
    _ check: any ReliabilityCheck,
    reasonContains phrases: [String] = [],
    roles: @Sendable (inout StackRoles) -> Void = { _ in },
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> CheckResult {
    let result = try await expectVerdict(.fail, check, roles: roles, sourceLocation: sourceLocation)
    for phrase in phrases where result.verdict == .fail && !result.reason.contains(phrase) {
        Issue.record(Comment(rawValue: "\(check.name) failed, but its reason does not say “\(phrase)”:\n\(result.explanation)"), sourceLocation: sourceLocation)
    }
    return result
}

/// Runs `check` on the suite's stack and records an issue, with the check's reason and
/// figures, unless its verdict is `verdict`.
/// - Parameters:
///   - verdict: the verdict expected.
///   - check: the check to run.
///   - roles: changes to the suite's roles for this check alone.
///   - sourceLocation: where a failed expectation is recorded; the caller's line by default.
/// - Returns: the result.
/// - Throws: as ``expectPass(_:roles:sourceLocation:)``.
@discardableResult
public func expectVerdict(
    _ verdict: Verdict,
    _ check: any ReliabilityCheck,
    roles: @Sendable (inout StackRoles) -> Void = { _ in },
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> CheckResult {
    guard let stack = ChaosStack.current else {
        throw ChaosStackError.noStack(function: "expectVerdict(.\(verdict.rawValue), \(check.name))")
    }
    let result = try await stack.run(check, roles: roles)
    if result.verdict != verdict {
        Issue.record(Comment(rawValue: "\(check.name): expected \(verdict.rawValue), got \(result.explanation)"), sourceLocation: sourceLocation)
    }
    return result
}

extension CheckResult {
    /// The verdict, the reason and the figures in a few lines: what a failed expectation says.
    public var explanation: String {
        (["\(verdict.rawValue): \(reason)"] + figures.map { "  \($0)" }).joined(separator: "\n")
    }
}
