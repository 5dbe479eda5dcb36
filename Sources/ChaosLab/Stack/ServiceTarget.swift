/// What a stack operation acts on: every instance of a service, or one of them.
///
/// Written as a string literal it means the whole service: `driver.kill("worker1", signal: .kill)`.
public struct ServiceTarget: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The service name, as in the compose file.
    public var service: String
    /// The instance number (compose's container number, a Swarm task's slot), counted from 1;
    /// `nil` means every instance.
    public var index: Int?

    public init(service: String, index: Int? = nil) {
        self.service = service
        self.index = index
    }

    public init(stringLiteral value: String) {
        self.init(service: value)
    }

    /// A worker as the roles name it: a whole service (`worker1`), or one container of a
    /// service that runs several (`worker#2`, compose's container number).
    public init(worker: String) {
        if let hash = worker.lastIndex(of: "#"), let index = Int(worker[worker.index(after: hash)...]) {
            self.init(service: String(worker[..<hash]), index: index)
        } else {
            self.init(service: worker)
        }
    }

    /// The name of one container of `service` as a worker: `worker#2`.
    public static func workerName(service: String, index: Int) -> String {
        "\(service)#\(index)"
    }

    /// Every instance of `service`.
    public static func service(_ service: String) -> Self {
        Self(service: service)
    }

    /// Instance `index` of `service`.
    public static func instance(_ service: String, _ index: Int) -> Self {
        Self(service: service, index: index)
    }

    public var description: String {
        index.map { "\(service)#\($0)" } ?? service
    }
}
