"""User text on its way into calendar files and drafts."""

from __future__ import annotations

import sys
import unicodedata
from datetime import UTC, datetime

from convener.calendar.text import clean, one_line
from convener.calendar.wording import html_body, wording
from convener.domain import Roundtable


def test_clean_keeps_text_and_line_breaks_and_drops_control_characters() -> None:
    assert clean("a\r\nb\rc\nd\te\x00f\x1bg\x7fh\x9bi 🙂,;\\") == "a\nb\nc\nd\tefghi 🙂,;\\"
    assert clean(None) == ""
    assert one_line(" Ann \n O'Neil\t\x07 ") == "Ann O'Neil"


def test_clean_drops_exactly_the_control_characters_and_surrogates_of_unicode() -> None:
    every = "".join(chr(code) for code in range(sys.maxunicode + 1) if chr(code) != "\r")
    kept = "".join(
        ch for ch in every if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    # C0 but line feed, tab and carriage return; DEL; C1; surrogates.
    assert len(every) - len(kept) == 29 + 1 + 32 + 2048
    assert clean(every) == kept


def test_only_web_links_become_links_in_the_html_draft() -> None:
    base = Roundtable(
        id=1,
        uid="u",
        title="<b>Title</b>",
        theme=None,
        starts_at=datetime(2026, 7, 1, 9, tzinfo=UTC),
        ends_at=datetime(2026, 7, 1, 10, tzinfo=UTC),
        tz="Europe/London",
        online_url="javascript:alert(1)",
    )
    page = html_body("Ann", "You are invited.", wording(base))
    assert "<b>Title</b>" not in page and "&lt;b&gt;Title&lt;/b&gt;" in page
    assert 'href="javascript' not in page
    words = wording(base)
    assert words.when == "Wednesday 1 July 2026, 10:00–11:00 (Europe/London)"


def test_times_spanning_days_name_both_days() -> None:
    overnight = Roundtable(
        id=1,
        uid="u",
        title="Night",
        theme=None,
        starts_at=datetime(2026, 12, 31, 22, tzinfo=UTC),
        ends_at=datetime(2027, 1, 1, 1, tzinfo=UTC),
        tz="Europe/London",
    )
    assert wording(overnight).when == (
        "Thursday 31 December 2026 22:00 to Friday 1 January 2027 01:00 (Europe/London)"
    )
