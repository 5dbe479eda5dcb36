@testable import ChaosLab
import Testing

/// Grading with the course's roles: the grader's word outranks what a submission declares, and
/// a submission cannot declare its own checks away.
@Suite("Roles: the course's roles outrank the submission's")
struct CourseRolesTests {
    static func resolve(block: String, course: String) throws -> RolesResolution {
        try RolesResolver(environment: [:]).resolve(
            composeYAML: RolesFixture.compose(block: block), courseYAML: course, coursePath: "course.yml"
        )
    }

    @Test("a submission declaring its dead-letter queue and a worker away gets the course's roles back, with notes")
    func declaredAway() throws {
        let resolution = try Self.resolve(
            block: "dead_letter_queue: null\nworkers: [worker-b]\napi: null",
            course: "workers: [worker-a, worker-b]\ndead_letter_queue: jobs.dead\n"
        )
        let roles = try #require(resolution.roles)
        #expect(roles.workers == ["worker-a", "worker-b"])
        #expect(roles.deadLetterQueue == "jobs.dead")
        #expect(roles.api?.service == "web")
        #expect(resolution.source(of: .workers)?.description == "course roles (course.yml:1)")
        #expect(resolution.notes.contains("The submission's x-chaoslab (docker-compose.yml:27) declares workers = worker-b; the course roles (course.yml:1) say worker-a, worker-b: the course's value is used."))
        #expect(resolution.notes.contains("The submission's x-chaoslab (docker-compose.yml:26) declares dead_letter_queue = null; the course roles (course.yml:2) say jobs.dead: the course's value is used."))
        #expect(resolution.notes.contains("The submission's x-chaoslab (docker-compose.yml:28) declares api.service absent; when grading, a submission cannot declare a role away, so the lab looks for it."))
        #expect(resolution.checks.first { $0.check == "round-robin" }?.status == .applies)
    }

    @Test("where the course says nothing, the submission's values still help, as its claim")
    func claimsKept() throws {
        let resolution = try Self.resolve(block: "work_queue: other", course: "dead_letter_queue: jobs.dead")
        #expect(resolution.roles?.workQueue == "other")
        #expect(resolution.source(of: .workQueue)?.kind == .extensionBlock)
        #expect(resolution.notes.allSatisfy { !$0.contains("work_queue") })
    }

    @Test("a course file with a bad field is a one-line error naming it")
    func badCourse() {
        let error = #expect(throws: RolesInputError.self) {
            try Self.resolve(block: "work_queue: other", course: "brokers: {}")
        }
        #expect(error?.description.contains("course.yml:1:10: `brokers` is not a field of the roles schema") == true, "\(error?.description ?? "")")
    }
}
