"""The notebooks: committed clean, parameters as the runner passes them, run on the seeds."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import papermill
import pytest

from dprkwatch.core import paths
from dprkwatch.reports.config import load_config, resolve_parameters
from dprkwatch.reports.runner import run_reports

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
EXPECTED = {
    "00_corpus_overview",
    "10_munitions_output",
    "20_labor_deployments",
    "30_troop_deployments",
    "40_casualties",
    "90_claims_ledger",
}
TYPES = {"str": str, "list": list, "int": int, "float": (int, float), "bool": bool, "dict": dict}


def test_every_notebook_is_there():
    assert {p.stem for p in NOTEBOOKS} == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path: Path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: a cell has outputs; strip them"
            assert cell.execution_count is None, f"{path.name}: execution counts left in"
    assert "papermill" not in nb.metadata
    # The kernel `make lab` registers; the report runner passes its own kernel name.
    assert nb.metadata.kernelspec.name == "dprkwatch"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_one_documented_parameters_cell(path: Path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for line in tagged[0].source.splitlines():
        # name: type = default  # what it is
        assert re.match(r"^\w+: \w+ = .+  # \S", line), f"{path.name}: {line!r}"
    params = papermill.inspect_notebook(str(path))
    for name in ("corpus", "languages", "published_from", "published_to"):
        assert name in params
    if path.stem not in ("00_corpus_overview", "90_claims_ledger"):
        assert params["policy"]["default"] == '"conservative"'
    # The notebook explains itself: it opens with a heading and prose.
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")


def test_runner_parameters_match_the_notebooks(tmp_path):
    cfg = load_config(paths.REPORTS_CONFIG)
    for spec in cfg.reports:
        declared = papermill.inspect_notebook(str(spec.notebook))
        passed = resolve_parameters(spec, cfg.notebooks_dir, None, tmp_path)
        unknown = set(passed) - set(declared)
        assert not unknown, f"{spec.name} passes parameters the notebook lacks: {unknown}"
        for name, value in passed.items():
            expected = TYPES[declared[name]["inferred_type_name"]]
            assert isinstance(value, expected), f"{spec.name}: {name}={value!r}"


# --------------------------------------------------------------------------- running on the seeds


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every report of notebooks/reports.yaml built from seeds/ into a temporary folder."""
    out = tmp_path_factory.mktemp("reports")
    summary = run_reports(out=out, corpus=paths.SEEDS_DIR, jobs=2, progress=None)
    return out, summary


def executed(out: Path, name: str):
    return nbformat.read(out / ".cache" / "executed" / f"{name}.ipynb", as_version=4)


def headlines(out: Path, name: str) -> dict[str, dict]:
    from dprkwatch.notebook.headlines import headlines_from_notebook

    return {h["label"]: h for h in headlines_from_notebook(executed(out, name))}


@pytest.mark.slow
def test_all_reports_build_on_the_seeds(built):
    out, summary = built
    errors = {r["name"]: r.get("error") for r in summary.results if r["status"] != "ok"}
    assert summary.exit_code == 0, errors
    names = {s.name for s in load_config(paths.REPORTS_CONFIG).reports}
    assert set(summary.executed) == names
    for name in names:
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        assert "views.load_ledger" not in page and "from dprkwatch import" not in page
        assert "injected-parameters" not in page
        assert "Traceback" not in page
        if not name.startswith("00_"):
            # Topic reports and the ledger keep their own snapshots: what changed since last time.
            assert "New since the last report" in page and "are new: this is the first run" in page


