"""The notebooks: committed clean, parameters as the runner passes them, run under papermill on
the seeds, a mixed corpus of every language, a large synthetic store and a missing one."""

from __future__ import annotations

import base64
import io
import re
import shutil
from pathlib import Path

import nbformat
import papermill
import pytest

from dprkwatch.core import paths
from dprkwatch.notebook.headlines import headlines_from_notebook
from dprkwatch.reports.config import load_config, resolve_parameters
from dprkwatch.reports.render import render_html
from dprkwatch.reports.runner import run_reports
from synthetic_store import QUOTES, claims_frame, write_store

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("*.ipynb"))
EXPECTED = {
    "00_corpus_overview",
    "10_munitions_output",
    "20_labor_deployments",
    "30_troop_deployments",
    "40_casualties",
    "90_claims_ledger",
}
TOPICS = ("10_munitions_output", "20_labor_deployments", "30_troop_deployments", "40_casualties")
TYPES = {"str": str, "list": list, "int": int, "float": (int, float), "bool": bool, "dict": dict}
# Words of the code and of the library a reader must never see in a report.
INTERNAL = (
    "period_days",
    "window_days",
    "state folder",
    "state_dir",
    "0 originators",
    "views.",
    "open_selection",
    "Traceback",
    "weapon_terms.yaml",
    "['",
)


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
def test_thin_with_one_documented_parameters_cell(path: Path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    for line in tagged[0].source.splitlines():
        # name: type = default  # what it is
        assert re.match(r"^\w+: \w+ = .+  # \S", line), f"{path.name}: {line!r}"
    params = papermill.inspect_notebook(str(path))
    for name in ("store", "languages", "published_from", "published_to"):
        assert name in params
    assert "corpus" not in params and "state_dir" not in params  # the store, never the corpus
    if path.stem in TOPICS:
        assert params["policy"]["default"] == '"latest"'
        assert params["window_days"]["default"] == "90"
    # The notebook explains itself: a heading and prose; logic stays in the library.
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert len(cell.source.splitlines()) <= 12, f"{path.name}: logic belongs in the library"
            assert "def " not in cell.source and "import pandas" not in cell.source
            # Indicator lists come from the ledger contract, never typed in.
            assert not re.search(r"\[\s*\"(troops|killed|shells)_?\w*\"", cell.source)


def test_runner_parameters_match_the_notebooks(tmp_path):
    cfg = load_config(paths.REPORTS_CONFIG)
    for spec in cfg.reports:
        declared = papermill.inspect_notebook(str(spec.notebook))
        passed = resolve_parameters(spec, cfg.notebooks_dir, store=tmp_path)
        unknown = set(passed) - set(declared)
        assert not unknown, f"{spec.name} passes parameters the notebook lacks: {unknown}"
        for name, value in passed.items():
            expected = TYPES[declared[name]["inferred_type_name"]]
            assert isinstance(value, expected), f"{spec.name}: {name}={value!r}"


# --------------------------------------------------------------------------- helpers


def execute(name: str, out: Path, **parameters) -> nbformat.NotebookNode:
    """Run one notebook under papermill (in notebooks/, as the runner does)."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{name}.ipynb"
    papermill.execute_notebook(
        str(paths.NOTEBOOKS_DIR / f"{name}.ipynb"),
        str(target),
        parameters=parameters,
        kernel_name="python3",
        cwd=str(paths.NOTEBOOKS_DIR),
        progress_bar=False,
    )
    return nbformat.read(target, as_version=4)


def images(page: str) -> list[tuple[int, int]]:
    """Pixel sizes of the PNGs a page embeds."""
    import matplotlib.image

    sizes = []
    for data in re.findall(r'src="data:image/png;base64,([^"]+)"', page):
        arr = matplotlib.image.imread(io.BytesIO(base64.b64decode(data)), format="png")
        sizes.append((arr.shape[1], arr.shape[0]))
    return sizes


def reader_text(page: str) -> str:
    """What a reader reads: the page without styles, scripts and embedded data."""
    page = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page)


# --------------------------------------------------------------------------- the seeds, end to end


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every report of notebooks/reports.yaml built from seeds/ into a temporary folder."""
    out = tmp_path_factory.mktemp("reports")
    summary = run_reports(out=out, corpus=paths.SEEDS_DIR, jobs=2, progress=None)
    return out, summary


def executed(out: Path, name: str):
    return nbformat.read(out / ".cache" / "executed" / f"{name}.ipynb", as_version=4)


def headlines(out: Path, name: str) -> dict[str, dict]:
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
        assert "injected-parameters" not in page and "from dprkwatch" not in page
        text = reader_text(page)
        for word in INTERNAL:
            assert word not in text, (name, word)
        assert str(paths.ROOT) not in text  # no server paths
        if name.startswith(("1", "2", "3", "4")):
            for section in ("Current figures", "Headline figures", "Timeline", "New since"):
                assert section in text, (name, section)


@pytest.mark.slow
def test_key_figures(built):
    from dprkwatch.store import open_store

    out, _ = built
    with open_store(out / ".store") as store:
        n_claims = len(store.claims())
    overview = headlines(out, "00_corpus_overview")
    assert overview["Documents"]["value"] == 5
    assert overview["Languages"]["value"] == 3
    assert overview["Claims"]["value"] == n_claims
    bengali = headlines(out, "00_corpus_overview-bn")
    assert bengali["Documents"]["value"] == 2 and bengali["Languages"]["value"] == 1

    troops = headlines(out, "30_troop_deployments")
    assert any(k.startswith("Troops deployed") for k in troops)
    assert all(h["policy"] == "latest" for h in troops.values())

    casualties = headlines(out, "40_casualties")
    assert casualties["Killed"]["value"] == 600
    assert not any("(done)" in k for k in casualties)  # casualties have no stage

    labor = {h["indicator"]: h for h in headlines(out, "20_labor_deployments").values()}
    assert labor["wage"]["value"] == 2.5 and labor["wage"]["unit"] == "USD/hour"
    assert labor["work_hours"]["unit"] == "hours/day"

    munitions = {h["indicator"]: h for h in headlines(out, "10_munitions_output").values()}
    assert (
        munitions["production_change"]["value"] == 2
        and munitions["production_change"]["unit"] == "x"
    )
    # Five factories toured "in a week" last month (bn seed): a total, but undated; with no dated
    # total it is the figure, and its card says so.
    factories = munitions["factories_visited"]
    assert factories["value"] == 5 and factories["note"], factories
    assert "undated" in factories["detail"], factories

    assert headlines(out, "90_claims_ledger")["Claims"]["value"] == n_claims


@pytest.mark.slow
def test_rendered_reports_embed_their_figures(built):
    out, _ = built
    charts = {
        "00_corpus_overview": 2,  # documents by language, citations by source
        "20_labor_deployments": 1,  # timelines
        "30_troop_deployments": 1,  # timeline
        "40_casualties": 1,  # timelines
        "90_claims_ledger": 1,  # who says what
    }
    for name, n in charts.items():
        page = (out / f"{name}.html").read_text(encoding="utf-8")
        assert len(images(page)) >= n, name
        assert "<script src=" not in page  # nothing fetched from the network
    ledger = (out / "90_claims_ledger.html").read_text(encoding="utf-8")
    assert "DataTable" in ledger  # the searchable table, inlined
    assert "সৈন্য" in ledger or "\\u09b8\\u09c8" in ledger  # quotes in the original language
    assert 'href="ledger.csv"' in ledger and 'href="ledger.parquet"' in ledger


# --------------------------------------------------------------------------- every language


@pytest.mark.slow
def test_mixed_language_corpus_shows_every_language(tmp_path):
    """Seeds plus one wire report per language with a pack: overview and ledger show them all."""
    corpus = tmp_path / "corpus"
    shutil.copytree(paths.SEEDS_DIR, corpus)
    docs = sorted((paths.TESTS_DATA_DIR / "langdocs").glob("*.txt"))
    for doc in docs:
        shutil.copy(doc, corpus / doc.name)
    out = tmp_path / "reports"
    summary = run_reports(
        out=out, corpus=corpus, only=["00_corpus_overview", "90_claims_ledger"], jobs=2,
        progress=None,
    )  # fmt: skip
    assert summary.exit_code == 0, [r.get("error") for r in summary.results]
    from dprkwatch.notebook.labels import language_name

    languages = {"bn", "en", "pt"} | {d.stem.split("_")[0] for d in docs}
    assert headlines(out, "00_corpus_overview")["Languages"]["value"] == len(languages)
    overview = (out / "00_corpus_overview.html").read_text(encoding="utf-8")
    ledger = (out / "90_claims_ledger.html").read_text(encoding="utf-8")
    for lang in languages:
        assert f">{language_name(lang)}<" in overview, lang
        assert language_name(lang) in ledger, lang


@pytest.fixture(scope="module")
def scripts_store(tmp_path_factory):
    """A store whose claims quote our own sentences in every script the reports must show."""
    folder = tmp_path_factory.mktemp("scripts")
    return write_store(folder, claims_frame(len(QUOTES) * 24, list(QUOTES)))


@pytest.mark.slow
def test_every_script_is_embedded_with_its_font(scripts_store, tmp_path):
    from dprkwatch.reports import fonts

    nb = execute("90_claims_ledger", tmp_path, store=str(scripts_store))
    page = render_html(nb, title="Claims ledger")
    for lang, quote in QUOTES.items():
        word = quote.split()[0].strip("。，")[:2]
        assert word in page or word.encode("unicode_escape").decode() in page, lang
    for family in ("Noto Sans Bengali", "Noto Sans Devanagari", "Noto Sans Arabic"):
        script = next((s for s in fonts.SCRIPTS if s.family == family), None)
        if script is None or fonts.find_font_file(script.files) is None:
            continue  # this machine lacks the font, or reports/fonts.py does not know it yet
        assert f'font-family: "{family}"' in page, family


# --------------------------------------------------------------------------- any size


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    """20,000 claims over two years in eight scripts, twelve sources, 5,000 documents."""
    folder = tmp_path_factory.mktemp("big")
    return write_store(folder, claims_frame(20_000, list(QUOTES)))


@pytest.mark.slow
@pytest.mark.parametrize("name", ["00_corpus_overview", "30_troop_deployments", "90_claims_ledger"])
def test_reports_stay_small_on_a_large_store(big_store, tmp_path, name):
    nb = execute(name, tmp_path, store=str(big_store))
    page = render_html(nb, title=name)
    assert len(page.encode("utf-8")) < 5_000_000, f"{name}: {len(page) / 1e6:.1f} MB"
    sizes = images(page)
    assert sizes, name
    for width, height in sizes:
        assert width <= 1500 and height <= 2800, (name, width, height)
    if name == "90_claims_ledger":
        assert "The table shows 2,000 of the 20,000 claims" in reader_text(page)


@pytest.mark.slow
def test_rendering_twice_gives_the_same_bytes(scripts_store, tmp_path):
    first = execute("30_troop_deployments", tmp_path / "a", store=str(scripts_store))
    second = execute("30_troop_deployments", tmp_path / "b", store=str(scripts_store))
    assert render_html(first, title="t") == render_html(second, title="t")


@pytest.mark.slow
def test_a_missing_store_says_so_in_plain_words(tmp_path):
    with pytest.raises(papermill.PapermillExecutionError) as info:
        execute("30_troop_deployments", tmp_path, store=str(tmp_path / "no-store"))
    assert info.value.ename == "StoreUnavailable"
    assert len(info.value.traceback) == 1 and "dprkwatch update" in info.value.traceback[0]
    assert str(tmp_path) not in info.value.traceback[0]
