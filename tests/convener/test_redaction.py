"""The one matcher for people in free text: every way of writing a name, and where it lands."""

from __future__ import annotations

import unicodedata

from anyascii import anyascii
from hypothesis import given, settings
from hypothesis import strategies as st

from convener.redaction import (
    Matcher,
    Term,
    TermKind,
    fold,
    mentions,
    name_parts,
    replacer,
    term_key,
    vocabulary,
)
from tests.leaks import leaks_in

W = "[withheld]"


def protected(name: str, shown: str = W) -> list[Term]:
    """The terms the policy gives a lived experience expert shown as `shown`."""
    return [Term(name, TermKind.NAME, shown)] + [
        Term(part, TermKind.PART, shown) for part in name_parts(name)
    ]


BLESSING = Matcher(
    protected("Blessing Okoro", "Ada")
    + protected("Trần Văn Minh", "Lam")
    + protected("Aoife O'Sullivan")
    + protected("Joy Mensah-Clarke")
    + [
        Term("daniela.stoica@example.org", TermKind.EMAIL, W),
        Term("+44 7700 900430", TermKind.PHONE, W),
        Term("Grace Okoro", TermKind.NAME, None),  # someone the audience may see
    ],
    W,
)


def test_invisible_and_format_characters_do_not_hide_a_name():
    for invisible in ("\u200b", "\u200c", "\u200d", "\u00ad", "\ufeff", "\u2060", "\u202e"):
        assert BLESSING(f"with Bless{invisible}ing Okoro today") == "with Ada today", invisible
    assert BLESSING("Blessing \u2066Okoro\u2069 said") == "Ada\u2069 said"
    assert BLESSING("Bless\u034fing Okoro") == "Ada"  # combining grapheme joiner


def test_compatibility_forms_case_and_spacing():
    assert BLESSING("\uff22\uff4c\uff45\uff53\uff53\uff49\uff4e\uff47 Okoro") == "Ada"
    assert BLESSING("BLESSING OKORO, blessing okoro") == "Ada, Ada"
    assert BLESSING("Blessing \n\t Okoro and Blessing\u00a0\u00a0Okoro") == "Ada and Ada"


def test_accents_are_optional_and_may_be_written_apart():
    for spelling in (
        "Tran Van Minh",
        "Trần Văn Minh",
        unicodedata.normalize("NFD", "Trần Văn Minh"),
    ):
        assert BLESSING(f"({spelling})") == "(Lam)", spelling
    assert BLESSING("TRẦN VĂN MINH") == "Lam"


def test_apostrophe_hyphen_and_dash_variants_are_alike():
    for mark in ("'", "\u2019", "\u2018", "\u02bc", "`"):
        assert BLESSING(f"Aoife O{mark}Sullivan spoke") == f"{W} spoke", mark
    for dash in ("-", "\u2010", "\u2011", "\u2013", "\u2014", "\u2212"):
        assert BLESSING(f"Joy Mensah{dash}Clarke") == W, dash


def test_a_part_alone_is_matched_only_when_written_as_a_name():
    assert BLESSING("Okoro spoke; Blessing agreed; MINH too") == "Ada spoke; Ada agreed; Lam too"
    # In lower case it is a word of the text: the rule this matcher states.
    assert BLESSING("a blessing, and joy") == "a blessing, and joy"
    # A particle, a title or a common word a sentence starts with is never a name alone.
    assert name_parts("Trần Văn Minh") == ("minh", "tran")
    assert name_parts("Dr May Will Okafor") == ("okafor",)
    an = Matcher(protected("An Nguyen"), W)
    assert an("An evaluation by Nguyen; An Nguyen agreed.") == f"An evaluation by {W}; {W} agreed."


def test_the_full_name_of_someone_who_may_be_shown_keeps_its_parts():
    assert BLESSING("Grace Okoro chaired; Okoro spoke") == "Grace Okoro chaired; Ada spoke"


def test_email_with_invisible_characters_and_any_case():
    assert BLESSING("write to daniela.stoica@example\u200b.org now") == f"write to {W} now"
    assert BLESSING("DANIELA.STOICA@EXAMPLE.ORG") == W


def test_phone_numbers_by_their_digits():
    for written in ("07700 900430", "+44 (0)7700-900-430", "+447700900430", "7700.900.430"):
        assert BLESSING(f"call {written}.") == f"call {W}.", written
    assert BLESSING("call 07700 900431") == "call 07700 900431"
    assert BLESSING("ref 2024 7700 900430 99") == f"ref {W}"  # a run holding the number


def test_whole_words_only():
    assert BLESSING("Okorogwu and Blessings") == "Okorogwu and Blessings"


def test_the_replacement_never_prints_the_variant_matched():
    shown = Matcher([Term("Blessing Okoro", TermKind.NAME, "Ada")], W)
    for spelling in ("BLESSING OKORO", "Blessing\u200b Okoro", "blessing  okoro"):
        assert shown(spelling) == "Ada"


def test_a_shared_name_is_replaced_if_anyone_sharing_it_must_be():
    def sam(*shown: str | None) -> str:
        return Matcher([Term("Sam Lee", TermKind.NAME, s) for s in shown], W)("Sam Lee")

    assert sam(None, "Kit") == "Kit"
    assert sam("Jo", "Kit") == W
    assert sam(None, W) == W


