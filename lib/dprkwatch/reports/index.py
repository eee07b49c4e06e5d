"""reports/index.html: every report with its status, timing, parameters, corpus and headlines."""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dprkwatch import __version__
from dprkwatch.core import atomic
from dprkwatch.notebook.headlines import format_headline
from dprkwatch.reports import fonts
from dprkwatch.reports.render import report_css

e = html.escape


def _params(params: dict[str, Any]) -> str:
    if not params:
        return "<span class='dw-muted'>defaults</span>"
    items = "".join(
        f"<li><code>{e(str(k))}</code> = <code>{e(v if isinstance(v, str) else repr(v))}</code></li>"
        for k, v in params.items()
    )
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
        label = "ok · unchanged" if entry.get("reused") else "ok"
        return f"<span class='dw-badge dw-ok'>{label}</span>"
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


def _row(spec, entry: dict[str, Any] | None) -> str:
    entry = entry or {}
    title = e(spec.title)
    name = e(spec.name)
    if entry.get("html"):
        link = f"<a href='{e(entry['html'])}'>{title}</a>"
    else:
        link = title
    when = e(entry.get("ran_at") or "–")
    if entry.get("status") == "failed" and entry.get("last_good_ran_at"):
        when += f"<div class='dw-muted'>last good: {e(entry['last_good_ran_at'])}</div>"
    duration = entry.get("duration")
    took = f"{duration:.1f} s" if isinstance(duration, int | float) else "–"
    fp = entry.get("fingerprint") or ""
    corpus = (
        f"<code>{e(entry.get('corpus') or '')}</code><br><code title='{e(fp)}'>{e(fp[:12])}</code>"
        if fp
        else "–"
    )
    desc = f"<div class='dw-muted'>{e(spec.description)}</div>" if spec.description else ""
    return (
        f"<tr id='report-{name}' class='dw-status-{e(entry.get('status') or 'none')}'>"
        f"<td><strong>{link}</strong><div><code>{name}</code></div>{desc}</td>"
        f"<td>{_status(entry or None)}</td>"
        f"<td>{when}</td><td class='num'>{e(took)}</td>"
        f"<td>{_params(entry.get('parameters') or {}) if entry else '–'}</td>"
        f"<td>{corpus}</td><td>{_headlines(entry)}</td></tr>"
    )


INDEX_CSS = """
body.dw-index { font-family: var(--dw-font); max-width: 1280px; margin: 0 auto; padding: 16px 24px 48px; color: var(--dw-ink); }
.dw-index h1 { font-size: 1.7em; margin: 8px 0 4px; }
.dw-index table.dw-table { width: 100%; font-size: 13.5px; }
.dw-index table.dw-table td { max-width: 36ch; }
.dw-index table.dw-table th { white-space: nowrap; }
.dw-index td:nth-child(2), .dw-index td:nth-child(3) { min-width: 9ch; }
.dw-badge { display: inline-block; border-radius: 10px; padding: 1px 9px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.dw-ok { background: #dafbe1; color: #116329; }
.dw-failed { background: #ffebe9; color: #a40e26; }
.dw-none { background: #eaeef2; color: #59636e; }
.dw-error-text { color: #a40e26; font-size: 12px; margin-top: 4px; overflow-wrap: anywhere; }
.dw-muted { color: var(--dw-muted); font-size: 12px; }
.dw-params, .dw-figures { margin: 0; padding-left: 16px; }
.dw-params code { font-size: 12px; }
tr.dw-status-failed td { background: #fff8f7; }
pre.dw-log { font-size: 11px; max-width: 60ch; max-height: 16em; overflow: auto; white-space: pre-wrap; }
"""


def render_index(specs: Iterable, entries: dict[str, dict], manifest: dict[str, Any]) -> str:
    """The index page; every value from the manifest is escaped."""
    specs = list(specs)
    rows = "".join(_row(s, entries.get(s.name)) for s in specs)
    n_ok = sum(1 for s in specs if (entries.get(s.name) or {}).get("status") == "ok")
    n_failed = sum(1 for s in specs if (entries.get(s.name) or {}).get("status") == "failed")
    checked = e(manifest.get("last_checked") or "")
    summary = f"{n_ok} of {len(specs)} reports ok" + (f", {n_failed} failed" if n_failed else "")
    body = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title>dprkwatch reports</title>"
        f"<style>{report_css()}\n{INDEX_CSS}</style></head>"
        "<body class='dw-index'>"
        "<h1>dprkwatch reports</h1>"
        "<p class='dw-muted'>Claims on North Korea's military cooperation with Russia, "
        f"extracted from multilingual news. {e(summary)}; checked {checked}.</p>"
        "<table class='dw-table'><thead><tr><th>report</th><th>status</th><th>ran</th>"
        "<th>took</th><th>parameters</th><th>corpus (fingerprint)</th><th>headline figures</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>"
        f"<footer class='dw-footer'>dprkwatch {e(__version__)} &middot; "
        "a report that did not change since its last run is not re-run.</footer>"
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
