/// An interpolation error and the position of the scalar that holds it.
struct ComposeInterpolationErrorAt: Error {
    var error: ComposeInterpolationError
    var line: Int?
    var column: Int?
}
