"""Read documents: .txt, .md and .html files, any common encoding, optional YAML front matter.

Documents stream one at a time (`iter_documents`), so a folder of millions never sits in
memory. One document's failure at any stage (read, format, decode, front matter, parse,
language) is an InputError naming the file, the stage and the reason; the other documents go
on. Bad front matter fields are dropped with a warning, never the document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from dprkwatch.core.errors import DprkwatchError, InputError
from dprkwatch.ingest.encoding import decode
from dprkwatch.ingest.files import (
    DEFAULT_MAX_BYTES,
    SUFFIXES,
    Found,
    find,
    nothing_to_read,
    open_regular,
    read_bytes,
    sniff,
    unsupported_error,
)
from dprkwatch.ingest.frontmatter import FrontMatter, check_fields, read_front_matter

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_MAX_BYTES", "SUFFIXES", "Corpus", "Document", "ReadError", "load_corpus"]

# Some "text" exports are really HTML fragments (<p> paragraphs): read them as HTML.
_HTML_HINT = re.compile(r"<(?:p|div|br|span|article|h[1-6]|li)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]{0,2000}>")
# An unexpected error's message is cut to this many characters in the skip's reason.
REASON_CHARS = 300


@dataclass
class Document:
    """One article: its normalised text (claims' offsets index it) and its metadata.

    meta: the front matter's other fields, plus `encoding` and `replaced_bytes` (how the
    bytes were decoded).
    """

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
    """A note about one file (a warning: it was read, with a caveat)."""

    path: str
    reason: str
    stage: str = ""

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

    def __iter__(self):  # unpacks as (path, reason)
        return iter((self.path, self.reason))


class Corpus(list):
    """A list of Documents with what was not read.

    errors: documents skipped (InputError: path, stage, reason); warnings: documents read with
    a caveat; unsupported: files in formats the suite does not read.
    """

    def __init__(self, docs=(), errors=None, warnings=None, unsupported=None):
        super().__init__(docs)
        self.errors: list[InputError] = list(errors or [])
        self.warnings: list[ReadError] = list(warnings or [])
        self.unsupported: list[InputError] = list(unsupported or [])


# ---------------------------------------------------------------------------------------


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


def outlet_from_url(url: str) -> str:
    host = urlparse(url).netloc.lower() if url else ""
    return host[4:] if host.startswith("www.") else host


def _unexpected(exc: BaseException) -> str:
    text = f"{exc.__class__.__name__}: {exc}"
    return text if len(text) <= REASON_CHARS else text[: REASON_CHARS - 3] + "..."


@contextmanager
def _stage(path: Path, stage: str) -> Iterator[None]:
    """Any failure inside becomes an InputError naming the file and the stage."""
    try:
        yield
    except InputError:
        raise
    except DprkwatchError as exc:
        raise InputError(path, str(exc), stage) from exc
    except Exception as exc:  # one broken document never stops the others
        raise InputError(path, _unexpected(exc), stage) from exc


def read_document(
    path: str | os.PathLike,
    root: Path | None = None,
    detect: bool = True,
    *,
    data: bytes | None = None,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
) -> tuple[Document, list[str]]:
    """Read one file into a Document and its warnings; InputError (path, stage, reason) if not.

    data: the file's bytes when the caller has read them already (they are checked the same).
    max_bytes: the size limit per document (None: none).
    """
    path = Path(path)
    if data is None:
        data = read_bytes(path, max_bytes)
    elif max_bytes is not None and len(data) > max_bytes:
        raise InputError(path, f"larger than the {max_bytes / 1e6:g} MB limit per document", "read")
    fmt = sniff(data)
    if fmt is not None:
        raise unsupported_error(path, fmt)
    with _stage(path, "decode"):
        decoded = decode(data)
    warnings = [decoded.note] if decoded.note else []
    with _stage(path, "front matter"):
        fm = read_front_matter(decoded.text.lstrip("\ufeff"))
    with _stage(path, "parse"):
        body = _body(path, fm, warnings)
    warnings += fm.warnings
    with _stage(path, "language"):
        lang, source = _language(fm, body, detect)
    with _stage(path, "metadata"):
        doc = _document(path, body, fm, lang, source)
    doc.meta |= {"encoding": decoded.encoding, "replaced_bytes": decoded.replaced}
    return doc, warnings


def _body(path: Path, fm: FrontMatter, warnings: list[str]) -> str:
    """The document's text: HTML turned into text, whitespace normalised; InputError if none."""
    body = fm.body
    if path.suffix.lower() in (".html", ".htm") or len(_HTML_HINT.findall(body[:20000])) >= 2:
        try:
            body, html_meta = html_to_text(body)
        except Exception as exc:  # a page lxml cannot parse is still text
            warnings.append(f"HTML could not be parsed ({exc.__class__.__name__}); tags removed")
            body, html_meta = _TAG.sub(" ", body), {}
        new = {k: v for k, v in html_meta.items() if k not in fm.fields}
        check_fields(new, fm, "HTML metadata")
    body = _clean(body or "")
    if not body:
        raise InputError(path, "no text (empty after removing front matter and markup)", "parse")
    return body


