"""Names typed as free text, in the files a user would hand out, with the demo data.

Blessing Okoro is a protected lived experience expert (pseudonym Ada, no consent to be named
in the demo); Aisha Rahman is on no invite list of roundtable 4 or 5 and has no consent to be
named. The files are read back as a reader would: PDF text, HTML, calendar files.
"""

from __future__ import annotations

import dataclasses
import json
import unicodedata
from pathlib import Path

import pytest

from convener.calendar.export import write_invitations
from convener.findings import FindingDraft, add_finding
from convener.privacy import Audience
from convener.reports import write_report
from convener.roundtables import draft_from, update_roundtable
from convener.storage import Store
from tests.convener.reports.readback import pdftotext
from tests.leaks import leaks_in, leaks_in_files

HELD, SENT = 4, 5  # demo roundtables: one held (reportable), one with invitations out
BLESSING = "Blessing Okoro"
AISHA = "Aisha Rahman"


def readable(text: str) -> str:
    """The text as a reader sees it: no format characters, one space for any white space."""
    kept = "".join(c for c in text if unicodedata.category(c) != "Cf" and c != "\u034f")
    return " ".join(kept.split())


def name_everywhere(store: Store, roundtable_id: int, spelling: str) -> None:
    """Type `spelling` into every free-text field the roundtable has."""
    before = store.roundtables.get(roundtable_id)
    draft = dataclasses.replace(
        draft_from(before),
        title=f"{before.title} with {spelling}",
        purpose=f"To hear from {spelling} and others.",
        location=f"{before.location or 'Room 2'} (ask for {spelling})",
        agenda=[item.title for item in before.agenda] + [f"Closing words: {spelling}"],
    )
    update_roundtable(store, roundtable_id, draft)


@pytest.fixture
def named_store(demo_store: Store) -> Store:
    spellings = ["Bless\u200bing Okoro", "Okoro", unicodedata.normalize("NFD", "Trần Văn Minh")]
    name_everywhere(demo_store, HELD, spellings[0])
    name_everywhere(demo_store, SENT, "Aisha Rahman and Tran Van Minh")
    for spelling in [*spellings, AISHA, "aisha.rahman@example\u2060.com", "07700 900 108"]:
        add_finding(
            demo_store, FindingDraft(HELD, f"We heard from {spelling} about the front door.")
        )
    return demo_store


def test_public_report_redacts_the_roundtables_own_text_and_non_invitees(
    named_store: Store, tmp_path: Path
):
    written = write_report(named_store, HELD, tmp_path / "public.pdf", Audience.PUBLIC)
    forbidden = [BLESSING, "Okoro", "Trần Văn Minh", AISHA, "aisha.rahman", "900108", "900 108"]
    text = readable(pdftotext(written.pdf))
    assert leaks_in(text, forbidden) == []
    assert leaks_in(readable(written.html.read_text()), forbidden) == []
    # The passages are there, with the name replaced: title, purpose, location, findings (an
    # agenda item prints only over its findings; the invitations test reads the agenda).
    assert "with [withheld]" in text
    assert "To hear from [withheld] and others." in text
    assert "(ask for [withheld])" in text
    assert text.count("We heard from [withheld] about the front door.") == 6


def test_internal_report_shows_the_office_its_own_view(named_store: Store, tmp_path: Path):
    written = write_report(named_store, HELD, tmp_path / "internal.pdf", Audience.INTERNAL)
    text = readable(pdftotext(written.pdf))
    # The office sees Aisha Rahman as written, and protected people only by pseudonym.
    assert f"We heard from {AISHA}" in text
    assert leaks_in(text, [BLESSING, "Okoro", "Trần Văn Minh"]) == []
    assert "We heard from Ada about" in text and "We heard from Lam about" in text


def test_invitations_carry_no_withheld_name_in_title_purpose_or_agenda(
    named_store: Store, tmp_path: Path
):
    summary = write_invitations(named_store, SENT, tmp_path)
    requests = [tmp_path / f.file_name for f in summary.files if f.method == "REQUEST"]
    assert len(requests) >= 10  # .ics and .eml for each reachable invitee
    for path in requests:
        data = readable(path.read_bytes().decode("utf-8").replace("\r\n ", ""))
        assert leaks_in(data, [AISHA, "Trần Văn Minh", "Tran Van Minh"]) == [], path.name
        assert "Closing words: [withheld] and [withheld]" in data.replace("\\n", " ")
    (publish,) = [tmp_path / f.file_name for f in summary.files if f.method == "PUBLISH"]
    office = readable(publish.read_text(encoding="utf-8").replace("\r\n ", ""))
    # The office's own calendar follows the office audience: Aisha Rahman as written, Trần
    # Văn Minh (protected) only as Lam.
    assert AISHA in office and "Lam" in office
    assert leaks_in_files([publish], ["Trần Văn Minh"]) == []


def test_check_lists_what_changed_and_writes_nothing(named_store: Store, cli, tmp_path: Path):
    out = tmp_path / "report.pdf"
    result = cli("report", str(HELD), "--out", str(out), "--check", "--json")
    assert result.code == 0, result.err
    items = json.loads(result.out)
    assert not out.exists() and not out.with_suffix(".html").exists()
    assert {tuple(sorted(i)) for i in items} == {("kind", "text", "where")}
    redacted = [i for i in items if i["kind"] == "redacted"]
    wheres = {i["where"] for i in redacted}
    assert {f"roundtable {HELD} title", f"roundtable {HELD} purpose"} <= wheres
    assert sum(w.startswith("finding ") for w in wheres) == 6
    # The check shows each passage as it will be printed, never the name as typed.
    assert leaks_in(readable(result.out), [BLESSING, "Okoro", AISHA, "Trần Văn Minh"]) == []
    assert all("[withheld]" in i["text"] for i in redacted)
    plain = cli("report", str(HELD), "--out", str(out), "--check")
    assert plain.code == 0 and "nothing was written" in plain.out and not out.exists()


def test_check_finds_possible_names_not_in_the_directory(demo_store: Store, cli, tmp_path):
    add_finding(
        demo_store, FindingDraft(HELD, "Zanele Mokoena of Open Door Homeless Trust agreed.")
    )
    result = cli("report", str(HELD), "--out", str(tmp_path / "r.pdf"), "--check", "--json")
    possible = [i["text"] for i in json.loads(result.out) if i["kind"] == "possible-name"]
    assert any("Zanele Mokoena" in text for text in possible)
    # A known organisation is not a possible name.
    assert not any(text == "Open Door Homeless Trust" for text in possible)


def test_check_errors_are_one_line(demo_store: Store, cli, tmp_path: Path):
    unknown = cli("report", "99", "--out", str(tmp_path / "r.pdf"), "--check")
    assert unknown.code == 1 and unknown.err == "error: no roundtable with id 99\n"
    assert cli("report", "4", "--out", str(tmp_path / "r.pdf"), "--json").code == 2
    assert not (tmp_path / "r.pdf").exists()
