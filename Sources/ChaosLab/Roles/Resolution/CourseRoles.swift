/// The course's roles when grading: the grader's word outranks the submission's.
///
/// What the submission declares (its `x-chaoslab` block, its `chaoslab.yml`) still helps where
/// the course says nothing, as the student's claim; but a submission cannot declare a role away
/// (`dead_letter_queue: null`, `api: null`) to switch its own checks off, and a field the two
/// disagree on takes the course's value. Every such case is noted for the report.
struct CourseRoles {
    var course: RoleTable

    /// The table to infer from: the course's fields, then the submission's claims.
    func outrank(submission: RoleTable, notes: inout [String]) -> RoleTable {
        var claims = RoleTable()
        for field in RoleField.allCases {
            guard let claim = submission[field] else { continue }
            if let word = course[field] {
                if word.value != claim.value {
                    notes.append("The submission's \(claim.source) declares \(field.rawValue) = \(Self.shown(claim.value, field)); the \(word.source) say \(Self.shown(word.value, field)): the course's value is used.")
                }
                continue
            }
            if claim.value == RoleValue.none {
                notes.append("The submission's \(claim.source) declares \(field.rawValue) absent; when grading, a submission cannot declare a role away, so the lab looks for it.")
                continue
            }
            claims[field] = claim
        }
        return course.overlaying(claims)
    }

    private static func shown(_ value: RoleValue, _ field: RoleField) -> String {
        value == RoleValue.none ? "null" : RolesAssembler.display(value, secret: field.isSecret)
    }
}
