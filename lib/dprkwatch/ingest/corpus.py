"""Read documents: .txt, .md and .html files, any common encoding, optional YAML front matter.

Documents stream one at a time (`iter_documents`), so a folder of millions never sits in
memory. A file that cannot be read is reported with its path and reason and skipped; the
other documents go on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import yaml

from dprkwatch.core.errors import DprkwatchError
from dprkwatch.ingest.encoding import DecodeError, decode

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".html", ".htm")
FRONT_MATTER_KEYS = ("title", "url", "outlet", "published", "language")
# Some "text" exports are really HTML fragments (<p> paragraphs): read them as HTML.
_HTML_HINT = re.compile(r"<(?:p|div|br|span|article|h[1-6]|li)\b[^>]*>", re.IGNORECASE)


@dataclass
class Document:
    """One article: its normalised text (claims' offsets index it) and its metadata."""

    doc_id: str
    path: str
    text: str
    language: str = ""
    title: str = ""
    url: str = ""
    outlet: str = ""
    published: dt.date | None = None
    language_source: str = ""  # "front matter" or "detected"
    meta: dict = field(default_factory=dict)


@dataclass
class ReadError:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

    def __iter__(self):  # unpacks as (path, reason)
        return iter((self.path, self.reason))


class Corpus(list):
    """A list of Documents, with `errors` (files skipped) and `warnings` (files read with a caveat)."""

    def __init__(self, docs=(), errors=None, warnings=None):
        super().__init__(docs)
        self.errors: list[ReadError] = list(errors or [])
        self.warnings: list[ReadError] = list(warnings or [])


class DocumentError(DprkwatchError):
    """A document could not be read; the message names the reason."""


# ---------------------------------------------------------------------------------------


def discover(paths: str | os.PathLike | Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Files to read under the given folders (recursively) and files, in a stable order."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if (
                        f.lower().endswith(SUFFIXES)
                        and not f.startswith(".")
                        and f.lower() != "readme.md"
                    ):
                        yield Path(root) / f
        elif p.exists():
            yield p
        else:
            raise FileNotFoundError(f"{p}: no such file or folder")


def split_front_matter(text: str) -> tuple[dict, str, str | None]:
    """(metadata, body, warning): YAML between `---` lines at the very top is metadata."""
    if not text.startswith("---"):
        return {}, text, None
    m = re.match(r"---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|$)", text, re.DOTALL)
    if not m:
        return {}, text, None
    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError as exc:
        return (
            {},
            text[m.end() :],
            f"front matter is not valid YAML ({exc.__class__.__name__}); ignored",
        )
    if not isinstance(meta, dict):
        return {}, text[m.end() :], "front matter is not a mapping; ignored"
    return meta, text[m.end() :], None


def html_to_text(html: str) -> tuple[str, dict]:
    """Article text and metadata from an HTML page (trafilatura), or from a fragment (lxml)."""
    import trafilatura

    meta: dict = {}
    text = None
    if re.search(r"<(?:html|body|article|head)\b", html, re.IGNORECASE):
        text = trafilatura.extract(
            html, include_comments=False, include_tables=False, favor_recall=True
        )
        md = trafilatura.extract_metadata(html)
        if md is not None:
            for key, attr in (
                ("title", "title"),
                ("url", "url"),
                ("outlet", "sitename"),
                ("published", "date"),
            ):
                val = getattr(md, attr, None)
                if val:
                    meta[key] = val
    if not text:
        import lxml.html

        frag = lxml.html.fragment_fromstring(html, create_parent="div")
        for el in frag.iter("script", "style", "noscript"):
            el.drop_tree()
        for el in frag.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"):
            el.tail = "\n" + (el.tail or "")
        text = frag.text_content()
    return text, meta


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    # "14 June 2024", "17 de junho de 2025", "14 червня 2024": dateparser ships its language
    # data (installed with trafilatura), so this stays offline.
    import dateparser

    parsed = dateparser.parse(
        text, settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": False}
    )
    return parsed.date() if parsed else None


def outlet_from_url(url: str) -> str:
    host = urlparse(url).netloc.lower() if url else ""
    return host[4:] if host.startswith("www.") else host


def read_document(
    path: str | os.PathLike, root: Path | None = None, detect: bool = True
) -> tuple[Document, list[str]]:
    """Read one file into a Document; raises DocumentError with the reason when it cannot."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read file: {exc.strerror or exc}") from exc
    try:
        decoded = decode(data)
    except DecodeError as exc:
        raise DocumentError(str(exc)) from exc
    text, encoding = decoded.text.lstrip("\ufeff"), decoded.encoding
    warnings: list[str] = [decoded.note] if decoded.note else []
    meta, body, warn = split_front_matter(text)
    if warn:
        warnings.append(warn)
    is_html = path.suffix.lower() in (".html", ".htm") or len(_HTML_HINT.findall(body[:20000])) >= 2
    if is_html:
        body, html_meta = html_to_text(body)
        for k, v in html_meta.items():
            meta.setdefault(k, v)
    body = _clean(body or "")
    if not body:
        raise DocumentError("no text (empty after removing front matter and markup)")
    url = str(meta.get("url") or "")
    lang = str(meta.get("language") or "").strip().lower()
    source = "front matter" if lang else ""
    if not lang and detect:
        from dprkwatch.ingest.detect import detect_language

        lang, source = detect_language(body), "detected"
    doc = Document(
        doc_id=path.stem,
        path=str(path),
        text=body,
        language=lang,
        title=str(meta.get("title") or _first_line(body)),
        url=url,
        outlet=str(meta.get("outlet") or outlet_from_url(url)),
        published=_date(meta.get("published")),
        language_source=source,
        meta={k: v for k, v in meta.items() if k not in FRONT_MATTER_KEYS} | {"encoding": encoding},
    )
    return doc, warnings


TITLE_CHARS = 120


def _first_line(text: str) -> str:
    """A title for a document that has none: its first line, or that line's first sentence."""
    line = text.split("\n", 1)[0].strip()
    if len(line) <= TITLE_CHARS:
        return line
    m = re.search(r"[.!?।](?=\s|$)", line[: TITLE_CHARS + 40])
    if m:
        return line[: m.end()]
    cut = line.rfind(" ", 0, TITLE_CHARS)
    return line[: cut if cut > 40 else TITLE_CHARS].rstrip(" ,;:") + "…"


def iter_documents(
    paths, errors: list | None = None, warnings: list | None = None
) -> Iterator[Document]:
    """Stream Documents from folders/files; unreadable files go to `errors` (path, reason)."""
    seen: dict[str, str] = {}
    for path in discover(paths):
        try:
            doc, warns = read_document(path)
        except DocumentError as exc:
            _note(errors, path, str(exc))
            continue
        except Exception as exc:  # one broken file never stops the others
            _note(errors, path, f"unexpected error: {exc.__class__.__name__}: {exc}")
            continue
        for w in warns:
            _note(warnings, path, w)
        if doc.doc_id in seen:
            _note(
                errors,
                path,
                f"doc_id {doc.doc_id!r} clashes with {seen[doc.doc_id]} (file names must be unique without extension)",
            )
            continue
        seen[doc.doc_id] = str(path)
        yield doc


def _note(sink: list | None, path, reason: str) -> None:
    log.warning("%s: %s", path, reason)
    if sink is not None:
        sink.append(ReadError(str(path), reason))


def load_corpus(paths=None) -> Corpus:
    """Read a folder (recursively), a file, or a list of them into a Corpus (default: seeds/)."""
    from dprkwatch.core.paths import SEEDS_DIR

    errors: list[ReadError] = []
    warnings: list[ReadError] = []
    docs = list(iter_documents(paths if paths is not None else SEEDS_DIR, errors, warnings))
    return Corpus(docs, errors, warnings)


def corpus_fingerprint(paths=None) -> str:
    """A short stable hash of the corpus files (relative names and contents)."""
    from dprkwatch.core.paths import SEEDS_DIR

    paths = paths if paths is not None else SEEDS_DIR
    h = hashlib.sha256()
    roots = [Path(p) for p in ([paths] if isinstance(paths, (str, os.PathLike)) else paths)]
    for f in discover(roots):
        rel = next(
            (str(f.relative_to(r)) for r in roots if r.is_dir() and f.is_relative_to(r)), f.name
        )
        h.update(rel.encode("utf-8") + b"\0")
        with f.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        h.update(b"\0")
    return h.hexdigest()[:16]