def test_erasure_replacer_finds_variants():
    scrub = replacer(["Blessing Okoro", "b.okoro@example.org", "+44 7700 900123"], "[erased]")
    assert scrub("BLESSING\u200bOKORO? no: Blessing  Okoro, b.okoro@example.org, 07700900123") == (
        "BLESSING\u200bOKORO? no: [erased], [erased], [erased]"
    )


# -- property: any spelling of any name, anywhere in any text ---------------------------------

_SYLLABLES = ("zor", "vek", "quil", "brax", "dröm", "ñal", "kyth", "ijö", "žar", "fjå", "ølf")
_INVISIBLE = ("\u200b", "\u200d", "\u00ad", "\ufeff", "\u2060", "\u034f", "\u202a", "\u2066")
_SPACES = (" ", "  ", "\n", "\u00a0", " \t ")
_name_word = st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=3).map(
    lambda parts: "".join(parts).capitalize()
)
_filler = st.text(st.sampled_from("abc xyz.,;:()!?\n-'\u2019éß0123"), max_size=12).filter(
    lambda text: not text or not text[-1].isalnum()
)


def _respelt(word: str, draw: st.DrawFn) -> str:
    form = draw(st.sampled_from(["NFC", "NFD", "NFKC", "ascii", "wide"]))
    if form == "NFD":
        word = unicodedata.normalize("NFD", word)
    elif form == "ascii":
        word = fold(word)
    elif form == "wide":
        word = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in word)
    word = draw(st.sampled_from([word, word.upper(), word.lower(), word.title()]))
    if draw(st.booleans()):
        at = draw(st.integers(1, max(1, len(word) - 1)))
        word = word[:at] + draw(st.sampled_from(_INVISIBLE)) + word[at:]
    return word


@st.composite
def spelling(draw: st.DrawFn, name: str) -> str:
    """`name` written some other way: case, accents, invisible characters, spacing, marks."""
    words = name.split(" ")
    out = [_respelt(word, draw) for word in words]
    glue = [draw(st.sampled_from(_SPACES)) for _ in words[1:]]
    return out[0] + "".join(g + w for g, w in zip(glue, out[1:], strict=True))


def visible(text: str) -> str:
    """What a reader sees, worked out without the matcher: compatibility forms unified,
    format characters and combining marks gone, one space for any white space."""
    kept = (
        c
        for c in unicodedata.normalize("NFKD", text)
        if unicodedata.category(c) != "Cf" and not unicodedata.category(c).startswith("M")
    )
    return " ".join("".join(kept).split())


@settings(max_examples=300, deadline=None)
@given(st.lists(_name_word, min_size=2, max_size=2, unique=True), st.data())
def test_no_spelling_of_a_withheld_name_survives(words: list[str], data: st.DataObject):
    """Checked against what a reader sees, worked out without the matcher.

    Broken on purpose, the matcher failed this at once: with format characters no longer
    dropped in `_fold_char` ("Vekijö D\u200brömvek" printed as typed), and with combining
    marks no longer dropped (a name written in NFD printed as typed).
    """
    name = " ".join(words)
    matcher = Matcher([Term(name, TermKind.NAME, W)], W)
    pieces = data.draw(st.lists(st.one_of(_filler, spelling(name)), min_size=1, max_size=5))
    text = " ".join(pieces)
    redacted = matcher(text)
    assert leaks_in(visible(redacted), [name, anyascii(name)]) == [], (text, redacted)
    # Every match maps back onto characters that fold to the name: the offsets are right.
    for match in matcher.find(text):
        assert term_key(text[match.start : match.end]) == term_key(name)


@settings(max_examples=200, deadline=None)
@given(st.lists(_name_word, min_size=1, max_size=4, unique=True), st.data())
def test_vocabulary_says_yes_to_every_name_the_matcher_finds(words: list[str], data: st.DataObject):
    # Callers skip people whose terms it says no to, so a no for a name the matcher replaces
    # would leave that name in the output.
    names = [" ".join(words[i : i + 2]) for i in range(len(words))]
    texts = data.draw(
        st.lists(
            st.lists(st.one_of(_filler, st.sampled_from(names).flatmap(spelling))).map(" ".join),
            max_size=3,
        )
    )
    known = vocabulary(texts)
    for name in names:
        term = Term(name, TermKind.NAME, W)
        if any(Matcher([term], W)(text) != text for text in texts):
            assert known.may_hold(term), (name, texts)


def test_vocabulary_says_no_to_names_absent_from_the_texts():
    known = vocabulary(["Willowby council has no shelter", "call Ana's office on 07700 900430"])
    assert known.may_hold(Term("ANA", TermKind.NAME, W))
    assert known.may_hold(Term("willowby council", TermKind.NAME, W))
    assert known.may_hold(Term("+44 7700 900430", TermKind.PHONE, W))
    assert not known.may_hold(Term("Willow", TermKind.NAME, W))
    assert not known.may_hold(Term("Mariam Haddad", TermKind.NAME, W))
    assert not known.may_hold(Term("+44 7700 900431", TermKind.PHONE, W))


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.integers(0, 50), st.text("abcé ", max_size=5), max_size=10),
    st.text("abcé x", max_size=30),
)
def test_mentions_are_every_name_in_the_text(names: dict[int, str], text: str):
    assert mentions(names)(text) == tuple(key for key, name in names.items() if name in text)