@pytest.mark.slow
def test_key_figures(built):
    import dprkwatch

    out, _ = built
    claims = dprkwatch.extract_claims(dprkwatch.load_corpus(paths.SEEDS_DIR))

    overview = headlines(out, "00_corpus_overview")
    assert overview["Documents"]["value"] == 5
    assert overview["Languages"]["value"] == 3
    assert overview["Claims"]["value"] == len(claims)
    bengali = headlines(out, "00_corpus_overview-bn")
    assert bengali["Documents"]["value"] == 2 and bengali["Languages"]["value"] == 1

    troops = headlines(out, "30_troop_deployments")
    top = troops["Most-reported troop figure"]
    assert top["value"] == 15000
    assert sorted(top["languages"]) == ["bn", "pt"]  # two languages behind the figure
    assert any(k.startswith("Troops deployed") for k in troops)

    casualties = headlines(out, "40_casualties")
    assert casualties["Killed"]["value"] == 600
    assert casualties["Killed or wounded (done)"]["value"] == 5000

    labor = {h["indicator"]: h for h in headlines(out, "20_labor_deployments").values()}
    assert labor["wage"]["value"] == 2.5 and labor["wage"]["unit"] == "USD/hour"
    assert labor["work_hours"]["unit"] == "hours/day"

    munitions = {h["indicator"]: h for h in headlines(out, "10_munitions_output").values()}
    assert munitions["production_change"]["value"] == 2
    assert munitions["factories_visited"]["value"] == 5

    ledger = headlines(out, "90_claims_ledger")
    assert ledger["Claims"]["value"] == len(claims)


@pytest.mark.slow
def test_rendered_reports_embed_their_figures(built):
    out, _ = built
    charts = {
        "00_corpus_overview": 2,  # documents by language, citations by source
        "10_munitions_output": 1,  # weapon types x languages
        "20_labor_deployments": 2,  # deployments, who reports what
        "30_troop_deployments": 1,  # troop estimates
        "40_casualties": 1,  # casualty estimates
        "90_claims_ledger": 1,  # who says what
    }
    for name, n in charts.items():
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        images = re.findall(r"<img [^>]*src=\"([^\"]+)\"", page)
        assert len(images) >= n, name
        assert all(src.startswith("data:image/png;base64,") for src in images), name
        assert "<script src=" not in page  # nothing fetched from the network
    ledger = (out / "90_claims_ledger.html").read_text(encoding="utf-8")
    assert "dt_bundle" in ledger or "DataTable" in ledger  # the searchable table, inlined
    # Quotes in the original language and their English rendering.
    assert "সৈন্য" in ledger or "\\u09b8\\u09c8" in ledger
    assert "troops deployed" in ledger
    # Bengali text gets an embedded font.
    assert '@font-face { font-family: "Noto Sans Bengali"' in ledger or not _has_bengali_font()


def _has_bengali_font() -> bool:
    from dprkwatch.reports import fonts

    return fonts.find_font_file(fonts.SCRIPTS[0].files) is not None


@pytest.mark.slow
def test_mixed_language_corpus_shows_every_language(tmp_path):
    """Seeds plus one wire report per added language: the overview and ledger show all nine."""
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(paths.SEEDS_DIR, corpus)
    for doc in (paths.TESTS_DATA_DIR / "langdocs").glob("*.txt"):
        shutil.copy(doc, corpus / doc.name)
    out = tmp_path / "reports"
    summary = run_reports(
        out=out,
        corpus=corpus,
        only=["00_corpus_overview", "90_claims_ledger"],
        jobs=2,
        progress=None,
    )
    assert summary.exit_code == 0, [r.get("error") for r in summary.results]
    languages = {"bn", "en", "pt", "ko", "ru", "uk", "es", "fr", "de"}
    assert headlines(out, "00_corpus_overview")["Languages"]["value"] == len(languages)
    overview = (out / "00_corpus_overview.html").read_text(encoding="utf-8")
    ledger = (out / "90_claims_ledger.html").read_text(encoding="utf-8")
    for lang in languages:
        assert f">{lang}<" in overview, lang
        assert f">{lang}<" in ledger or f'"{lang}"' in ledger, lang


def test_only_selects_a_report_by_its_name_or_all_of_a_notebook():
    cfg = load_config(paths.REPORTS_CONFIG)
    assert [r.name for r in cfg.select(["00_corpus_overview"])] == ["00_corpus_overview"]
    both = {r.name for r in cfg.select(["00_corpus_overview.ipynb"])}
    assert both == {"00_corpus_overview", "00_corpus_overview-bn"}
