"""Every file with personal data is private whatever the umask, written atomically through a
temporary file a planted symlink cannot redirect, and never over the database or its files."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from convener.calendar.export import write_invitations
from convener.errors import ConvenerError
from convener.export import export_stakeholders
from convener.privacy import Audience
from convener.reports.write import write_report
from convener.storage import Store
from convener.storage.backup import backup_to
from convener.subject_access import write_subject_access
from tests.conftest import CliResult
from tests.convener.calendar.conftest import make_cast


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o000, 0o022], ids=["umask 000", "umask 022"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def _every_output(store: Store, out: Path) -> list[Path]:
    """Write one of each kind of output into `out` (a folder that does not exist yet)."""
    cast = make_cast(store)
    person = cast.people["ruth"]
    invites = out / "invites" / "round 1"
    written = list(write_invitations(store, cast.roundtable_id, invites).folder.iterdir())
    assert written
    report = write_report(
        store, cast.roundtable_id, invites.parent / "report.pdf", Audience.INTERNAL
    )
    return [
        *written,
        export_stakeholders(store, invites.parent / "people.csv").path,
        report.pdf,
        report.html,
        write_subject_access(store, person, invites.parent / "ruth.json"),
        backup_to(store.db, out / "backups" / "copy.db"),
    ]


def test_every_output_is_private_whatever_the_umask(
    umask: int, store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    files = _every_output(store, out)
    assert {_mode(f) for f in files} == {0o600}, {f.name: oct(_mode(f)) for f in files}
    for folder in (out, out / "invites", out / "invites" / "round 1", out / "backups"):
        assert _mode(folder) == 0o700, folder
    assert not [p for p in out.rglob(".*") if p.is_file()]  # no temporary file left behind


def test_planted_symlinks_are_not_followed(store: Store, tmp_path: Path) -> None:
    """Symlinks at the old predictable temporary names, and at the target itself."""
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched")
    out = tmp_path / "out"
    out.mkdir()
    targets = ["people.csv", "report.pdf", "report.html", "ruth.json", "copy.db"]
    for name in targets:
        for planted in (f".{name}.{os.getpid()}.tmp", f"{name}.partial", f".{name}.tmp", name):
            (out / planted).symlink_to(victim)
    cast = make_cast(store)
    export_stakeholders(store, out / "people.csv")
    write_report(store, cast.roundtable_id, out / "report.pdf", Audience.INTERNAL)
    write_subject_access(store, cast.people["ruth"], out / "ruth.json")
    backup_to(store.db, out / "copy.db")
    assert victim.read_text() == "untouched"
    for name in targets:
        assert not (out / name).is_symlink() and _mode(out / name) == 0o600


def test_invitation_temporary_names_cannot_be_planted(store: Store, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched")
    cast = make_cast(store)
    # The same roundtable in a copy tells which file names the real run will write.
    with Store.open(backup_to(store.db, tmp_path / "copy" / "copy.db")) as copy:
        rehearsal = write_invitations(copy, cast.roundtable_id, tmp_path / "rehearsal")
    names = [p.name for p in rehearsal.folder.iterdir()]
    out = tmp_path / "out"
    out.mkdir()
    for name in names:
        (out / f".{name}.{os.getpid()}.tmp").symlink_to(victim)
        (out / name).symlink_to(victim)
    written = write_invitations(store, cast.roundtable_id, out)
    assert sorted(p.name for p in written.folder.iterdir() if not p.name.startswith(".")) == sorted(
        names
    )
    assert victim.read_text() == "untouched"
    assert all(not (out / n).is_symlink() and _mode(out / n) == 0o600 for n in names)


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", ".erasures.json"])
def test_no_output_goes_over_the_database_or_its_files(
    suffix: str, store: Store, db_path: Path
) -> None:
    target = db_path.with_name(db_path.name + suffix)
    before = target.read_bytes() if target.exists() and suffix != "-shm" else None
    with pytest.raises(ConvenerError, match="the database or one of its own files"):
        export_stakeholders(store, target, Audience.PUBLIC)
    if before is not None:
        assert target.read_bytes() == before


def test_a_link_to_the_database_is_the_database(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    link = tmp_path / "innocent.csv"
    link.symlink_to(db_path)
    hard = tmp_path / "hard.csv"
    os.link(db_path, hard)
    for target in (link, hard):
        with pytest.raises(ConvenerError, match="the database"):
            export_stakeholders(store, target)


def test_an_existing_backup_is_not_overwritten(store: Store, db_path: Path) -> None:
    kept = backup_to(store.db, db_path.parent / "backups" / "convener-daily-2026-03-01.db")
    before = kept.read_bytes()
    with pytest.raises(ConvenerError, match="one of its own files"):
        export_stakeholders(store, kept)
    assert kept.read_bytes() == before


def test_cli_export_over_the_live_database_is_refused(
    cli: Callable[..., CliResult], db_path: Path
) -> None:
    cli("stakeholder", "add", "--name", "Still Here", check=True)
    refused = cli("export", str(db_path), "--public")
    assert refused.code == 1
    assert refused.err.startswith("error: ") and "one of its own files" in refused.err
    assert "Still Here" in cli("stakeholders").out
    assert cli("check").out.strip() == "ok"
