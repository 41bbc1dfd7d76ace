"""The one text pipeline: hostile text prints exactly, or fails with a clear error."""

from __future__ import annotations

import tempfile
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.pdfbase.ttfonts import TTFont

from convener.domain import FindingKind, InvitationRole
from convener.findings import FindingDraft, add_finding
from convener.privacy import Audience
from convener.reports import UnprintableCharacterError, write_report
from convener.reports.text import PLACEHOLDER, normalise, to_markup
from convener.resources import resource
from convener.storage import Store, Taxonomy
from tests.convener.reports.readback import pdftotext, pypdf_text, squeeze
from tests.convener.reports.world import attend, person, roundtable


def test_markup_is_escaped_and_newlines_kept():
    assert to_markup("AT&T <UK>\nx<y") == "AT&amp;T &lt;UK&gt;<br/>x&lt;y"


def test_normalisation_composes_and_drops_invisible_controls():
    assert normalise("Nguye\u0302\u0303n\x00\u200b\r\nA\tB") == "Nguyễn\nA B"


def test_a_character_no_font_has_is_a_placeholder_and_a_warning(demo_store: Store, tmp_path: Path):
    add_finding(demo_store, FindingDraft(1, "Launch 🚀 in 中国"))
    written = write_report(demo_store, 1, tmp_path / "r.pdf")
    (warning,) = written.warnings
    assert warning.startswith("U+1F680 ROCKET cannot be printed with the report fonts")
    assert "“Launch 🚀 in 中国” is printed with \ufffd" in warning
    assert "Launch \ufffd in 中国" in pypdf_text(written.pdf)


def test_the_text_check_alone_still_refuses_what_no_font_has():
    with pytest.raises(UnprintableCharacterError) as caught:
        to_markup("Launch 🚀")
    assert "U+1F680 ROCKET" in str(caught.value)


def test_fallback_font_prints_symbols_the_main_font_lacks(store: Store, tmp_path: Path):
    rid = roundtable(store)
    add_finding(store, FindingDraft(rid, "Integral ∯ over the area"))
    text = pypdf_text(write_report(store, rid, tmp_path / "r.pdf").pdf)
    assert "∯" in text


# -- random hostile text through every text field -------------------------------------------

HOSTILE = [
    "<b>",
    "</para>",
    "<br/>",
    "&amp;",
    "&#169;",
    "&",
    "<",
    ">",
    '"',
    "\x00",
    "\x07",
    "\x1b[31m",
    "\r\n",
    "\u2028",
    "\t",
    "\u200b",
    "\u202e",
    "\u00ad",
    "e\u0301",
    "q\u0323\u0307",
    "שלום",
    "مرحبا",
    "Ł",
    "ŵŷ",
    "șț",
    "ı İ",
    "Ωμέγα",
    "Жж",
    "Nguyễn",
    "(",
    "]",
    "x" * 120,
    "∯",
]
UNPRINTABLE = ["😀", "𝕢", "🚀", "\ufffe", "\U0010fffd"]


@cache
def _coverage() -> frozenset[int]:
    """Every code point some bundled font has, read from the font files themselves.

    Only the Basic Multilingual Plane counts: reportlab's text layer cannot carry the rest.
    """
    covered: set[int] = set()
    for path in resource("fonts").glob("*.ttf"):
        covered |= {c for c in TTFont(path.stem, str(path)).face.charToGlyph if c <= 0xFFFF}
    return frozenset(covered)


def _printable(text: str) -> bool:
    return all(ch == "\n" or ord(ch) in _coverage() for ch in normalise(text))


