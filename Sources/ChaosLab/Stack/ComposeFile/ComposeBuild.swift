/// A service's `build:`: where its image is built from.
public struct ComposeBuild: Sendable, Hashable, Codable {
    /// The build context, relative to the compose file's folder unless absolute.
    public var context: String
    /// The Dockerfile, relative to the context; `nil` means `Dockerfile`.
    public var dockerfile: String?

    public init(context: String, dockerfile: String? = nil) {
        self.context = context
        self.dockerfile = dockerfile
    }
}
