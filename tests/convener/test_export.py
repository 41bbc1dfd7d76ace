"""CSV export: safe to open in Excel, written atomically, public output through the policy."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from convener.directory import add_stakeholder
from convener.domain import ConsentPurpose, StakeholderDraft
from convener.errors import ConvenerError
from convener.export import export_stakeholders, safe_cell, write_csv_atomically
from convener.importing import choose_mapping, open_source, run_import
from convener.privacy import Audience
from convener.storage import StakeholderFilter, Store
from tests.conftest import CliResult


def read_back(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\n=1", "'\n=1"),
        ("a=b", "a=b"),
        ("José", "José"),
        ("", ""),
        (None, ""),
        (42, "42"),
    ],
)
def test_formula_like_cells_are_neutralised(value: object, expected: str) -> None:
    assert safe_cell(value) == expected


def test_a_formula_in_a_name_reaches_the_file_as_text(store: Store, tmp_path: Path) -> None:
    add_stakeholder(
        store,
        StakeholderDraft(name='=cmd|"/c calc"!A1', organisation="@Org", phone="+44 20 7946 0000"),
    )
    out = tmp_path / "out.csv"
    export_stakeholders(store, out)
    header, row = read_back(out)
    assert header[:3] == ["ID", "Name", "Organisation"]
    assert row[1] == '\'=cmd|"/c calc"!A1'
    assert row[2] == "'@Org"
    assert row[4] == "'+44 20 7946 0000"
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row)


def test_an_export_imports_back_unchanged(store: Store, tmp_path: Path) -> None:
    add_stakeholder(
        store,
        StakeholderDraft(
            name="José Müller",
            email="jose@example.org",
            phone="+44 20 7946 0000",
            organisation="-Minus Org",
            sector="Charities and NGOs",
            levers=["Convening", "Scrutinising"],
            themes=["Prevention"],
        ),
    )
    out = tmp_path / "out.csv"
    export_stakeholders(store, out)
    with Store.open(tmp_path / "other.db") as other:
        source = open_source(out)
        run_import(other, source, choose_mapping(other, source.headers).mapping)
        (person,) = other.stakeholders.find(StakeholderFilter())
    assert (person.name, person.email, person.phone, person.organisation) == (
        "José Müller",
        "jose@example.org",
        "+44 20 7946 0000",
        "-Minus Org",
    )
    assert person.levers == ("Convening", "Scrutinising")
    assert person.themes == ("Prevention",)


def test_a_failure_mid_write_leaves_the_old_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "people.csv"
    target.write_bytes(b"the previous export\r\n")

    def rows() -> Iterator[list[str]]:
        yield ["Ann", "ann@example.org"]
        yield ["Bo", "bo@example.org"]
        raise OSError(28, "No space left on device")

    with pytest.raises(ConvenerError, match="No space left on device"):
        write_csv_atomically(target, ["Name", "Email"], rows())
    assert target.read_bytes() == b"the previous export\r\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.csv"]  # no temp file left

    class WriterStoppedError(Exception):
        pass

    def interrupted() -> Iterator[list[str]]:
        yield ["Ann", "ann@example.org"]
        raise WriterStoppedError

    with pytest.raises(WriterStoppedError):
        write_csv_atomically(target, ["Name", "Email"], interrupted())
    assert target.read_bytes() == b"the previous export\r\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["people.csv"]


def test_public_export_applies_the_policy_and_fills_the_ledger(
    store: Store, tmp_path: Path
) -> None:
    named = add_stakeholder(
        store, StakeholderDraft(name="Named Person", email="named@example.org", organisation="A")
    )
    store.consent.record(named, ConsentPurpose.NAMED, given=True)
    unconsented = add_stakeholder(store, StakeholderDraft(name="Quiet Person", email="q@x.org"))
    lee = add_stakeholder(
        store, StakeholderDraft(name="Real Name", pseudonym="Star", lived_experience=True)
    )
    store.consent.record(lee, ConsentPurpose.NAMED, given=True)
    out = tmp_path / "public.csv"
    summary = export_stakeholders(store, out, Audience.PUBLIC)
    rows = read_back(out)
    assert rows == [["Name", "Organisation", "Sector"], ["Named Person", "A", ""], ["Star", "", ""]]
    text = out.read_text(encoding="utf-8-sig")
    assert "@" not in text and "Real Name" not in text and "Quiet" not in text
    assert (summary.written, summary.left_out) == (2, 1)
    assert [d.file_name for d in store.disclosures.for_person(named)] == ["public.csv"]
    assert store.disclosures.for_person(named)[0].audience == "public"
    assert store.disclosures.for_person(unconsented) == []


def test_cli_export(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    cli("init", "--demo", check=True)
    out = tmp_path / "all.csv"
    result = cli("export", str(out))
    assert result.code == 0, result.err
    internal = read_back(out)
    public_out = tmp_path / "public.csv"
    result = cli("export", str(public_out), "--public")
    assert result.code == 0, result.err
    assert "left out by the public disclosure rules" in result.out
    public = read_back(public_out)
    assert public[0] == ["Name", "Organisation", "Sector"]
    assert 1 < len(public) < len(internal)
    assert not any("@" in cell for row in public for cell in row)
    missing = cli("export", str(tmp_path / "no" / "such" / "folder.csv"))
    assert missing.code == 1
    assert missing.err.startswith("error: the folder")