def _language(fm: FrontMatter, body: str, detect: bool) -> tuple[str, str]:
    lang = fm.fields.get("language", "")
    if lang or not detect:
        return lang, "front matter" if lang else ""
    from dprkwatch.ingest.detect import detect_language

    return detect_language(body), "detected"


def _document(path: Path, body: str, fm: FrontMatter, lang: str, source: str) -> Document:
    f = fm.fields
    url = f.get("url", "")
    return Document(
        doc_id=path.stem,
        path=str(path),
        text=body,
        language=lang,
        title=f.get("title") or _first_line(body),
        url=url,
        outlet=f.get("outlet") or outlet_from_url(url),
        published=f.get("published"),
        language_source=source,
        meta=dict(fm.extra),
    )


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
    paths,
    errors: list | None = None,
    warnings: list | None = None,
    *,
    max_bytes: int | None = DEFAULT_MAX_BYTES,
    found: Found | None = None,
) -> Iterator[Document]:
    """Stream Documents from folders/files; every file not read is reported, none stops the rest.

    errors: receives an InputError per skipped document (and per unreadable folder, special
    file, missing path or URL); warnings: a ReadError per caveat; found: the walk's record
    (unsupported formats, files ignored). Raises NothingToReadError when the paths hold no
    document to try at all.
    """
    found = found if found is not None else Found()
    seen: dict[str, str] = {}
    reported = 0
    for path in find(paths, found):
        reported = _flush(found, errors, reported)
        doc = _read_one(path, (errors, warnings), found, max_bytes)
        if doc is None:
            continue
        if doc.doc_id in seen:
            reason = f"doc_id {doc.doc_id!r} clashes with {seen[doc.doc_id]} (file names must be unique without extension)"
            _error(errors, InputError(path, reason, "read"))
            continue
        seen[doc.doc_id] = str(path)
        yield doc
    _flush(found, errors, reported)
    if found.files == found.sniffed:  # no file at all, or only PDFs and the like
        given = [str(paths)] if isinstance(paths, (str, os.PathLike)) else [str(p) for p in paths]
        raise nothing_to_read(given, found)


def _read_one(
    path: Path, sinks: tuple[list | None, list | None], found: Found, max_bytes: int | None
) -> Document | None:
    errors, warnings = sinks
    try:
        doc, warns = read_document(path, max_bytes=max_bytes)
    except InputError as exc:
        if exc.stage == "format":  # a PDF named .txt: unsupported, like any PDF
            found.unsupported.append(exc)
            found.sniffed += 1
        else:
            _error(errors, exc)
        return None
    except Exception as exc:  # read_document wraps its stages; this is the last guard
        _error(errors, InputError(path, _unexpected(exc), "read"))
        return None
    for w in warns:
        if warnings is not None:
            warnings.append(ReadError(str(path), w))
        else:  # nobody collects them: the log says them
            log.warning("%s: %s", path, w)
    return doc


def _flush(found: Found, errors: list | None, done: int) -> int:
    """Report the walk's new problems (unreadable folders, special files); returns the count."""
    for problem in found.problems[done:]:
        _error(errors, problem)
    return len(found.problems)


def _error(sink: list | None, error: InputError) -> None:
    if sink is not None:
        sink.append(error)
    else:  # nobody collects them: the log says them
        log.warning("skipped (%s): %s", error.stage, error)


def load_corpus(paths=None, *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> Corpus:
    """Read a folder (recursively), a file, or a list of them into a Corpus (default: seeds/).

    Never raises for a bad document (see Corpus.errors); raises NothingToReadError when the
    paths hold no document to try at all.
    """
    from dprkwatch.core.paths import SEEDS_DIR

    errors: list[InputError] = []
    warnings: list[ReadError] = []
    found = Found()
    source = paths if paths is not None else SEEDS_DIR
    docs = list(iter_documents(source, errors, warnings, max_bytes=max_bytes, found=found))
    return Corpus(docs, errors, warnings, found.unsupported)


def corpus_fingerprint(paths=None) -> str:
    """A short stable hash of the corpus files (relative names and contents)."""
    from dprkwatch.core.paths import SEEDS_DIR

    paths = paths if paths is not None else SEEDS_DIR
    h = hashlib.sha256()
    roots = [Path(p) for p in ([paths] if isinstance(paths, (str, os.PathLike)) else paths)]
    for f in find(roots):
        rel = next(
            (str(f.relative_to(r)) for r in roots if r.is_dir() and f.is_relative_to(r)), f.name
        )
        h.update(rel.encode("utf-8") + b"\0")
        try:
            with open_regular(f) as fh:
                while chunk := fh.read(1 << 20):
                    h.update(chunk)
        except InputError as exc:  # swapped for a FIFO or gone since the walk
            h.update(str(exc).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:16]
