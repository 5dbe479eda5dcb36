import Foundation

/// Runs `body` with a new empty directory and removes the directory afterwards, whatever
/// happens.
func withTemporaryDirectory<Result>(_ body: (String) async throws -> Result) async rethrows -> Result {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("chaoslab-tests-\(UUID().uuidString)")
        .path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}
