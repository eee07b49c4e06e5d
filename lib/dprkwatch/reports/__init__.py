"""Report runner: execute the notebooks with papermill and render them as self-contained HTML.

`dprkwatch reports` (reports.cli) drives runner.run_reports; the modules import their heavy
dependencies (papermill, nbconvert) only when a notebook actually has to run, so a re-run with
nothing changed stays fast.
"""
