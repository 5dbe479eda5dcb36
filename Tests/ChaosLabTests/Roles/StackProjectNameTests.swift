@testable import ChaosLab
import Testing

/// `chaoslab run --stack`: a stack runs under a project of its own.
@Suite("Roles: a stack's project name")
struct StackProjectNameTests {
    @Test("chaoslab-<folder>, so the reference stack's project is never taken down")
    func projectName() {
        #expect(ComposeConfiguration.stackProjectName(for: "/grading/Parcial_2 distri/docker-compose.yml") == "chaoslab-parcial_2-distri")
        #expect(ComposeConfiguration.stackProjectName(for: "student/docker-compose.yml") == "chaoslab-student")
        #expect(ComposeConfiguration.stackProjectName(for: "/__/docker-compose.yml") == "chaoslab-stack")
    }
}
