"""Text too tall for a page is cut across pages, never a LayoutError, and none of it is lost."""

from __future__ import annotations

import re
from pathlib import Path

from convener.domain import FindingKind
from convener.findings import FindingDraft, add_finding
from convener.privacy import Audience
from convener.reports import write_report
from convener.storage import Store
from tests.convener.reports.readback import pdftotext, squeeze
from tests.convener.reports.world import attend, person, roundtable


def test_a_long_recommendation_and_a_long_name_print_whole(store: Store, tmp_path: Path):
    rid = roundtable(store)
    # Numbered words, so a lost or repeated piece shows as a gap in the sequence.
    recommendation = " ".join(f"w{i:03d}" for i in range(540))  # 2,699 characters
    # Greek capitals, which nothing else on the page uses: the name's pieces can be picked out
    # from between the other columns and the page furniture.
    greek = "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ"
    long_name = "".join(greek[i % len(greek)] for i in range(1000))
    attend(store, rid, person(store, long_name, organisation="Long Name Trust"))
    attend(store, rid, person(store, "Short Name", organisation="Brief Ltd"))
    add_finding(
        store,
        FindingDraft(rid, recommendation, kind=FindingKind.RECOMMENDATION, addressed_to="Home"),
    )
    assert len(recommendation) >= 2_690
    out = write_report(store, rid, tmp_path / "internal.pdf", Audience.INTERNAL).pdf
    text = squeeze(pdftotext(out))
    # The row crosses a page: the running header, footer and repeated table header come
    # between its pieces, so the words are compared in order rather than as one string.
    assert re.findall(r"w\d{3}", text) == recommendation.split()
    assert "".join(re.findall(f"[{greek}]+", text)) == long_name
    assert "ShortName" in text
