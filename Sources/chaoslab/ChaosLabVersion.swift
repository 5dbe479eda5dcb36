/// The version `chaoslab version` and `chaoslab --version` print.
enum ChaosLabVersion {
    static let current = "0.1.0"
}
