"""Finding people's names in free text and replacing them (erasure, public output)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

import ahocorasick

_WORD_RUN = re.compile(r"\w+")
# COMBINING GREEK YPOGEGRAMMENI is no word character, yet ignoring case it matches iota, which
# is one: the only such character (tests/convener/test_redaction.py checks every code point).
# Names never hold it (casefold() turns it into iota); a text holding it skips the
# pre-selection below and is searched for every name.
_UNALIGNED = "\u0345"


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@lru_cache(maxsize=65536)
def _fold(run: str) -> str:
    """One spelling for all the spellings `re.IGNORECASE` lets match each other, letter by letter.

    Simple lower case first (what the regex engine compares), then upper and lower again, which
    joins the letters the engine also treats as equal (ı and i, ſ and s, µ and μ, ς and σ).
    In ASCII that is plain lower case, done in C.
    """
    if run.isascii():
        return run.lower()
    return "".join(char.lower()[0].upper().lower() for char in run)


def _folded_runs(text: str) -> set[str]:
    """The text's runs of word characters, folded. An ASCII text is folded whole, which leaves
    its runs where they were; any other is folded run by run (folding can change what is a
    word character: see _UNALIGNED)."""
    if text.isascii():
        return set(_WORD_RUN.findall(text.lower()))
    return {_fold(run) for run in _WORD_RUN.findall(text)}


def _selecting_run(key: str) -> str | None:
    """The run of word characters a text must hold (folded) for `key` to match in it: its
    longest, the most selective; None when it has none."""
    runs = _WORD_RUN.findall(key)
    return _fold(max(runs, key=len)) if runs else None


@lru_cache(maxsize=1024)
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    # One pattern for all keys, longest first, so "Amina Yusuf" goes before "Amina".
    parts = [r"\s+".join(re.escape(word) for word in term.split()) for term in terms]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def substitutions(replacements: Mapping[str, str], fallback: str) -> Callable[[str], str]:
    """A function replacing each key (whole words, any case, any spacing) with its value.

    Keys are tried longest first, so "Amina Yusuf" goes before "Amina". Keys shorter than two
    characters are ignored: they would match inside ordinary prose.

    A pattern of thousands of names (every lived experience expert is part of the public
    redaction) costs milliseconds per text to run and seconds to compile, so each text is
    searched only for the names that can occur in it: a match lines up every run of word
    characters in the name with a whole run of word characters in the text, equal letter by
    letter ignoring case, so a name is kept when its longest run, folded, is one of the
    text's runs, folded. Dropping names that cannot match anywhere leaves the result of the
    one pattern unchanged.
    """
    table = {_key(term): value for term, value in replacements.items() if len(term.strip()) >= 2}
    if not table:
        return lambda text: text
    terms = sorted(table, key=len, reverse=True)
    by_run: defaultdict[str, list[int]] = defaultdict(list)
    always: list[int] = []
    for position, term in enumerate(terms):
        run = _selecting_run(term)
        if run is None:
            always.append(position)
        else:
            by_run[run].append(position)

    def replace(match: re.Match[str]) -> str:
        return table.get(_key(match.group()), fallback)

    def apply(text: str) -> str:
        if _UNALIGNED in text:
            chosen = tuple(terms)
        else:
            found = {p for run in _folded_runs(text) for p in by_run.get(run, ())}
            chosen = tuple(terms[p] for p in sorted(found.union(always)))
        return _pattern(chosen).sub(replace, text) if chosen else text

    return apply


def could_occur(texts: Iterable[str]) -> Callable[[str], bool]:
    """A test of whether `substitutions` could find a term in any of `texts`.

    It answers yes whenever a match is possible (by the rule `substitutions` selects names
    with), so a caller may leave out the people whose terms it says no to, without reading
    them whole: at 100k people most lived experience experts are named in no finding.
    """
    runs: set[str] = set()
    unaligned = False
    for text in texts:
        unaligned = unaligned or _UNALIGNED in text
        runs.update(_folded_runs(text))

    def test(term: str) -> bool:
        run = _selecting_run(_key(term))
        return unaligned or run is None or run in runs

    return test


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
    """Replace every one of `terms` with the same `replacement`."""
    return substitutions({t: replacement for t in terms if t}, replacement)
