"""The ledger store: incremental updates by document, claim identity over runs, safe failures."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from dprkwatch.core.errors import NothingToReadError, StoreError
from dprkwatch.core.paths import SEEDS_DIR
from dprkwatch.ledger import COLUMNS, EXTRA_COLUMNS, validate_claims
from dprkwatch.store import compact, open_store, update, work
from dprkwatch.store import updater as update_module
from dprkwatch.store.layout import read_manifest

# Sentences written for these tests.
TROOPS = (
    "Seoul's National Intelligence Service said on Monday that North Korea had sent about "
    "{n} troops to Russia.\n"
)
WORKERS = "Ukraine's military intelligence said that North Korea sent 4,000 workers to Russia.\n"


def write(path: Path, text: str, mtime: float | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    write(
        folder / "a.txt",
        "---\nlanguage: en\npublished: 2025-01-10\n---\n" + TROOPS.format(n="11,000"),
    )
    write(folder / "b.txt", "---\nlanguage: en\npublished: 2025-02-10\n---\n" + WORKERS)
    write(folder / "sub" / "c.md", "North Korea sent 3,000 more troops to Russia, the NIS said.\n")
    return folder


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


def claims_of(store_dir: Path, **kw) -> pd.DataFrame:
    return open_store(store_dir).claims(**kw)


def no_reading(monkeypatch) -> None:
    """Fail the test if the update opens any document."""

    def refuse(task):
        raise AssertionError(f"{task.file} was read")

    monkeypatch.setattr(work, "_process_one", refuse)


def test_first_update_builds_the_store(corpus, store_dir):
    s = update(corpus, store_dir, jobs=1)
    assert (s.run_id, s.n_new, s.n_changed, s.n_unchanged, s.n_gone) == (1, 3, 0, 0, 0)
    assert s.skipped == [] and s.warnings == []
    assert "3 documents (3 new, 0 changed, 0 unchanged)" in s.line() and "3 claims" in s.line()
    store = open_store(store_dir)
    claims = store.claims()
    assert list(claims.columns[: len(COLUMNS) + len(EXTRA_COLUMNS)]) == COLUMNS + EXTRA_COLUMNS
    validate_claims(claims)  # a store's claims are a valid ledger
    assert sorted(claims["value"]) == [3000, 4000, 11000]
    assert set(claims["status"]) == {"current"}
    assert set(claims["first_seen_run"]) == {1} and set(claims["last_seen_run"]) == {1}
    docs = store.documents()
    assert sorted(docs["path"]) == ["a.txt", "b.txt", "sub/c.md"]
    assert "text" not in docs.columns
    assert docs.set_index("path").loc["a.txt", "published"] == pd.Timestamp("2025-01-10")
    assert set(store.changes()["change"]) == {"new"}
    assert len(store.runs()) == 1 and store.errors().empty
    assert store.version == s.version


def test_no_change_update_reads_no_document(corpus, store_dir, monkeypatch):
    first = update(corpus, store_dir, jobs=1)
    no_reading(monkeypatch)
    s = update(corpus, store_dir, jobs=1)
    assert (s.run_id, s.n_new, s.n_changed, s.n_unchanged, s.n_gone) == (2, 0, 0, 3, 0)
    assert s.version == first.version
    store = open_store(store_dir)
    assert set(store.claims()["last_seen_run"]) == {2}
    assert set(store.claims()["first_seen_run"]) == {1}
    assert store.changes().empty
    assert list(store.runs()["run_id"]) == [1, 2]


def test_without_corpus_the_store_updates_its_own_folders(corpus, store_dir):
    update(corpus, store_dir, jobs=1)
    write(corpus / "d.txt", WORKERS.replace("4,000", "5,000"))
    s = update(None, store_dir, jobs=1)
    assert (s.n_new, s.n_unchanged) == (1, 3)


def test_touched_file_is_hashed_not_extracted(corpus, store_dir, monkeypatch):
    first = update(corpus, store_dir, jobs=1)
    os.utime(corpus / "a.txt", (1e9, 1e9))
    calls = []
    real = work.extract_file
    monkeypatch.setattr(work, "extract_file", lambda f, **kw: calls.append(f) or real(f, **kw))
    s = update(corpus, store_dir, jobs=1)
    assert calls == [] and s.n_unchanged == 3 and s.version == first.version
    no_reading(monkeypatch)  # the new time is recorded: the next run does not read it again
    assert update(corpus, store_dir, jobs=1).n_unchanged == 3


def test_changed_value_is_a_revision_and_other_claims_keep_their_history(corpus, store_dir):
    update(corpus, store_dir, jobs=1)
    before = claims_of(store_dir).set_index("path")
    text = (corpus / "a.txt").read_text(encoding="utf-8").replace("11,000", "12,000")
    write(corpus / "a.txt", text)
    s = update(corpus, store_dir, jobs=1)
    assert (s.n_changed, s.n_unchanged) == (1, 2)
    assert (s.claims_new, s.claims_revised, s.claims_gone) == (0, 1, 0)
    store = open_store(store_dir)
    now = store.claims().set_index("path")
    assert now.loc["a.txt", "value"] == 12000
    assert now.loc["a.txt", "claim_id"] != before.loc["a.txt", "claim_id"]
    assert now.loc["a.txt", "first_seen_run"] == 2
    assert now.loc["b.txt", "claim_id"] == before.loc["b.txt", "claim_id"]
    assert (now.loc["b.txt", "first_seen_run"], now.loc["b.txt", "last_seen_run"]) == (1, 2)
    (rev,) = store.changes().itertuples()
    assert (rev.change, rev.value, rev.old_value, rev.path) == ("revised", 12000, 11000, "a.txt")
    gone = store.claims(include_gone=True).query("status == 'gone'")
    assert list(gone["value"]) == [11000] and list(gone["last_seen_run"]) == [1]
    assert open_store(store_dir).version == s.version


def test_claim_dropped_from_a_changed_document_is_gone(corpus, store_dir):
    write(corpus / "b.txt", WORKERS + TROOPS.format(n="2,000"))
    update(corpus, store_dir, jobs=1)
    write(corpus / "b.txt", WORKERS)
    s = update(corpus, store_dir, jobs=1)
    assert (s.claims_new, s.claims_revised, s.claims_gone) == (0, 0, 1)
    changes = open_store(store_dir).changes()
    assert list(changes["change"]) == ["gone"] and list(changes["value"]) == [2000]


def test_removed_document_is_gone_with_its_claims(corpus, store_dir):
    update(corpus, store_dir, jobs=1)
    (corpus / "b.txt").unlink()
    s = update(corpus, store_dir, jobs=1)
    assert (s.n_gone, s.n_documents, s.n_claims, s.claims_gone) == (1, 2, 2, 1)
    store = open_store(store_dir)
    assert "b.txt" not in set(store.documents()["path"])
    assert store.documents(include_gone=True).set_index("path").loc["b.txt", "status"] == "gone"
    assert 4000 not in set(store.claims()["value"])
    gone = store.claims(include_gone=True).query("status == 'gone'")
    assert list(gone["path"]) == ["b.txt"] and list(gone["last_seen_run"]) == [1]
    # it comes back: new again, and its first sighting is remembered
    write(corpus / "b.txt", WORKERS)
    update(corpus, store_dir, jobs=1)
    back = claims_of(store_dir).set_index("path").loc["b.txt"]
    assert (back["first_seen_run"], back["last_seen_run"], back["status"]) == (1, 3, "current")
    assert list(open_store(store_dir).changes()["change"]) == ["new"]


@pytest.mark.parametrize("how", ["missing", "empty", "no documents"])
def test_nothing_to_read_leaves_the_store_untouched(corpus, store_dir, tmp_path, how):
    update(corpus, store_dir, jobs=1)
    manifest = (store_dir / "manifest.json").read_bytes()
    target = tmp_path / "elsewhere"
    if how != "missing":
        target.mkdir()
    if how == "no documents":
        write(target / "notes.csv", "a,b\n")
    with pytest.raises(NothingToReadError, match="elsewhere"):
        update(target, store_dir, jobs=1)
    with pytest.raises(NothingToReadError):
        update([corpus, target], store_dir, jobs=1)  # one vanished mount is enough to stop
    assert (store_dir / "manifest.json").read_bytes() == manifest
    assert NothingToReadError.exit_code == 2


def test_a_corpus_that_shrank_by_half_is_reported(corpus, store_dir):
    update(corpus, store_dir, jobs=1)
    (corpus / "a.txt").unlink()
    (corpus / "b.txt").unlink()
    s = update(corpus, store_dir, jobs=1)
    assert s.n_gone == 2
    assert any("shrank from 3 documents to 1" in w for w in s.warnings)


def test_bad_documents_are_skipped_and_listed(corpus, store_dir, monkeypatch):
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02" * 200)
    write(corpus / "empty.txt", "---\ntitle: nothing\n---\n")
    write(corpus / "other" / "a.md", "A second a.")
    s = update(corpus, store_dir, jobs=1)
    assert (s.n_new, s.n_skipped) == (3, 3)
    reasons = {Path(e.path).name: (e.stage, e.reason) for e in s.skipped}
    assert "clashes" in reasons["a.md"][1]
    assert reasons["broken.txt"][0] == "decode" and "empty" in reasons["empty.txt"][1]
    errors = open_store(store_dir).errors()
    assert {Path(p).name for p in errors["path"]} == {"a.md", "broken.txt", "empty.txt"}
    assert len(claims_of(store_dir)) == 3
    # unchanged next time: still listed, not read again (the clash is looked at again)
    real = work._process_one

    def only_the_clash(task):
        assert task.key == "other/a.md", f"{task.file} was read again"
        return real(task)

    monkeypatch.setattr(work, "_process_one", only_the_clash)
    again = update(corpus, store_dir, jobs=1)
    assert sorted(Path(e.path).name for e in again.skipped) == ["a.md", "broken.txt", "empty.txt"]
    monkeypatch.undo()
    (corpus / "broken.txt").write_text(
        "Now 1,000 troops were sent, the NIS said.", encoding="utf-8"
    )
    assert update(corpus, store_dir, jobs=1).n_skipped == 2


def test_a_fifo_named_like_a_document_is_skipped_never_read(corpus, store_dir):
    os.mkfifo(corpus / "pipe.txt")
    s = update(corpus, store_dir, jobs=1)
    (problem,) = s.skipped
    assert problem.path.endswith("pipe.txt") and "not a regular file" in problem.reason
    assert s.n_new == 3


def test_document_failing_validation_is_skipped_not_fatal(corpus, store_dir, monkeypatch):
    real = work.extract_file

    def one_bad(file, **kw):
        got = real(file, **kw)
        if file.endswith("b.txt"):  # a range upside down: no rounding explains it
            got.rows[0].update(value=5000.0, value_low=9000.0, value_high=4000.0)
        return got

    monkeypatch.setattr(work, "extract_file", one_bad)
    s = update(corpus, store_dir, jobs=1)
    (problem,) = s.skipped
    assert problem.stage == "validate" and problem.path.endswith("b.txt")
    assert sorted(claims_of(store_dir)["value"]) == [3000, 11000]


def test_a_new_extractor_re_extracts_everything_and_keeps_identities(
    corpus, store_dir, monkeypatch
):
    first = update(corpus, store_dir, jobs=1)
    ids = set(claims_of(store_dir)["claim_id"])
    calls = []
    real = work.extract_file
    monkeypatch.setattr(work, "extract_file", lambda f, **kw: calls.append(f) or real(f, **kw))
    monkeypatch.setattr(update_module, "extractor_fingerprint", lambda: "changed")
    monkeypatch.setattr(work, "extractor_fingerprint", lambda: "changed")
    s = update(corpus, store_dir, jobs=1)
    assert len(calls) == 3
    assert s.version == first.version and s.n_unchanged == 3
    assert set(claims_of(store_dir)["claim_id"]) == ids


def test_batches_extracted_by_two_versions_are_refused(corpus, store_dir, monkeypatch):
    versions = iter(["one", "two", "two"])
    monkeypatch.setattr(work, "extractor_fingerprint", lambda: next(versions))
    with pytest.raises(StoreError, match="different extraction code"):
        update(corpus, store_dir, jobs=1, batch_docs=1)
    assert not (store_dir / "manifest.json").exists()
    assert list((store_dir / "parts").glob("*")) == []


def test_filters(corpus, store_dir):
    write(
        corpus / "pt.txt",
        "---\nlanguage: pt\npublished: 2025-03-01\n---\nA Coreia do Norte enviou 2.000 soldados à Rússia, disse o NIS.\n",
    )
    update(corpus, store_dir, jobs=1)
    store = open_store(store_dir)
    assert set(store.claims(languages=["pt"])["language"]) == {"pt"}
    assert set(store.claims(topic="labor")["indicator"]) == {"workers_deployed"}
    assert set(store.claims(indicators=["workers_deployed"])["value"]) == {4000}
    dated = store.claims(published_from="2025-02-01", published_to="2025-02-28")
    assert list(dated["path"]) == ["b.txt"]
    assert list(store.documents(languages=["pt"])["path"]) == ["pt.txt"]
    rel = store.relation("SELECT indicator, count(*) AS n FROM claims GROUP BY indicator")
    assert dict(rel.fetchall())["troops_deployed"] == 3
    assert "South Korea NIS" in set(store.sources()["source"])
    every = store.claims()
    sample = store.claims(limit=2)
    assert len(sample) == 2 and set(sample["claim_id"]) <= set(every["claim_id"])
    assert list(sample.columns) == list(every.columns)


def test_compaction_keeps_parts_few_and_content_the_same(corpus, store_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(compact, "MAX_PARTS", 3)
    update(corpus, store_dir, jobs=1)
    for n in range(6):
        write(corpus / f"new{n}.txt", TROOPS.format(n=f"{n + 1},500"))
        update(corpus, store_dir, jobs=1)
    manifest = json.loads((store_dir / "manifest.json").read_text())
    assert all(len(v) <= 4 for v in manifest["parts"].values())
    named = {p for v in manifest["parts"].values() for p in v} | set(manifest["retired"])
    assert {p.name for p in (store_dir / "parts").iterdir()} == named
    fresh = tmp_path / "fresh"
    update(corpus, fresh, jobs=1)
    cols = ["claim_id", "value", "attributed_to", "quote", "status"]
    assert claims_of(store_dir)[cols].equals(claims_of(fresh)[cols])
    assert len(open_store(store_dir).runs()) == 7


def test_latest_rows_come_from_the_newest_part_holding_each_key(corpus, store_dir, monkeypatch):
    """The views read the oldest part without ranking it: each part holds a key once, so the
    latest row of every claim and document is the one of the newest part that has it. Checked
    against ranking the whole log, through revisions, removals, returns and compactions."""
    monkeypatch.setattr(compact, "MAX_PARTS", 3)
    update(corpus, store_dir, jobs=1)
    steps = [
        lambda: write(corpus / "a.txt", TROOPS.format(n="12,000")),
        lambda: (corpus / "b.txt").unlink(),
        lambda: write(corpus / "b.txt", WORKERS + TROOPS.format(n="2,000")),
        lambda: write(corpus / "new.txt", TROOPS.format(n="7,500")),
        lambda: write(corpus / "a.txt", TROOPS.format(n="13,000")),
        lambda: (corpus / "new.txt").unlink(),
    ]
    for step in steps:
        step()
        update(corpus, store_dir, jobs=1)
        con = open_store(store_dir).connection()
        for table, key in (("claims", "claim_id"), ("documents", "path")):
            for part in json.loads((store_dir / "manifest.json").read_text())["parts"][table]:
                rows = con.sql(
                    f"SELECT count(*), count(DISTINCT {key}) FROM read_parquet(?)",
                    params=[str(store_dir / "parts" / part)],
                ).fetchall()[0]
                assert rows[0] == rows[1], part
            ranked = (
                f"SELECT * FROM {table}_log QUALIFY row_number() OVER "
                f"(PARTITION BY {key} ORDER BY run DESC) = 1"
            )
            got = con.sql(f"SELECT * FROM {table}_latest ORDER BY {key}").df()
            want = con.sql(f"SELECT * FROM ({ranked}) ORDER BY {key}").df()
            assert len(got) > 0 and got.equals(want)


def test_documents_read_before_the_lock_are_used_only_if_the_store_did_not_move(
    corpus, store_dir, monkeypatch
):
    """update reads the store's documents while it lists the corpus, before taking the lock;
    if another update ran in between, what it read is stale and is read again."""
    update(corpus, store_dir, jobs=1)
    stale = update_module._known_early(store_dir, read_manifest(store_dir))
    assert stale is not None and set(stale[1]) == {"a.txt", "b.txt", "sub/c.md"}
    write(corpus / "a.txt", TROOPS.format(n="12,000"))
    update(corpus, store_dir, jobs=1)  # "another update": a.txt's new hash is in the store
    no_reading(monkeypatch)  # a.txt's stale size and time would send it to be read again
    monkeypatch.setattr(update_module, "_known_early", lambda folder, manifest: stale)
    s = update(corpus, store_dir, jobs=1)
    assert (s.n_changed, s.n_unchanged) == (0, 3)
    fresh = update_module._known_early(store_dir, read_manifest(store_dir))
    monkeypatch.setattr(update_module, "_known_early", lambda folder, manifest: fresh)
    s = update(corpus, store_dir, jobs=1)
    assert (s.n_changed, s.n_unchanged) == (0, 3)


def test_unusable_stores_are_errors_naming_the_folder(tmp_path, corpus, store_dir):
    with pytest.raises(StoreError, match="no ledger store"):
        open_store(tmp_path / "nothing")
    update(corpus, store_dir, jobs=1)
    part = next((store_dir / "parts").glob("claims-*"))
    part.unlink()
    with pytest.raises(StoreError, match=part.name):
        open_store(store_dir)
    (store_dir / "manifest.json").write_text("{not json")
    with pytest.raises(StoreError, match="manifest"):
        open_store(store_dir)


def test_seeds(store_dir, tmp_path):
    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS_DIR, corpus)
    s = update(corpus, store_dir, jobs=1)
    assert (s.n_new, s.n_skipped) == (5, 0)
    claims = claims_of(store_dir)
    assert set(claims["language"]) == {"bn", "en", "pt"}
    assert ((claims["indicator"] == "troops_deployed") & (claims["value"] == 15000)).sum() >= 2


def test_an_update_with_nothing_to_read_loads_no_pandas_and_no_extractor(corpus, store_dir):
    update(corpus, store_dir, jobs=1)
    code = (
        "import sys; from dprkwatch.store import update; "
        f"s = update({str(corpus)!r}, {str(store_dir)!r}); "
        "print(s.n_unchanged, sorted(m for m in ('pandas', 'pandera', 'dprkwatch.extract') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["3", "[]"]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("abc", "a9993e364706816a"),  # sha1("abc")
        (None, "da39a3ee5e6b4b0d"),  # missing values are the empty string
        ("NaT", "da39a3ee5e6b4b0d"),
        (float("nan"), "da39a3ee5e6b4b0d"),
        (1.0, "e8dc057d3346e56a"),  # repr(1.0)
        (15000, "2e6b839b51c0ac07"),  # 15000 and 15000.0 alike
        (15000.0, "2e6b839b51c0ac07"),
        (True, "88b33e4e12f75ac8"),  # "True", not 1.0
    ],
)
def test_digests_never_change(value, expected):
    """Claim ids and row hashes written by earlier versions stay valid: a changed digest would
    make every stored claim look revised."""
    from dprkwatch.store.layout import digest

    assert digest(value) == expected
