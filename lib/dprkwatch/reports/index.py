"""reports/index.html: what the corpus holds and what changed, headline figures, every report.

Rendered from the runner's manifest alone (the runner computed everything in it): rendering
writes no state, and the same reports give the same page (no "checked at" time: a run that
changes nothing leaves it as it is). Every value is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dprkwatch import __version__
from dprkwatch.core import atomic
from dprkwatch.notebook.headlines import format_headline
from dprkwatch.reports import describe, fonts
from dprkwatch.reports.render import report_css

e = html.escape
PLANNED = {"planned", "announced"}


def _settings(entry: dict[str, Any]) -> str:
    pairs = entry.get("settings") or []
    if not pairs:
        return "<span class='dw-muted'>whole corpus</span>"
    items = "".join(f"<li>{e(str(label))}: {e(str(value))}</li>" for label, value in pairs)
    return f"<ul class='dw-params'>{items}</ul>"


def _headlines(entry: dict[str, Any]) -> str:
    figures = entry.get("headlines") if entry.get("status") == "ok" else entry.get("good_headlines")
    if not figures:
        return "<span class='dw-muted'>–</span>"
    stale = entry.get("status") != "ok"
    items = "".join(f"<li>{e(format_headline(h))}</li>" for h in figures)
    note = "<div class='dw-muted'>from the last good run</div>" if stale else ""
    return f"{note}<ul class='dw-figures'>{items}</ul>"


def _status(entry: dict[str, Any] | None) -> str:
    if not entry:
        return "<span class='dw-badge dw-none'>not built</span>"
    if entry.get("status") == "ok":
        return "<span class='dw-badge dw-ok'>ok</span>"
    out = "<span class='dw-badge dw-failed'>failed</span>"
    out += f"<div class='dw-error-text'>{e(entry.get('error') or 'unknown error')}</div>"
    if entry.get("error_html"):
        cell = entry.get("error_cell")
        label = f"see failing cell {cell}" if cell else "see the failed run"
        out += f"<div><a href='{e(entry['error_html'])}'>{e(label)}</a></div>"
    if entry.get("log"):
        out += (
            f"<details><summary>log</summary><pre class='dw-log'>{e(entry['log'])}</pre></details>"
        )
    return out


def _row(spec: Any, entry: dict[str, Any] | None) -> str:
    entry = entry or {}
    title = e(spec.title)
    link = f"<a href='{e(entry['html'])}'>{title}</a>" if entry.get("html") else title
    when = e(entry.get("ran_at") or "–")
    if entry.get("status") == "failed" and entry.get("last_good_ran_at"):
        when += f"<div class='dw-muted'>last good: {e(entry['last_good_ran_at'])}</div>"
    duration = entry.get("duration")
    took = f"{duration:.1f} s" if isinstance(duration, int | float) else "–"
    desc = f"<div class='dw-muted'>{e(spec.description)}</div>" if spec.description else ""
    return (
        f"<tr id='report-{e(spec.name)}' class='dw-status-{e(entry.get('status') or 'none')}'>"
        f"<td><strong>{link}</strong>{desc}</td>"
        f"<td>{_status(entry or None)}</td>"
        f"<td>{when}</td><td class='num'>{e(took)}</td>"
        f"<td>{_settings(entry) if entry else '–'}</td><td>{_headlines(entry)}</td></tr>"
    )


def _changes(changes: dict[str, Any] | None) -> str:
    if not changes:
        return "Nothing has been read yet."
    if changes.get("run") is None:
        return "No claim has changed since the first update." if not changes.get("first") else ""
    when = describe.long_date(changes.get("when") or "")
    head = f"Update of {e(when)}: " if when else ""
    if changes.get("first"):
        return head + f"first build, {e(describe.plural(changes.get('new') or 0, 'claim'))} read."
    parts = [
        describe.plural(changes.get("new") or 0, "new claim"),
        describe.plural(changes.get("revised") or 0, "revised figure"),
        describe.plural(changes.get("gone") or 0, "claim") + " removed",
    ]
    conflicts = changes.get("new_conflicts")
    if conflicts is not None:
        parts.append(describe.plural(conflicts, "new conflict"))
    return head + e(describe.join_words(parts)) + "."


def _summary(manifest: dict[str, Any]) -> str:
    facts = manifest.get("corpus") or {}
    warnings = "".join(
        f"<div class='dw-warning' role='alert'><strong>Warning:</strong> {e(w)}</div>"
        for w in facts.get("warnings") or []
    )
    corpus = describe.corpus_line(facts) or "no documents"
    claims = describe.plural(int(facts.get("claims") or 0), "claim")
    skipped = len(manifest.get("skipped") or [])
    unread = (
        f" {e(describe.plural(skipped, 'document'))} could not be read at the last update."
        if skipped
        else ""
    )
    return (
        f"<section class='dw-summary'>{warnings}"
        f"<p><strong>Corpus:</strong> {e(corpus)}; {e(claims)}.{unread}</p>"
        f"<p><strong>What changed:</strong> {_changes(facts.get('changes'))}</p>"
        "<p><strong>Full ledger</strong> (every claim, with its source and quote): "
        "<a href='ledger.csv'>ledger.csv</a> for spreadsheets, "
        "<a href='ledger.parquet'>ledger.parquet</a> for analysis tools.</p></section>"
    )


def headline_rows(specs: list, entries: dict[str, dict]) -> tuple[list[dict], list[dict]]:
    """One recorded headline per indicator and stage, in report order: (done, planned)."""
    seen: set[tuple[str, str]] = set()
    done: list[dict] = []
    planned: list[dict] = []
    for spec in specs:
        entry = entries.get(spec.name) or {}
        figures = (
            entry.get("headlines") if entry.get("status") == "ok" else entry.get("good_headlines")
        )
        for h in figures or []:
            if not h.get("indicator"):
                continue
            stage = str(h.get("stage") or "")
            if (h["indicator"], stage) in seen:
                continue
            seen.add((h["indicator"], stage))
            row = {**h, "report": spec.title, "html": entry.get("html")}
            (planned if stage in PLANNED else done).append(row)
    return done, planned


def _headline_table(rows: list[dict], caption: str) -> str:
    if not rows:
        return ""
    body = "".join(
        f"<tr><td>{e(_figure(h))}</td>"
        f"<td class='dw-muted'>{e(h.get('note') or '')}</td>"
        f"<td>{_report_link(h)}</td></tr>"
        for h in rows
    )
    return (
        f"<table class='dw-table dw-headline-table'><caption>{e(caption)}</caption><thead><tr>"
        "<th>figure</th><th>basis</th><th>report</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def _figure(h: dict) -> str:
    """ "Troops deployed: 15,000"; a headline without a single value says so."""
    if h.get("value") is None:
        return f"{h.get('label', '?')}: no single figure stated"
    return format_headline({**h, "note": ""})


def _report_link(h: dict) -> str:
    if h.get("html"):
        return f"<a href='{e(h['html'])}'>{e(h['report'])}</a>"
    return e(h["report"])


INDEX_CSS = """
body.dw-index { font-family: var(--dw-font); max-width: 1280px; margin: 0 auto; padding: 16px 24px 48px; color: var(--dw-ink); }
.dw-index h1 { font-size: 1.7em; margin: 8px 0 4px; }
.dw-index h2 { font-size: 1.25em; margin: 24px 0 6px; border-bottom: 1px solid var(--dw-line); padding-bottom: 4px; }
.dw-index table.dw-table { width: 100%; font-size: 13.5px; }
.dw-index table.dw-headline-table { width: auto; }
.dw-index table.dw-table td { max-width: 36ch; }
.dw-index table.dw-table th { white-space: nowrap; }
.dw-index td:nth-child(2), .dw-index td:nth-child(3) { min-width: 9ch; }
.dw-summary { border: 1px solid var(--dw-line); border-radius: 6px; padding: 4px 16px; margin: 12px 0; background: #f6f8fa; }
.dw-summary p { margin: 8px 0; }
.dw-warning { background: var(--dw-warn-bg); border-left: 4px solid var(--dw-warn-line); padding: 8px 12px; margin: 10px 0; font-size: 15px; }
.dw-badge { display: inline-block; border-radius: 10px; padding: 1px 9px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.dw-ok { background: #dafbe1; color: #116329; }
.dw-failed { background: #ffebe9; color: #a40e26; }
.dw-none { background: #eaeef2; color: #59636e; }
.dw-error-text { color: #a40e26; font-size: 12px; margin-top: 4px; overflow-wrap: anywhere; }
.dw-muted { color: var(--dw-muted); font-size: 12px; }
.dw-params, .dw-figures { margin: 0; padding-left: 16px; }
tr.dw-status-failed td { background: #fff8f7; }
pre.dw-log { font-size: 11px; max-width: 60ch; max-height: 16em; overflow: auto; white-space: pre-wrap; }
@media print {
  body.dw-index { max-width: none; padding: 0; }
  .dw-summary { background: none; }
  details { display: none; }
}
"""


def render_index(specs: Iterable, entries: dict[str, dict], manifest: dict[str, Any]) -> str:
    """The index page; every value from the manifest is escaped."""
    specs = list(specs)
    rows = "".join(_row(s, entries.get(s.name)) for s in specs)
    n_ok = sum(1 for s in specs if (entries.get(s.name) or {}).get("status") == "ok")
    n_failed = sum(1 for s in specs if (entries.get(s.name) or {}).get("status") == "failed")
    state = f"{n_ok} of {len(specs)} reports ok" + (f", {n_failed} failed" if n_failed else "")
    done, planned = headline_rows(specs, entries)
    figures = _headline_table(done, "Current figures, one per indicator")
    figures += _headline_table(planned, "Planned or announced, not yet done")
    body = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>dprkwatch reports</title>"
        f"<style>{report_css()}\n{INDEX_CSS}</style></head>"
        "<body class='dw-index'>"
        "<h1>dprkwatch reports</h1>"
        "<p class='dw-muted'>Claims on North Korea's military cooperation with Russia, "
        f"read from news in many languages. {e(state)}.</p>"
        f"{_summary(manifest)}"
        + (f"<h2>Headline figures</h2>{figures}" if figures else "")
        + "<h2>Reports</h2>"
        "<table class='dw-table'><thead><tr><th>report</th><th>status</th><th>built</th>"
        "<th>took</th><th>selection</th><th>headline figures</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
        f"<footer class='dw-footer'>dprkwatch {e(__version__)} &middot; "
        "a report whose data, notebook and settings did not change is not rebuilt.</footer>"
        "</body></html>"
    )
    faces = fonts.font_face_css(body)
    if faces:
        body = body.replace("</head>", f"<style>{faces}</style></head>", 1)
    return body


def write_index(out_dir: Path, specs, entries: dict[str, dict], manifest: dict[str, Any]) -> Path:
    """Write out_dir/index.html atomically."""
    target = Path(out_dir) / "index.html"
    atomic.write_text(target, render_index(specs, entries, manifest))
    return target
