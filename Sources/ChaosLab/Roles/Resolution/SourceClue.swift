/// Something a service's build context shows about its role, and where: a POST route, a
/// declared queue, a call that consumes or publishes.
struct SourceClue: Sendable, Hashable {
    /// The route path, queue name or call.
    var value: String
    /// The file, relative to the compose file's folder.
    var file: String
    /// The line, counted from 1.
    var line: Int

    /// `app.py:12`.
    var place: String {
        "\(file):\(line)"
    }
}
