"""Hostile inputs for tests/hostile/, each built on the fly in a test's folder.

GOOD holds the documents every hostile folder also contains (sentences written for these
tests); their claims must come out the same whatever else the folder holds. Each builder in
CASES puts one hostile thing into a folder and says where it must be reported.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import dprkwatch
from dprkwatch.ingest.files import DEFAULT_MAX_BYTES

GOOD = {
    "good_en.txt": "North Korea sent about 12,000 troops to Russia — South Korea’s spy agency said.",
    "good_pt.md": (
        "---\ntitle: Tropas\npublished: 2025-06-17\nlanguage: pt\n---\n"
        "A Coreia do Norte enviou cerca de 12 mil soldados para a Rússia, "
        "disse a agência de espionagem sul-coreana."
    ),
    "good_ru.txt": (
        "Северная Корея отправила в Россию около 12 тысяч военных, сообщила разведка Южной Кореи."
    ),
}
# What a claim says, without where it sits (a stray byte moves offsets, not claims).
CLAIM_FIELDS = ["doc_id", "indicator", "value", "value_low", "value_high", "qualifier"]
CLAIM_FIELDS += ["unit", "attributed_to", "published"]


def write_good(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")


def claims_of(claims) -> list[tuple]:
    """The claims as sorted tuples of what they say (for before/after comparisons)."""
    df = claims[CLAIM_FIELDS].astype(str)
    return sorted(map(tuple, df.to_numpy().tolist()))


def good_claims(tmp: Path) -> list[tuple]:
    """The claims of the good documents alone."""
    folder = tmp / "good_only"
    write_good(folder)
    corpus = dprkwatch.load_corpus(folder)
    assert corpus.errors == [] and len(corpus) == len(GOOD)
    return claims_of(dprkwatch.extract_claims(corpus))


@dataclass(frozen=True)
class Case:
    """A hostile thing: where it is reported ('errors' or 'unsupported') and what it says."""

    build: Callable[[Path], Path]
    where: str
    says: str


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def _dev_zero(folder: Path) -> Path:
    path = folder / "zero.txt"
    path.symlink_to("/dev/zero")
    return path


def _socket(folder: Path) -> Path:
    server = socket.socket(socket.AF_UNIX)
    with contextlib.chdir(folder):  # a socket's path is limited to about 100 bytes
        server.bind("sock.txt")
    server.close()  # the socket file stays
    return folder / "sock.txt"


def _too_large(folder: Path) -> Path:
    path = folder / "huge.txt"
    line = "North Korea sent 1,000 troops to Russia, the NIS said.\n"
    path.write_text(line * (DEFAULT_MAX_BYTES // len(line) + 10), encoding="utf-8")
    return path


def _binary(folder: Path) -> Path:
    path = folder / "binary.txt"
    path.write_bytes(bytes(range(256)) * 40)
    return path


def _empty(folder: Path) -> Path:
    path = folder / "empty.md"
    path.write_text("---\ntitle: only a title\n---\n  \n", encoding="utf-8")
    return path


def _broken_link(folder: Path) -> Path:
    path = folder / "gone.txt"
    path.symlink_to(folder / "never-there.txt")
    return path


def _loop(folder: Path) -> Path:
    path = folder / "again"
    path.symlink_to(folder, target_is_directory=True)
    return path


def _pdf(folder: Path) -> Path:
    path = folder / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    return path


def _pdf_named_txt(folder: Path) -> Path:
    path = folder / "scan.txt"
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    return path


def _zip_named_md(folder: Path) -> Path:
    path = folder / "bundle.md"
    path.write_bytes(b"PK\x03\x04" + bytes(60))
    return path


def _png(folder: Path) -> Path:
    path = folder / "photo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    return path


def _docx(folder: Path) -> Path:
    path = folder / "memo.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(32))
    return path


CASES = {
    "fifo": Case(_fifo, "errors", "FIFO"),
    "link to /dev/zero": Case(_dev_zero, "errors", "character device"),
    "socket": Case(_socket, "errors", "socket"),
    "over the size limit": Case(_too_large, "errors", "limit per document"),
    "binary bytes": Case(_binary, "errors", "binary"),
    "no text": Case(_empty, "errors", "no text"),
    "broken link": Case(_broken_link, "errors", "broken link"),
    "link back up the tree": Case(_loop, "errors", "already read"),
    "PDF": Case(_pdf, "unsupported", "PDF"),
    "PDF named .txt": Case(_pdf_named_txt, "unsupported", "PDF"),
    "ZIP named .md": Case(_zip_named_md, "unsupported", "ZIP"),
    "image": Case(_png, "unsupported", "image"),
    "Word": Case(_docx, "unsupported", "Word"),
}