def _hostile(pieces: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    # Stores trim what people type; what is left must still be hostile.
    return (
        st.lists(st.one_of(st.sampled_from(HOSTILE), pieces), min_size=1, max_size=8)
        .map("".join)
        .map(str.strip)
        .filter(bool)
    )


# Characters the fonts have (read from the font files), plus every control character.
printable_text = _hostile(
    st.text(
        st.one_of(
            st.sampled_from(sorted(chr(c) for c in _coverage() if not 0xD800 <= c <= 0xDFFF)),
            st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Zl", "Zp"]),
        ),
        max_size=12,
    )
).filter(_printable)  # NFC can turn a covered character into one no font has (U+2329)


def _right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def _extracted(pdf: Path) -> str:
    # In drawing order, so that a table cell's wrapped lines are not interleaved with its
    # neighbours'; pdftotext marks right-to-left runs with bidi controls, which are not text.
    return "".join(ch for ch in pdftotext(pdf, raw=True) if unicodedata.category(ch) != "Cf")


def _chars(text: str) -> Counter[str]:
    # Right-to-left runs are drawn in visual order, with brackets mirrored: compare them as
    # a multiset of characters, with each mirrored pair folded together.
    return Counter("(" if unicodedata.mirrored(ch) else ch for ch in squeeze(text))


def _build(store: Store, values: dict[str, str]) -> int:
    sector = store.taxonomy.add(Taxonomy.SECTORS, values["sector"])
    name = store.taxonomy.terms(Taxonomy.SECTORS)[-1].name
    assert store.taxonomy.resolve(Taxonomy.SECTORS, name) == sector
    rid = roundtable(
        store, title=values["title"], purpose=values["purpose"], location=values["location"]
    )
    item = store.roundtables.add_agenda_item(rid, values["agenda"])
    sid = person(store, values["name"], organisation=values["organisation"], sector=name)
    attend(store, rid, sid, role=InvitationRole.CO_DESIGNER, fee_pence=15000)
    expert = person(
        store,
        "Real Name Hidden",
        sector=name,
        lived_experience=True,
        pseudonym=values["pseudonym"],
    )
    attend(store, rid, expert)
    add_finding(store, FindingDraft(rid, values["insight"], agenda_item_id=item))
    add_finding(
        store,
        FindingDraft(
            rid,
            values["recommendation"],
            kind=FindingKind.RECOMMENDATION,
            lever="Influencing",
            addressed_to=values["addressed_to"],
        ),
    )
    add_finding(
        store, FindingDraft(rid, values["action"], kind=FindingKind.ACTION, owner=values["owner"])
    )
    return rid


FIELDS = (
    "title",
    "agenda",
    "name",
    "organisation",
    "sector",
    "insight",
    "recommendation",
    "addressed_to",
    "action",
    "owner",
    "purpose",
    "location",
    "pseudonym",
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({f: printable_text for f in FIELDS}))
def test_hostile_text_in_every_field_prints_unchanged(values: dict[str, str]):
    assert all(_printable(v) for v in values.values())
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "c.db") as store:
        rid = _build(store, values)
        for audience in Audience.PUBLIC, Audience.INTERNAL:
            written = write_report(store, rid, Path(folder) / f"{audience}.pdf", audience)
            text = _extracted(written.pdf)
            html = written.html.read_text(encoding="utf-8")
            assert "<script" not in html.lower()
            shown = [f for f in FIELDS if audience is Audience.INTERNAL or f != "owner"]
            for field in shown:
                expected = normalise(values[field])
                if _right_to_left(expected):
                    missing = _chars(expected) - _chars(text)
                    assert not missing, (field, missing)
                else:
                    assert squeeze(expected) in squeeze(text), field


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.fixed_dictionaries({f: printable_text for f in FIELDS}),
    st.sampled_from(FIELDS),
    st.sampled_from(UNPRINTABLE),
    st.integers(min_value=0),
)
def test_a_character_no_font_has_prints_a_placeholder_in_any_field(
    values: dict[str, str], field: str, bad: str, where: int
):
    text = values[field]
    values[field] = text[: where % (len(text) + 1)] + bad + text[where % (len(text) + 1) :]
    audience = Audience.INTERNAL if field == "owner" else Audience.PUBLIC
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "c.db") as store:
        rid = _build(store, values)
        written = write_report(store, rid, Path(folder) / "r.pdf", audience)
        assert any(f"U+{ord(bad):04X} " in warning for warning in written.warnings)
        assert PLACEHOLDER in _extracted(written.pdf)
