// MARK: - Stylesheet and timeline legend

extension HTMLReport {
    /// The timeline's key, under every timeline. Colours match ``TimelineSVG``; shapes and
    /// hatching carry the same meaning for readers who cannot tell the colours apart.
    static let legend = """
        <ul class="legend">\
        <li><span class="swatch" style="background:#009E73"></span>acked</li>\
        <li><span class="swatch" style="background:#56B4E9"></span>auto-acked (the broker forgot it when sent)</li>\
        <li><span class="swatch" style="background:#D55E00"></span>rejected</li>\
        <li><span class="swatch" style="background:#E69F00"></span>requeued</li>\
        <li><span class="swatch unfinished"></span>unfinished (runs to the end of the axis)</li>\
        <li><span class="swatch redelivered"><span class="diamond"></span></span>redelivered (blue outline and ◆)</li>\
        <li><span class="fault-key"></span>fault injected (F1, F2, …; dotted if it failed)</li>\
        </ul>
        """

    static let stylesheet = """
        :root { color-scheme: light; --text: #1F2328; --muted: #59636E; --line: #D1D9E0; --soft: #F6F8FA; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--text); background: #FFFFFF; overflow-wrap: anywhere; }
        header, main, footer { max-width: 1180px; margin: 0 auto; padding: 0 24px; }
        header { padding-top: 24px; padding-bottom: 8px; border-bottom: 1px solid var(--line); }
        h1 { font-size: 26px; margin: 0 0 8px; }
        h2 { font-size: 21px; margin: 0 0 4px; display: flex; flex-wrap: wrap; align-items: center; gap: 10px; }
        h3 { font-size: 15px; margin: 20px 0 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
        code, pre { font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
        .overall { font-size: 18px; font-weight: 600; margin: 4px 0; padding: 8px 12px; border-radius: 6px; border-left: 6px solid; }
        .overall.pass { background: #DAFBE1; border-color: #1A7F37; color: #0F5323; }
        .overall.fail { background: #FFEBE9; border-color: #CF222E; color: #82071E; }
        .overruled { color: #6C4400; }
        .overruled ul { margin: 2px 0 0; padding-left: 20px; color: var(--text); }
        .start-failure { white-space: pre-wrap; background: #FFEBE9; border: 1px solid #CF222E; border-radius: 6px; padding: 8px 12px; font-size: 13px; }
        .overall.inconclusive { background: #FFF8C5; border-color: #9A6700; color: #6C4400; }
        .counts { margin: 8px 0; display: flex; gap: 6px; flex-wrap: wrap; }
        .meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
        .meta dt { color: var(--muted); }
        .meta dd { margin: 0; }
        .badge { display: inline-block; padding: 1px 10px; border-radius: 999px; font-size: 13px; font-weight: 600; white-space: nowrap; border: 1px solid; }
        .badge.pass { background: #DAFBE1; color: #0F5323; border-color: #1A7F37; }
        .badge.fail { background: #FFEBE9; color: #82071E; border-color: #CF222E; }
        .badge.inconclusive { background: #FFF8C5; color: #6C4400; border-color: #9A6700; }
        .badge.not-applicable { background: #EFF2F5; color: #424A53; border-color: #8C959F; }
        section { padding: 20px 0 12px; border-bottom: 1px solid var(--line); }
        section.check { border-left: 5px solid var(--line); padding-left: 16px; margin: 20px 0 0; }
        section.check.pass { border-left-color: #1A7F37; }
        section.check.fail { border-left-color: #CF222E; }
        section.check.inconclusive { border-left-color: #9A6700; }
        section.check.not-applicable { border-left-color: #8C959F; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0; }
        th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
        th { background: var(--soft); font-size: 13px; color: var(--muted); }
        td.number { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        ul.figures { margin: 0; padding: 0; list-style: none; font-size: 14px; }
        .figures-table { width: auto; min-width: 60%; }
        .check-meta, .muted { color: var(--muted); font-size: 13px; }
        .check-meta { margin: 0 0 10px; }
        .reason { padding: 8px 12px; border-radius: 6px; background: var(--soft); margin: 8px 0; }
        .reason.fail { background: #FFEBE9; }
        .reason.inconclusive { background: #FFF8C5; }
        .expectation { margin: 8px 0; }
        .advice { padding: 4px 12px; border-left: 4px solid #0969DA; border-radius: 6px; background: #DDF4FF; margin: 8px 0; }
        .advice p { margin: 4px 0; }
        .advice ul { margin: 4px 0 6px; padding-left: 20px; }
        .empty { color: var(--muted); font-style: italic; }
        .timeline-box { border: 1px solid var(--line); border-radius: 6px; padding: 6px; overflow-x: auto; }
        svg.timeline { display: block; width: 100%; min-width: 720px; height: auto; }
        .legend { list-style: none; padding: 0; margin: 6px 0 0; display: flex; flex-wrap: wrap; gap: 4px 18px; font-size: 13px; color: var(--muted); }
        .legend li { display: flex; align-items: center; gap: 6px; }
        .swatch { display: inline-block; width: 26px; height: 12px; border-radius: 2px; position: relative; }
        .swatch.unfinished { background: repeating-linear-gradient(45deg, #666666 0 2px, #E4E4E4 2px 6px); outline: 1px dashed #444C56; }
        .swatch.redelivered { background: #009E73; outline: 2px solid #0072B2; margin-left: 6px; }
        .swatch .diamond { position: absolute; left: -5px; top: 1px; width: 9px; height: 9px; background: #0072B2; transform: rotate(45deg); border: 1px solid #FFFFFF; }
        .fault-key { display: inline-block; width: 3px; height: 16px; background: #6A3D9A; }
        ol.faults { padding-left: 22px; margin: 4px 0; }
        ol.faults li { margin: 4px 0; }
        .fault-error { color: #82071E; font-weight: 600; }
        details.evidence { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; background: var(--soft); }
        details.evidence summary { cursor: pointer; padding: 6px 10px; }
        details.evidence .source { font-weight: 600; }
        details.evidence pre { margin: 0; padding: 8px 10px; border-top: 1px solid var(--line); background: #FFFFFF; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 480px; overflow: auto; }
        details.evidence p { margin: 4px 10px; }
        footer { color: var(--muted); font-size: 13px; padding: 20px 24px 40px; }
        @media print { details.evidence pre { max-height: none; } .timeline-box { overflow: visible; } }
        """
}
