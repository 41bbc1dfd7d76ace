"""Names replaced in free text: the pre-selected search against one pattern of every name."""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import re
import sys
from collections.abc import Callable, Mapping
from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]

from hypothesis import given, settings
from hypothesis import strategies as st

from convener.redaction import _WORD_RUN, _fold, could_occur, mentions, substitutions


def every_name_at_once(replacements: Mapping[str, str], fallback: str) -> Callable[[str], str]:
    """The rule as documented, with no pre-selection: one pattern of every name, longest first."""

    def key(text: str) -> str:
        return " ".join(text.split()).casefold()

    table = {key(t): v for t, v in replacements.items() if len(t.strip()) >= 2}
    if not table:
        return lambda text: text
    parts = [
        r"\s+".join(re.escape(word) for word in term.split())
        for term in sorted(table, key=len, reverse=True)
    ]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)
    return lambda text: pattern.sub(lambda m: table.get(key(m.group()), fallback), text)


def test_names_are_replaced_whole_in_any_case_and_spacing():
    redact = substitutions({"Amina Yusuf": "A.", "Amina": "B.", "Ivan": "C."}, "[withheld]")
    assert (
        redact("AMINA\n  yusuf met Amina and Ivanka, not ivan.") == "A. met B. and Ivanka, not C.."
    )


def test_case_folding_the_regex_engine_does_is_found():
    # The engine treats dotless ı as i and long ſ as s when ignoring case: so must the search
    # (a spelling that is not the name's own gets the fallback).
    redact = substitutions({"Yilmaz": "Y.", "Strauss": "S."}, "[withheld]")
    assert redact("Yılmaz and ſtrauss and STRAUSS") == "[withheld] and S. and S."


def _equals_under_ignorecase(code: int) -> list[int]:
    """The code points the regex engine matches `code` with when ignoring case (its own tables)."""
    lower = _sre.unicode_tolower(code)
    return [lower, *_EXTRA_CASES.get(lower, ())]


def test_fold_joins_every_pair_the_regex_engine_treats_as_equal():
    word = re.compile(r"\w")
    unaligned = set()
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        assert "\u0345" not in char.casefold(), hex(code)  # so names, casefolded, never hold it
        for other in map(chr, _equals_under_ignorecase(code)):
            assert _fold(char) == _fold(other), (hex(code), hex(ord(other)))
            if bool(word.match(char)) != bool(word.match(other)):
                unaligned.add(char if not word.match(char) else other)
    # Word runs line up between a name and its match except around this one character,
    # which the redaction treats separately.
    assert unaligned == {"\u0345"}


_LETTERS = "aiIıİsSſßẞkKKµμΜισςΣ\u0345ΙιéE\u0301ŁłЖж_0"
# Letters the regex engine matches with each other when ignoring case, though neither lower()
# nor casefold() makes them equal.
_SWAPS = {"i": "ıİ", "ı": "iI", "s": "ſ", "ſ": "sS", "k": "K", "µ": "μΜ", "μ": "µ", "ι": "\u0345Ι"}
_SWAPS |= {"\u0345": "ιΙ", "σ": "ς", "ς": "σΣ", "ß": "ẞ", "ẞ": "ß"}
_piece = st.text(st.sampled_from(_LETTERS), min_size=1, max_size=5)
_name = st.lists(_piece, min_size=1, max_size=3).map(" ".join)
_noise = st.sampled_from([" ", "  ", "\n", ", ", "-", "'", ".", "(", "@", "x", "_"])


def _respelt(name: str, data: st.DataObject) -> str:
    cased = data.draw(st.sampled_from([name, name.upper(), name.lower(), name.title()]))
    return "".join(data.draw(st.sampled_from([c, *_SWAPS.get(c, "")])) for c in cased)


@settings(max_examples=400, deadline=None)
@given(
    st.dictionaries(_name, st.sampled_from(["[A]", "[B]", "[C]"]), max_size=8),
    st.data(),
)
def test_same_result_as_one_pattern_of_every_name(names: dict[str, str], data: st.DataObject):
    # Texts made of the names themselves, re-cased, re-spelt and run together with noise.
    fragments = st.one_of(
        st.sampled_from(sorted(names) or ["x"]).map(lambda n: _respelt(n, data)),
        _piece,
        _noise,
    )
    text = data.draw(st.lists(fragments, max_size=12).map("".join))
    assert substitutions(names, "[W]")(text) == every_name_at_once(names, "[W]")(text)


@settings(max_examples=400, deadline=None)
@given(st.lists(_name, min_size=1, max_size=6, unique=True), st.data())
def test_could_occur_says_yes_to_every_name_the_pattern_finds(
    names: list[str], data: st.DataObject
):
    # Callers skip the people whose terms it says no to, so a no for a name that the
    # one-pattern rule replaces would leave that name in the output.
    fragments = st.one_of(st.sampled_from(names).map(lambda n: _respelt(n, data)), _piece, _noise)
    texts = data.draw(st.lists(st.lists(fragments, max_size=8).map("".join), max_size=3))
    may_occur = could_occur(texts)
    for name in names:
        alone = every_name_at_once({name: "[A]"}, "[A]")
        if any(alone(text) != text for text in texts):
            assert may_occur(name), (name, texts)


def test_could_occur_says_no_to_names_absent_from_the_texts():
    may_occur = could_occur(["Willowby council has no shelter", "call Ana's office"])
    assert may_occur("Ana") and may_occur("ANA") and may_occur("willowby council")
    assert not may_occur("Willow") and not may_occur("Anastasia") and not may_occur("Mariam Haddad")


def test_word_runs_are_what_the_pattern_treats_as_words():
    assert _WORD_RUN.findall("O'Brien-Smith, Łukasz_2 +44 20") == [
        "O",
        "Brien",
        "Smith",
        "Łukasz_2",
        "44",
        "20",
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.integers(0, 50), st.text("abcé ", max_size=5), max_size=10),
    st.text("abcé x", max_size=30),
)
def test_mentions_are_every_name_in_the_text(names: dict[int, str], text: str):
    assert mentions(names)(text) == tuple(key for key, name in names.items() if name in text)
