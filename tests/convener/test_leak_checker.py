"""The leak checker finds a name however an output encodes it, and nothing that is not there."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from tests.leaks import leaks_in, leaks_in_files

NAME = "Ångström Øyelaran"


@pytest.mark.parametrize(
    "data",
    [
        f"Report mentions {NAME} once",
        f"REPORT MENTIONS {NAME.upper()}",
        "decomposed: " + unicodedata.normalize("NFD", NAME),
        f"<td>{NAME}</td>".encode(),
        f"BEGIN:VCALENDAR\r\nATTENDEE;CN={NAME}:mailto:x@example.org".encode("utf-16"),
        f"x{NAME}".encode("utf-16-be"),
        "angstrom øyelaran".encode(),  # as a search index stores it: folded, no accents
    ],
)
def test_finds_the_name_in_any_encoding_or_case(data: str | bytes) -> None:
    assert [leak.forbidden for leak in leaks_in(data, [NAME])] == [NAME]


def test_finds_nothing_in_clean_output_and_ignores_tiny_terms() -> None:
    assert leaks_in("Protected participant #4 said referral is slow", [NAME, "a", ""]) == []
    assert leaks_in("Öyelaran is spelt differently".encode("utf-16"), [NAME]) == []


def test_scans_files(tmp_path: Path) -> None:
    clean = tmp_path / "public.csv"
    clean.write_text("name,sector\nWillow,Lived experience experts\n", encoding="utf-8-sig")
    dirty = tmp_path / "invite.ics"
    dirty.write_bytes(f"SUMMARY:Roundtable\r\nATTENDEE;CN={NAME}\r\n".encode())
    found = leaks_in_files([clean, dirty], [NAME, "x@example.org"])
    assert [(Path(leak.where).name, leak.forbidden) for leak in found] == [("invite.ics", NAME)]
