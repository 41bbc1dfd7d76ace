"""Finding people in free text however their name is written, and replacing what was found.

One matcher for every output that carries free text (findings, roundtable titles, purposes,
agendas, locations, invitations) and for erasure. A text and every term (a name, a part of a
name, an e-mail address, a phone number) are compared in one folded form:

- Unicode compatibility forms are unified (NFKC: full-width letters, ligatures);
- format characters (category Cf: zero-width space and joiner, soft hyphen, BOM, bidi
  controls, word joiner) and combining marks (accents written apart, the combining grapheme
  joiner) are dropped, so an invisible character inside a name does not hide it;
- letters are transliterated to ASCII the way the directory search folds them (anyascii, see
  `convener.collation`), so accents are optional and "Tran Van Minh" is "Trần Văn Minh";
- case is folded; apostrophe variants (’ ‘ ʼ `) are one apostrophe and hyphen and dash
  variants (‐ ‑ – — −) one hyphen; every run of white space is one space.

A term matches only as whole words (no letter or digit of the folded text either side). Phone
numbers are matched by their digits: any run of digits (spaces, dots, brackets, slashes and
hyphens between them allowed) that holds the last nine digits of a phone on file, so
"+44 (0)7700-900 430" and "07700900430" are the same number.

A part of a name on its own (a surname or a given name) is matched only where it is written
as a name is: starting with a capital letter (or in a script without case). In lower case it
is an ordinary word of the text ("a blessing", "grace period") and is left alone. Titles,
particles ("van", "de", "bin") and the common English words sentences start with ("An",
"May", "Will") are never a name alone (`NOT_A_NAME_ALONE`). A part inside the full name of
someone the audience may see is theirs, not a match. The rule errs towards redacting: a
capitalised "Blessing" at the start of a sentence is replaced too, and the pre-publication
check shows the author every such passage.

What replaces a match is the replacement of the term, never the text matched, so the way the
author spelt the name is never printed.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from itertools import accumulate

import ahocorasick
from anyascii import anyascii

# ASCII folded character by character, the same length: lower case, one hyphen, one
# apostrophe, white space and control characters as spaces.
_ASCII = {code: chr(code).lower() for code in range(128)}
_ASCII |= {code: " " for code in range(32)} | {127: " ", ord("`"): "'"}
_ASCII_TABLE = str.maketrans(_ASCII)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SPACE_RUN = re.compile(r"  +")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_RUN = re.compile(r"[a-z0-9]+")
# Digits with the separators people write phone numbers with; at least seven digits.
_PHONE_LIKE = re.compile(r"(?<![0-9])\+?[0-9](?:[ ().\-/]{0,3}[0-9]){6,}(?![0-9])")
_NOT_DIGIT = re.compile(r"[^0-9]")
_EMAIL_LIKE = re.compile(r"[a-z0-9._%+'\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)+")
PHONE_DIGITS = 9  # the national number's tail: the same whatever prefix is written
_MIN_PHONE_DIGITS = 7
# Parts of names never matched on their own: titles and particles that are not a name,
# and the common English words a sentence may start with ("An", "May", "Will"): a name
# part that is also one of them would turn every sentence it starts into a redaction.
NOT_A_NAME_ALONE = frozenset(
    {
        "a", "ab", "al", "an", "and", "ap", "are", "as", "at", "be", "bin", "binti", "but", "by",
        "can", "could", "da", "dame", "das", "de", "del", "della", "den", "der", "di", "do", "dos",
        "dr", "du", "e", "el", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i",
        "ibn", "if", "in", "into", "is", "it", "its", "la", "lady", "le", "lord", "mac", "may",
        "me", "might", "miss", "more", "most", "mr", "mrs", "ms", "must", "mx", "my", "no", "not",
        "now", "o", "of", "on", "one", "or", "our", "out", "prof", "rev", "she", "should", "sir",
        "so", "some", "st", "such", "ten", "ter", "than", "that", "the", "their", "them", "then",
        "there", "these", "they", "this", "those", "to", "too", "two", "up", "us", "van", "von",
        "was", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with",
        "would", "y", "yet", "you", "your"
    }
)  # fmt: skip


def _fold_ascii(text: str) -> str:
    """`_ASCII_TABLE` applied, by the string methods that run in C (most text is ASCII)."""
    folded = text.lower()
    if "`" in folded:
        folded = folded.replace("`", "'")
    return _CONTROL.sub(" ", folded)


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    if char.isascii():
        return char.translate(_ASCII_TABLE)
    category = unicodedata.category(char)
    if category == "Cf" or category.startswith("M"):
        return ""
    if char.isspace():
        return " "
    folded = anyascii(unicodedata.normalize("NFKC", char)).translate(_ASCII_TABLE)
    # A letter or symbol with no transliteration still separates the words either side.
    return folded or " "


def fold(text: str) -> str:
    """The folded form a text is matched in (see the module docstring)."""
    unfolded = _fold_ascii(text) if text.isascii() else "".join(map(_fold_char, text))
    return _SPACE_RUN.sub(" ", unfolded)


def term_key(term: str) -> str:
    """A term as the matcher looks for it: folded, without spaces at either end."""
    return fold(term).strip()


def phone_key(phone: str | None) -> str | None:
    """The digits a phone number is recognised by, or None when it has too few to tell."""
    digits = _NOT_DIGIT.sub("", fold(phone or ""))
    return digits[-PHONE_DIGITS:] if len(digits) >= _MIN_PHONE_DIGITS else None


def name_parts(name: str) -> tuple[str, ...]:
    """The parts of a name that are matched on their own (see the module docstring)."""
    words = [w.strip("'-.") for w in fold(name).split()]
    parts = {w for w in words if len(w) >= 2 and w not in NOT_A_NAME_ALONE}
    return tuple(sorted(parts)) if len(words) > 1 else ()


class TermKind(StrEnum):
    NAME = "name"  # a full name or a pseudonym
    PART = "part"  # a surname or given name on its own: matched only when capitalised
    EMAIL = "email"
    PHONE = "phone"


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    kind: TermKind
    replacement: str | None  # None: the audience may see it as written


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # in the original text
    end: int
    replacement: str


class _Folded:
    """A text's folded form, and the way back from a position in it to the original text."""

    def __init__(self, text: str) -> None:
        self.text = text
        if text.isascii():
            self._pieces: list[str] | None = None
            unfolded = _fold_ascii(text)
        else:
            self._pieces = list(map(_fold_char, text))
            unfolded = "".join(self._pieces)
        self._unfolded = unfolded
        self.folded = _SPACE_RUN.sub(" ", unfolded)
        self._collapsed: tuple[list[int], list[int]] | None = None
        self._ends: list[int] | None = None

    def _to_unfolded(self, position: int) -> int:
        if self._collapsed is None:
            at: list[int] = [0]  # folded positions where the shift changes
            shift: list[int] = [0]  # characters dropped before them
            for run in _SPACE_RUN.finditer(self._unfolded):
                removed = shift[-1] + len(run.group()) - 1
                at.append(run.start() + 1 - shift[-1])
                shift.append(removed)
            self._collapsed = (at, shift)
        at, shift = self._collapsed
        return position + shift[bisect_right(at, position) - 1]

    def _to_original(self, position: int) -> int:
        if self._pieces is None:
            return position
        if self._ends is None:
            self._ends = list(accumulate(map(len, self._pieces)))
        return bisect_right(self._ends, position)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original characters that folded into folded[start:end]."""
        first = self._to_original(self._to_unfolded(start))
        last = self._to_original(self._to_unfolded(end - 1))
        return first, last + 1


def _capitalised(text: str) -> bool:
    """Whether the first letter of `text` is not a lower-case letter."""
    for char in text:
        if char.isalpha():
            return not char.islower()
    return False


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str
    replacement: str | None
    parts_only: bool  # every term with this key is a part of a name


def _merged(terms: Iterable[Term], fallback: str) -> tuple[dict[str, _Entry], dict[str, str]]:
    """Keys to what replaces them. Where terms share a key and disagree, one that must be
    replaced wins over one that may stay, and two different replacements give `fallback`."""
    replacements: dict[str, set[str | None]] = defaultdict(set)
    parts_only: dict[str, bool] = {}
    phones: dict[str, set[str | None]] = defaultdict(set)
    for term in terms:
        if term.kind is TermKind.PHONE:
            key = phone_key(term.text)
            if key:
                phones[key].add(term.replacement)
            continue
        key = term_key(term.text)
        if len(key) < 2:
            continue  # one character would match inside ordinary prose
        replacements[key].add(term.replacement)
        parts_only[key] = parts_only.get(key, True) and term.kind is TermKind.PART

    def one(choices: set[str | None]) -> str | None:
        replacing = choices - {None}
        if not replacing:
            return None
        return replacing.pop() if len(replacing) == 1 else fallback

    entries = {k: _Entry(k, one(v), parts_only[k]) for k, v in replacements.items()}
    phone_map = {k: r for k, v in phones.items() if (r := one(v)) is not None}
    return entries, phone_map


class Matcher:
    """Finds terms in texts (see the module docstring) and replaces them.

    Built once for an output's audience and applied to each of its texts: an Aho-Corasick
    automaton finds every key in one pass over the folded text, however many people there
    are.
    """

    def __init__(self, terms: Iterable[Term], fallback: str) -> None:
        entries, self._phones = _merged(terms, fallback)
        self._automaton: ahocorasick.Automaton | None = None
        if entries:
            self._automaton = ahocorasick.Automaton()
            for key, entry in entries.items():
                self._automaton.add_word(key, entry)
            self._automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        """The passages of `text` to replace, in order, none overlapping."""
        if not text or (self._automaton is None and not self._phones):
            return []
        folded = _Folded(text)
        hits = self._hits(folded.folded)
        if not hits:
            return []
        kept: list[tuple[int, int]] = []
        replacing: list[tuple[int, int, _Entry]] = []
        for start, end, entry in hits:
            first, last = folded.span(start, end)
            if entry.parts_only and not _capitalised(text[first:last]):
                continue
            if entry.replacement is None:
                kept.append((first, last))
            else:
                replacing.append((first, last, entry))
        # A part of a name inside the full name of someone who may be shown is theirs.
        replacing = [
            (s, e, entry)
            for s, e, entry in replacing
            if not (entry.parts_only and any(ks <= s and e <= ke for ks, ke in kept))
        ]
        replacing.sort(key=lambda hit: (hit[0], hit[0] - hit[1]))
        chosen: list[Match] = []
        for start, end, entry in replacing:
            if chosen and start < chosen[-1].end:
                continue
            assert entry.replacement is not None
            chosen.append(Match(start, end, entry.replacement))
        return chosen

    def _hits(self, folded: str) -> list[tuple[int, int, _Entry]]:
        hits: list[tuple[int, int, _Entry]] = []
        if self._automaton is not None:
            length = len(folded)
            for last, entry in self._automaton.iter(folded):
                start = last - len(entry.key) + 1
                if start > 0 and folded[start - 1] in _ALNUM:
                    continue
                if last + 1 < length and folded[last + 1] in _ALNUM:
                    continue
                hits.append((start, last + 1, entry))
        if self._phones:
            for number in _PHONE_LIKE.finditer(folded):
                digits = _NOT_DIGIT.sub("", number.group())
                found = _phone_in(digits, self._phones)
                if found is not None:
                    entry = _Entry(number.group(), found, False)
                    hits.append((number.start(), number.end(), entry))
        return hits

    def __call__(self, text: str) -> str:
        return replace(text, self.find(text))


def _phone_in(digits: str, phones: Mapping[str, str]) -> str | None:
    for size in {len(key) for key in phones}:
        for start in range(len(digits) - size + 1):
            found = phones.get(digits[start : start + size])
            if found is not None:
                return found
    return None


def replace(text: str, matches: Iterable[Match]) -> str:
    """`text` with each match replaced (matches in order, none overlapping)."""
    out: list[str] = []
    at = 0
    for match in matches:
        out += [text[at : match.start], match.replacement]
        at = match.end
    out.append(text[at:])
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What a set of texts could hold: their folded words, e-mail addresses and phone numbers.

    Lets a caller choose, from the whole directory, the few people who could be named in the
    texts before building a matcher for them.
    """

    words: frozenset[str]
    emails: frozenset[str]
    phone_digits: tuple[str, ...]

    def may_hold(self, term: Term) -> bool:
        """False only when the matcher cannot find `term` in any of the texts."""
        if term.kind is TermKind.PHONE:
            key = phone_key(term.text)
            return key is not None and any(key in digits for digits in self.phone_digits)
        runs = _RUN.findall(term_key(term.text))
        return bool(runs) and all(run in self.words for run in runs)


