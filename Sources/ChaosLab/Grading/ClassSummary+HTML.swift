import Foundation

extension ClassSummary {
    /// `index.html`: a row per student and a column per check, each cell the verdict linking to
    /// that check in the student's report; the score, the outcome and the time; columns sort
    /// when their heading is clicked. One file: inline CSS and a few lines of script, nothing
    /// fetched.
    public var html: String {
        let escape = HTMLReport.escape
        var page = [
            "<!DOCTYPE html>", #"<html lang="en">"#, "<head>", #"<meta charset="utf-8">"#,
            #"<meta name="viewport" content="width=device-width, initial-scale=1">"#,
            "<title>ChaosLab class grades: \(grades.count) students</title>",
            "<style>\(HTMLReport.stylesheet)\n\(Self.classStylesheet)</style>", "</head>", "<body>",
            "<header>", "<h1>ChaosLab class grades</h1>",
            #"<p class="counts">\#(escape(tally))</p>"#,
            #"<dl class="meta">"#,
            "<dt>Students</dt><dd>\(grades.count), \(String(format: "%.1f", grades.reduce(0) { $0 + $1.duration.seconds } / 60)) min in all</dd>",
            "<dt>Checks</dt><dd>\(policy.checks.map { check in "<code>\(escape(check))</code> \(SubmissionGrade.points(policy.points(for: check))) pt\(policy.required.contains(check) ? " (required)" : "")" }.joined(separator: ", "))</dd>",
            "<dt>Scoring</dt><dd>A pass earns the check's points, a failure none. A check that does not apply is not counted, unless the course requires it. One the lab could not conclude earns none for now and flags the student ⚑ for review. A stack that does not start earns nothing. ✎ counts the submission's own role declarations the course's roles overruled (hover for them; the student's report lists them).</dd>",
            "</dl>", "</header>", "<main>",
        ]
        page += table
        page += ["</main>", #"<footer>Written by ChaosLab. The same grades are in <code>grades.csv</code> and <code>class.json</code>; each student's folder holds their report (<code>index.html</code>), <code>results.json</code> for Gradescope and <code>grade.json</code>.</footer>"#]
        page += ["<script>\(Self.sortScript)</script>", "</body>", "</html>"]
        return page.joined(separator: "\n") + "\n"
    }

    private var table: [String] {
        let escape = HTMLReport.escape
        let headings = ["Student", "Score", "Outcome"] + policy.checks + ["Time"]
        var rows = [
            #"<div class="scroll">"#, #"<table id="grades">"#,
            "<thead><tr>" + headings.enumerated().map { index, heading in
                #"<th><button type="button" data-column="\#(index)">\#(escape(heading))</button></th>"#
            }.joined() + "</tr></thead>",
            "<tbody>",
        ]
        for grade in grades {
            let name = grade.submission.name
            let folder = escape(name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? name)
            let percent = grade.maxScore > 0 ? grade.score / grade.maxScore : 0
            var cells = [
                #"<td data-sort="\#(escape(name))"><a href="\#(folder)/index.html">\#(escape(name))</a>\#(grade.needsReview ? #" <span class="review" title="needs review">⚑</span>"# : "")\#(grade.overruled.isEmpty ? "" : #" <span class="overruled" title="\#(escape(grade.overruled.joined(separator: "\n")))">✎ \#(grade.overruled.count)</span>"#)</td>"#,
                #"<td class="number" data-sort="\#(percent)">\#(grade.scoreText)</td>"#,
                #"<td data-sort="\#(escape(grade.outcome.label))"\#(grade.outcome.reason.map { #" title="\#(escape($0))""# } ?? "")>\#(escape(grade.outcome.label))</td>"#,
            ]
            for (index, check) in policy.checks.enumerated() {
                guard let score = grade.scores.first(where: { $0.check == check }) else {
                    cells.append(#"<td data-sort="">—</td>"#)
                    continue
                }
                let badge = score.verdict.map(Self.compactBadge) ?? #"<span class="badge not-run">· not run</span>"#
                let points = score.maxPoints > 0 ? #"<span class="points">\#(SubmissionGrade.points(score.points))/\#(SubmissionGrade.points(score.maxPoints))</span>"# : ""
                cells.append(
                    #"<td data-sort="\#(score.verdictLabel)" title="\#(escape(score.output))"><a href="\#(folder)/index.html#\#(HTMLReport.anchor(index))">\#(badge)</a>\#(points)</td>"#
                )
            }
            cells.append(#"<td class="number" data-sort="\#(grade.duration.seconds)">\#(HTMLReport.seconds(grade.duration.seconds))</td>"#)
            rows.append("<tr>" + cells.joined() + "</tr>")
        }
        rows += ["</tbody>", "</table>", "</div>"]
        return rows
    }

    /// A verdict as a badge short enough for a column per check: `✓ pass`, `✗ fail`, `– n/a`,
    /// `? review`.
    static func compactBadge(_ verdict: Verdict) -> String {
        let text = switch verdict {
        case .pass: "✓ pass"
        case .fail: "✗ fail"
        case .notApplicable: "– n/a"
        case .inconclusive: "? review"
        }
        return #"<span class="badge \#(verdict.rawValue)" title="\#(verdict.word)">\#(text)</span>"#
    }

    static let classStylesheet = """
        header, main, footer { max-width: none; }
        .scroll { overflow-x: auto; }
        .meta code { white-space: nowrap; }
        #grades { width: auto; }
        #grades td, #grades th { overflow-wrap: normal; white-space: nowrap; }
        #grades th button { all: unset; cursor: pointer; font-weight: 600; }
        #grades th button:focus-visible { outline: 2px solid #0969DA; }
        #grades th button[aria-sort]::after { content: " ▲"; }
        #grades th button[aria-sort=descending]::after { content: " ▼"; }
        #grades td a { text-decoration: none; }
        .points { display: block; font-size: 12px; color: var(--muted); font-variant-numeric: tabular-nums; }
        .review { color: #9A6700; font-weight: 700; }
        .overruled { color: #6C4400; font-size: 13px; }
        .badge.not-run { background: #FFEBE9; color: #82071E; border-color: #CF222E; border-style: dashed; }
        """

    /// Sorts the table by a column when its heading is clicked, numbers as numbers; a second
    /// click reverses the order.
    static let sortScript = """
        document.querySelectorAll('#grades th button').forEach(function (button) {
          button.addEventListener('click', function () {
            var column = Number(button.dataset.column);
            var descending = button.getAttribute('aria-sort') === 'ascending';
            document.querySelectorAll('#grades th button').forEach(function (other) { other.removeAttribute('aria-sort'); });
            button.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
            var body = document.querySelector('#grades tbody');
            var rows = Array.prototype.slice.call(body.rows);
            rows.sort(function (a, b) {
              var x = a.cells[column].dataset.sort, y = b.cells[column].dataset.sort;
              var order = (x !== '' && y !== '' && !isNaN(x) && !isNaN(y)) ? Number(x) - Number(y) : x.localeCompare(y);
              return descending ? -order : order;
            });
            rows.forEach(function (row) { body.appendChild(row); });
          });
        });
        """
}
