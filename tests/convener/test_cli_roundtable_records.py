"""`convener roundtable list` and `roundtable attend`, run as the real command."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from tests.conftest import CliResult

Cli = Callable[..., CliResult]

HELD = 4  # demo: "Front door identification", held


def test_list_is_newest_first_and_filters_by_theme_and_status(cli: Cli) -> None:
    cli("init", "--demo", check=True)
    everything = json.loads(cli("roundtable", "list", "--json", check=True).out)
    starts = [r["starts_at_utc"] for r in everything]
    assert len(everything) == 6 and starts == sorted(starts, reverse=True)

    reported = json.loads(
        cli("roundtable", "list", "--status", "reported", "--json", check=True).out
    )
    assert reported and {r["status"] for r in reported} == {"reported"}
    prevention = json.loads(
        cli("roundtable", "list", "--theme", "prevention", "--json", check=True).out
    )
    assert prevention and {r["theme"] for r in prevention} == {"Prevention"}

    plain = cli("roundtable", "list", check=True).out.splitlines()
    assert [int(line.split()[0]) for line in plain] == [r["id"] for r in everything]

    unknown = cli("roundtable", "list", "--theme", "Nope")
    assert unknown.code == 1 and unknown.err.startswith("error: unknown theme 'Nope'")
    assert cli("roundtable", "list", "--status", "finished").code == 2


def _statuses(db_path: Path, roundtable_id: int) -> dict[int, str]:
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            "SELECT stakeholder_id, status FROM invitations WHERE roundtable_id = ?",
            [roundtable_id],
        ).fetchall()
    return dict(rows)


def test_attend_records_attended_and_absent_all_or_nothing(cli: Cli, db_path: Path) -> None:
    cli("init", "--demo", check=True)
    listed = sorted(_statuses(db_path, HELD))
    first, second = listed[0], listed[1]

    done = cli("roundtable", "attend", str(HELD), str(first), check=True)
    assert done.out.strip() == "1 recorded as attended"
    cli("roundtable", "attend", str(HELD), str(second), "--absent", check=True)
    after = _statuses(db_path, HELD)
    assert (after[first], after[second]) == ("attended", "no-show")

    # One person not on the list: nobody changes.
    stranger = max(listed) + 1000
    refused = cli("roundtable", "attend", str(HELD), str(second), str(stranger))
    assert refused.code == 1 and refused.err.count("\n") == 1
    assert refused.err.startswith("error: not on the invite list") and str(stranger) in refused.err
    assert _statuses(db_path, HELD) == after

    future = cli(
        "roundtable", "create", "--title", "Next year's exchange", "--theme", "Prevention",
        "--start", "2099-03-01T10:00", "--end", "2099-03-01T12:00", check=True,
    ).out.strip()  # fmt: skip
    cli("roundtable", "invite", future, str(first), check=True)
    early = cli("roundtable", "attend", future, str(first))
    assert early.code == 1 and "has not started yet" in early.err


def test_every_subcommand_and_option_says_what_it_is_for(cli: Cli) -> None:
    shown = cli("roundtable", "attend", "--help", check=True).out
    assert "Record that people on the invite list attended" in shown
    assert "--absent" in shown and "no-show" in shown