def vocabulary(texts: Iterable[str]) -> Vocabulary:
    words: set[str] = set()
    emails: set[str] = set()
    phones: list[str] = []
    for text in texts:
        folded = fold(text)
        words.update(_RUN.findall(folded))
        if "@" in folded:
            emails.update(_EMAIL_LIKE.findall(folded))
        phones += (_NOT_DIGIT.sub("", m) for m in _PHONE_LIKE.findall(folded))
    return Vocabulary(frozenset(words), frozenset(emails), tuple(phones))


def mentions(names: Mapping[int, str]) -> Callable[[str], tuple[int, ...]]:
    """A function telling whose names (id → name) are in a text: plain substrings, in order.

    A report checks each finding against everyone it may show (thousands, with every expert
    shown under a pseudonym); an Aho-Corasick automaton finds all of them in one pass over
    the text, however many names there are.
    """
    everywhere: list[int] = []  # an empty name is in every text, as `"" in text` says
    positions: defaultdict[str, list[int]] = defaultdict(list)
    keys = list(names)
    for position, name in enumerate(names.values()):
        (positions[name] if name else everywhere).append(position)
    if not positions:
        return lambda text: tuple(keys[p] for p in everywhere)
    automaton = ahocorasick.Automaton()
    for name, at in positions.items():
        automaton.add_word(name, tuple(at))
    automaton.make_automaton()

    def found(text: str) -> tuple[int, ...]:
        hits = {p for _, at in automaton.iter(text) for p in at}
        return tuple(keys[p] for p in sorted(hits.union(everywhere)))

    return found


def replacer(terms: Iterable[str | None], replacement: str) -> Callable[[str], str]:
    """Replace every one of `terms` (names, e-mails, phone numbers) with `replacement`."""
    listed = [t for t in terms if t]
    kinds = [
        Term(t, TermKind.EMAIL if "@" in t else TermKind.NAME, replacement) for t in listed
    ] + [Term(t, TermKind.PHONE, replacement) for t in listed if phone_key(t)]
    return Matcher(kinds, replacement)
