"""A leak checker for any output: does it carry a string it must not?

Point it at text, bytes or files (PDF, HTML, CSV, ICS, JSON...). Every forbidden string is
looked for as a reader would see it (invisible characters dropped, white space runs as one
space, calendar lines unfolded), case-folded, Unicode-normalised, with and without accents
and transliterated, in the bytes read as UTF-8, as Latin-1 and as
UTF-16 (both byte orders, both alignments), so a name cannot hide behind a capital letter, a
composed accent or a wide encoding. Compressed PDF streams are not inflated here: read a PDF's
text with pdftotext first, and scan both.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from anyascii import anyascii


def _visible(text: str) -> str:
    """What a reader sees: calendar lines unfolded, invisible characters (format characters,
    the combining grapheme joiner) gone, any run of white space one space."""
    text = text.replace("\r\n ", "").replace("\r\n\t", "")
    kept = "".join(c for c in text if c != "\u034f" and unicodedata.category(c) != "Cf")
    return " ".join(kept.split())


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFKD", _visible(text)).casefold())


def _fold_loose(text: str) -> str:
    """Also without accents: search indexes and some exporters strip diacritics."""
    decomposed = unicodedata.normalize("NFKD", _visible(text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _fold_ascii(text: str) -> str:
    """Also transliterated to Latin letters, as an author may type a name from another script."""
    return anyascii(_fold_loose(text)).casefold()


def _readings(data: bytes) -> Iterator[str]:
    yield data.decode("utf-8", "ignore")
    yield data.decode("latin-1")
    for encoding in ("utf-16-le", "utf-16-be"):
        yield data.decode(encoding, "ignore")
        yield data[1:].decode(encoding, "ignore")


@dataclass(frozen=True, slots=True)
class Leak:
    where: str
    forbidden: str


def leaks_in(data: str | bytes, forbidden: Iterable[str], where: str = "output") -> list[Leak]:
    """Every forbidden string (of two or more characters) found anywhere in `data`."""
    terms = sorted({t for t in forbidden if t and len(t.strip()) >= 2})
    readings = [data] if isinstance(data, str) else list(_readings(data))
    folds = (_fold, _fold_loose, _fold_ascii)
    folded = [fold(r) for fold in folds for r in readings]
    found: list[Leak] = []
    for term in terms:
        wanted = {fold(term) for fold in folds}
        if any(w in text for w in wanted for text in folded):
            found.append(Leak(where, term))
    return found


def leaks_in_files(paths: Iterable[Path], forbidden: Iterable[str]) -> list[Leak]:
    terms = list(forbidden)
    found: list[Leak] = []
    for path in paths:
        found += leaks_in(path.read_bytes(), terms, str(path))
    return found
