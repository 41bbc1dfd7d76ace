"""What a report says about itself: an internal one is not 'published', a roundtable not yet
held has no public summary, the counts add up to the findings shown, no table is empty."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from convener.domain import FindingKind, RoundtableStatus
from convener.errors import ConvenerError
from convener.findings import FindingDraft, add_finding
from convener.privacy import Audience
from convener.reports import write_report, write_theme_report
from convener.storage import Store
from tests.conftest import CliResult
from tests.convener.reports.readback import pdftotext, squeeze
from tests.convener.reports.world import roundtable

NOT_HELD = 5  # the demo's "Survivors in the criminal justice system": invitations sent


def test_the_internal_summary_is_prepared_not_published(demo_store: Store, tmp_path: Path):
    internal = pdftotext(write_report(demo_store, 3, tmp_path / "i.pdf", Audience.INTERNAL).pdf)
    assert "Published by" not in internal
    assert "is published alongside" not in internal
    assert "for its own use" in internal
    public = pdftotext(write_report(demo_store, 3, tmp_path / "p.pdf").pdf)
    assert "Published by the Office of the Independent Anti-Slavery Commissioner." in public


def test_a_public_summary_of_a_roundtable_not_yet_held_is_refused(
    demo_store: Store, tmp_path: Path, cli: Callable[..., CliResult]
):
    assert demo_store.roundtables.get(NOT_HELD).status is RoundtableStatus.INVITATIONS_SENT
    with pytest.raises(ConvenerError, match="has not been held"):
        write_report(demo_store, NOT_HELD, tmp_path / "p.pdf")
    assert not (tmp_path / "p.pdf").exists()
    internal = write_report(demo_store, NOT_HELD, tmp_path / "i.pdf", Audience.INTERNAL)
    text = squeeze(pdftotext(internal.pdf))
    assert squeeze("Not yet held") in text
    assert squeeze("This roundtable has not been held yet (invitations sent).") in text
    assert squeeze("people took part") not in text

    done = cli("report", str(NOT_HELD), "--out", str(tmp_path / "cli.pdf"))
    assert done.code == 1
    (line,) = done.err.splitlines()
    assert line.startswith(f"error: roundtable {NOT_HELD} has not been held (invitations sent)")


def test_the_counts_are_of_the_findings_shown(store: Store, tmp_path: Path):
    rid = roundtable(store)
    for kind, text in (
        (FindingKind.INSIGHT, "Referrals rise after training."),
        (FindingKind.RECOMMENDATION, "Publish outcome data."),
        (FindingKind.ACTION, "Write to the data owners."),
    ):
        add_finding(store, FindingDraft(rid, text, kind=kind))
    public = squeeze(pdftotext(write_report(store, rid, tmp_path / "p.pdf").pdf))
    assert squeeze("3 findings: 1 insight, 1 recommendation and 1 next step.") in public
    internal = write_report(store, rid, tmp_path / "i.pdf", Audience.INTERNAL)
    assert squeeze("3 findings: 1 insight, 1 recommendation and 1 action.") in squeeze(
        pdftotext(internal.pdf)
    )


def test_no_table_is_printed_without_rows(store: Store, tmp_path: Path):
    rid = roundtable(store)  # reported, with nobody invited or attending
    written = write_report(store, rid, tmp_path / "i.pdf", Audience.INTERNAL)
    text = squeeze(pdftotext(written.pdf))
    assert squeeze("Everyone on the invite list, with their role and status: none.") in text
    assert squeeze("NameOrganisationSector") not in text  # no header row standing alone
    assert "<table" not in written.html.read_text(encoding="utf-8")
    theme = write_theme_report(store, "Prevention", tmp_path / "t.pdf")
    theme_text = squeeze(pdftotext(theme.pdf))
    assert squeeze("SectorParticipants") not in theme_text
    assert squeeze("No attendance has been recorded.") in theme_text
