"""Dry runs, duplicate decisions, all or nothing, and a fuzz of arbitrary CSV bytes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convener.directory import add_stakeholder
from convener.domain import StakeholderDraft
from convener.errors import ConvenerError
from convener.importing import (
    Decision,
    ImportRejectedError,
    ImportSummary,
    choose_mapping,
    open_source,
    run_import,
)
from convener.importing.matching import MatchReason
from convener.storage import StakeholderFilter, Store
from tests.conftest import CliResult
from tests.convener.db_digest import count, digest

HEADER = "Name,Email,Organisation,Sector,Phone\n"


def write(path: Path, body: str, encoding: str = "utf-8") -> Path:
    path.write_bytes((HEADER + body).encode(encoding))
    return path


def run(store: Store, path: Path, **options: object) -> ImportSummary:
    source = open_source(path)
    return run_import(store, source, choose_mapping(store, source.headers).mapping, **options)


def known(store: Store) -> dict[str, int]:
    ids = {}
    for name, email, org in [
        ("José Müller", "jose@example.org", "Caritas"),
        ("Priya Shah", "priya@example.org", "Home Office"),
    ]:
        ids[name] = add_stakeholder(
            store, StakeholderDraft(name=name, email=email, organisation=org, notes="met 2025")
        )
    return ids


def test_dry_run_reports_the_real_outcome_and_changes_nothing(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    known(store)
    path = write(
        tmp_path / "in.csv",
        "Ann Lee,ann@example.org,Acme,,\nPRIYA SHAH,Priya@Example.org,Home Office,,\n",
    )
    before = digest(db_path)
    dry = run(store, path, dry_run=True)
    assert digest(db_path) == before
    assert (dry.created, dry.updated, dry.skipped, dry.dry_run) == (1, 0, 1, True)
    real = run(store, path)
    assert (real.created, real.updated, real.skipped) == (dry.created, dry.updated, dry.skipped)
    assert digest(db_path) != before


def test_one_bad_row_aborts_everything_with_its_row_number(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    known(store)
    path = write(
        tmp_path / "in.csv",
        "Ann Lee,ann@example.org,Acme,,\n"
        "Bo Chen,bo@example.org,Acme,,\n"
        "Cy Diaz,not-an-address,Acme,,\n"
        "Di Eze,di@example.org,Acme,Not a sector,\n",
    )
    before = digest(db_path)
    try:
        run(store, path)
    except ImportRejectedError as exc:
        rejected = exc
    else:
        raise AssertionError("the import should have been rejected")
    assert str(rejected).startswith("row 4: 'not-an-address' is not a valid email address")
    assert "nothing was imported" in str(rejected)
    assert [e.row for e in rejected.summary.errors] == [4, 5]
    assert "unknown sector 'Not a sector'" in rejected.summary.errors[1].message
    assert digest(db_path) == before
    assert store.stakeholders.find(StakeholderFilter(search="Ann")) == []


def test_duplicates_default_to_skip_and_take_a_decision_per_row(
    store: Store, tmp_path: Path
) -> None:
    ids = known(store)
    path = write(
        tmp_path / "in.csv",
        "Jose Muller,,Caritas,,+44 20 7946 0000\n"  # row 2: close name, same organisation
        "Priya Shah,PRIYA@example.org,,,\n"  # row 3: same email
        "Priya Shah,,Another Org,,\n"  # row 4: same name elsewhere: a different person
        "New Person,new@example.org,,,\n"  # row 5
        "New Person,new@example.org,,,\n",  # row 6: repeats row 5 within the file
    )
    skipped = run(store, path, dry_run=True)
    assert (skipped.created, skipped.skipped) == (2, 3)
    found = {d.row: d.match for d in skipped.duplicates}
    assert found[2].stakeholder_id == ids["José Müller"]
    assert found[2].reason is MatchReason.SIMILAR_NAME
    assert found[3].stakeholder_id == ids["Priya Shah"]
    assert found[3].reason is MatchReason.SAME_EMAIL
    assert 4 not in found
    assert found[6].earlier_row == 5

    decided = run(store, path, decisions={2: Decision.UPDATE, 3: Decision.CREATE, 6: Decision.SKIP})
    assert (decided.created, decided.updated, decided.skipped) == (3, 1, 1)
    jose = store.stakeholders.get(ids["José Müller"])
    # Filled cells replace, empty ones keep what the office had; the name is never changed.
    assert (jose.name, jose.phone, jose.email, jose.notes) == (
        "José Müller",
        "+44 20 7946 0000",
        "jose@example.org",
        "met 2025",
    )
    assert len(store.stakeholders.find_by_email("priya@example.org")) == 2
    assert len(store.stakeholders.find_by_email("new@example.org")) == 1
    # The bulk reindex found everyone created.
    assert store.stakeholders.count(StakeholderFilter(search="New Person")) == 1


def test_update_decision_for_every_duplicate(store: Store, tmp_path: Path) -> None:
    ids = known(store)
    path = write(tmp_path / "in.csv", "Priya Shah,priya@example.org,Cabinet Office,,\n")
    summary = run(store, path, on_duplicate=Decision.UPDATE)
    assert summary.updated == 1
    assert store.stakeholders.get(ids["Priya Shah"]).organisation == "Cabinet Office"
    assert store.stakeholders.count(StakeholderFilter(search="Cabinet")) == 1


def test_progress_is_reported(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "in.csv", "".join(f"P {i},p{i}@example.org,,,\n" for i in range(1200)))
    seen: list[tuple[int, int]] = []
    run(store, path, on_progress=lambda done, total: seen.append((done, total)))
    assert seen == [(0, 1200), (500, 1200), (1000, 1200), (1200, 1200)]


def test_cli_import_json_and_dry_run(
    cli: Callable[..., CliResult], db_path: Path, tmp_path: Path
) -> None:
    cli("init", check=True)
    path = write(tmp_path / "in.csv", "Ann Lee,ann@example.org,,,\nBo Chen,,,,\n")
    before = digest(db_path)
    dry = cli("import", str(path), "--dry-run", "--json")
    assert dry.code == 0, dry.err
    assert json.loads(dry.out)["created"] == 2
    assert digest(db_path) == before
    daily = db_path.parent / "backups"
    assert not list(daily.glob("convener-daily-*.db"))  # a dry run writes nothing at all
    done = cli("import", str(path), "--json")
    assert len(list(daily.glob("convener-daily-*.db"))) == 1  # today's backup came first
    document = json.loads(done.out)
    assert {k: document[k] for k in ("created", "updated", "skipped", "errors")} == {
        "created": 2,
        "updated": 0,
        "skipped": 0,
        "errors": [],
    }
    again = cli("import", str(path), "--json")
    document = json.loads(again.out)
    assert (document["created"], document["skipped"]) == (1, 1)  # Bo has no email to match
    assert document["duplicates"][0]["decision"] == "skip"
    assert count(db_path) == 3


def test_cli_reports_a_bad_row_in_json_and_exits_1(
    cli: Callable[..., CliResult], db_path: Path, tmp_path: Path
) -> None:
    cli("init", check=True)
    path = write(tmp_path / "in.csv", "Ann Lee,ann@example.org,,,\n,nobody@example.org,,,\n")
    before = digest(db_path)
    result = cli("import", str(path), "--json")
    assert result.code == 1
    assert result.err.startswith("error: row 3: A name is required")
    document = json.loads(result.out)
    assert document["created"] == 0
    assert document["errors"] == [{"row": 3, "message": "A name is required"}]
    assert digest(db_path) == before
    unterminated = tmp_path / "broken.csv"
    unterminated.write_text('Name\nAnn\n"Bo\n', encoding="utf-8")
    result = cli("import", str(unterminated), "--json")
    assert result.code == 1
    assert json.loads(result.out)["errors"][0]["row"] == 3
    assert "Traceback" not in result.err


_CSV_ALPHABET = st.sampled_from(
    [*"abcXYZ ,;\"'\n\r\t=+-@.é€ü\x00\\", "@example.org", "Prevention", "yes"]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.one_of(
        st.binary(max_size=200),
        st.lists(_CSV_ALPHABET, max_size=80).map(lambda parts: HEADER + "".join(parts)),
    ),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_fuzzed_csv_imports_cleanly_or_fails_cleanly(
    store: Store, tmp_path: Path, body: bytes | str, encoding: str
) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(body.encode(encoding, errors="replace") if isinstance(body, str) else body)
    before = store.stakeholders.count()
    try:
        summary = run(store, path)
    except ConvenerError as exc:
        assert str(exc)
        assert store.stakeholders.count() == before
    else:
        assert store.stakeholders.count() == before + summary.created
