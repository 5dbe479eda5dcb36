public import Foundation

extension SubmissionGrade {
    /// The grade as `grade.json` holds it.
    public func jsonData() throws -> Data {
        try ReportJSON.encoder().encode(self)
    }

    /// The grade in `folder/grade.json`, or `nil` when there is none or it cannot be read (then
    /// the student is graded again).
    public static func read(from folder: URL) -> SubmissionGrade? {
        guard let data = try? Data(contentsOf: folder.appending(path: "grade.json")) else { return nil }
        return try? ReportJSON.decoder().decode(SubmissionGrade.self, from: data)
    }
}
