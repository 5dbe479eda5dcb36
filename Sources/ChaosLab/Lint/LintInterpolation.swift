/// Compose's interpolation as the lint applies it to single values: the file is read as
/// written, and each value the lint uses is interpolated on its own, so that one value compose
/// would refuse becomes a finding instead of making the whole file unreadable.
struct LintInterpolation: Sendable {
    var interpolation: ComposeInterpolation

    init(environment: [String: String]) {
        interpolation = ComposeInterpolation(environment: environment)
    }

    /// The value compose would hand on, or the error compose would stop with.
    func value(_ text: String) -> Result<String, ComposeInterpolationError> {
        Result { () throws(ComposeInterpolationError) -> String in try interpolation.interpolate(text) }
    }

    /// The value compose would hand on; as written when compose would refuse it (that is
    /// reported where the value is checked).
    func lenient(_ text: String) -> String {
        (try? interpolation.interpolate(text)) ?? text
    }
}
