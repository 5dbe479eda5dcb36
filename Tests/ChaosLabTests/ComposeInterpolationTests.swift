import ChaosLab
import Testing

@Suite("Compose interpolation")
struct ComposeInterpolationTests {
    let interpolation = ComposeInterpolation(environment: ["SET": "value", "EMPTY": "", "PORT": "5672"])

    @Test(
        "expressions are replaced as compose replaces them",
        arguments: [
            ("plain text", "plain text"),
            ("$SET", "value"),
            ("${SET}", "value"),
            ("a${SET}b", "avalueb"),
            ("$SET.txt", "value.txt"),
            ("${UNSET}", ""),
            ("${UNSET:-default}", "default"),
            ("${EMPTY:-default}", "default"),
            ("${EMPTY-default}", ""),
            ("${UNSET-default}", "default"),
            ("${SET:-default}", "value"),
            ("${SET:+other}", "other"),
            ("${EMPTY:+other}", ""),
            ("${EMPTY+other}", "other"),
            ("${UNSET:-${PORT}}", "5672"),
            ("${UNSET:-${ALSO_UNSET:-deep}}", "deep"),
            ("127.0.0.1:${CHAOSLAB_AMQP_PORT:-5672}:5672", "127.0.0.1:5672:5672"),
            ("$$", "$"),
            ("$$SET", "$SET"),
            ("admin:$$apr1$$H6uskkkW$$IgXLP6ewTrSuBkTrqE8wj/", "admin:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/"),
            ("${UNSET:-a $$ sign}", "a $ sign"),
            ("${UNSET:-}", ""),
        ]
    )
    func substitution(text: String, expected: String) throws {
        #expect(try interpolation.interpolate(text) == expected)
    }

    @Test(
        "what compose refuses is an error",
        arguments: [
            ("price: $5", "a `$` must start a variable (`$NAME`, `${NAME}`) or be doubled (`$$`)"),
            ("trailing $", "a `$` must start a variable (`$NAME`, `${NAME}`) or be doubled (`$$`)"),
            ("${}", "`${` must be followed by a variable name"),
            ("${SET", "`${SET` has no closing `}`"),
            ("${SET:-open", "`${SET` has no closing `}`"),
            ("${SET%x}", "`${SET` is followed by an unknown operator"),
            ("${UNSET:?}", "required variable UNSET is missing a value"),
            ("${EMPTY:?must be set}", "required variable EMPTY is missing a value: must be set"),
            ("${UNSET?gone}", "required variable UNSET is missing a value: gone"),
        ]
    )
    func errors(text: String, reason: String) {
        #expect(throws: ComposeInterpolationError(text: text, reason: reason)) {
            try interpolation.interpolate(text)
        }
    }

    @Test("`${VAR?}` accepts an empty value; `${VAR:?}` does not")
    func requiredEmpty() throws {
        #expect(try interpolation.interpolate("${EMPTY?}") == "")
        #expect(throws: ComposeInterpolationError.self) { try interpolation.interpolate("${EMPTY:?}") }
    }

    @Test("unset variables without default are collected")
    func unset() throws {
        var unset: Set<String> = []
        _ = try interpolation.interpolate("$A ${B} ${C:-x} ${SET} $$D", unset: &unset)
        #expect(unset == ["A", "B"])
    }

    @Test("the error message quotes the text")
    func message() {
        let error = ComposeInterpolationError(text: "x$", reason: "why")
        #expect(error.description == "Invalid interpolation in \"x$\": why.")
    }
}
