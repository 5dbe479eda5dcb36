/// One interpolation over a document: the substitution, and the unset variables it met.
final class InterpolationPass {
    let interpolation: ComposeInterpolation
    private(set) var unset: Set<String> = []

    init(environment: [String: String]) {
        interpolation = ComposeInterpolation(environment: environment)
    }

    func apply(_ text: String) throws(ComposeInterpolationError) -> String {
        try interpolation.interpolate(text, unset: &unset)
    }
}
