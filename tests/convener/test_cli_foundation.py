"""The command line's contract: output, exit codes and one-line errors (run as a subprocess)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from convener.storage.migrations import latest_version


def test_init_demo_then_list_as_json(cli) -> None:
    first = cli("init", "--demo", check=True)
    assert "demo data loaded" in first.out
    again = cli("init", "--demo", check=True)
    assert "already loaded" in again.out
    people = json.loads(cli("stakeholders", "--json", check=True).out)
    assert len(people) >= 60
    keys = {
        "id",
        "name",
        "organisation",
        "email",
        "sector",
        "levers",
        "themes",
        "jurisdiction",
        "lived_experience",
    }
    assert all(keys <= set(p) for p in people)
    assert len({p["sector"] for p in people}) >= 12
    assert {lever for p in people for lever in p["levers"]} == {
        "Influencing",
        "Convening",
        "Collaborating",
        "Scrutinising",
    }
    assert sum(p["lived_experience"] for p in people) >= 8


def test_db_from_environment_and_option_after_command(cli, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    cli("init", "--db", str(other), db=None, check=True)
    added = cli("stakeholder", "add", "--name", "Hannah Okafor", "--db", str(other), db=None)
    assert added.code == 0, added.err
    listed = json.loads(cli("stakeholders", "--json", "--db", str(other), db=None).out)
    assert [p["name"] for p in listed] == ["Hannah Okafor"]


def test_add_prints_id_and_json_object(cli) -> None:
    plain = cli("stakeholder", "add", "--name", "Ravi Menon", check=True)
    assert plain.out.strip().isdigit()
    made = cli(
        "stakeholder",
        "add",
        "--name",
        "Siân Llŷr",
        "--email",
        "sian@example.org",
        "--sector",
        "devolved administrations",
        "--lever",
        "Influencing",
        "--lever",
        "Convening",
        "--theme",
        "Prevention",
        "--jurisdiction",
        "Wales",
        "--json",
        check=True,
    )
    person = json.loads(made.out)
    assert person["name"] == "Siân Llŷr"
    assert person["sector"] == "Devolved administrations"
    assert person["levers"] == ["Influencing", "Convening"]
    assert person["lived_experience"] is False


def test_filters_narrow_the_list(cli) -> None:
    cli("init", "--demo", check=True)
    everyone = json.loads(cli("stakeholders", "--json").out)
    wales = json.loads(cli("stakeholders", "--jurisdiction", "Wales", "--json").out)
    both = json.loads(
        cli("stakeholders", "--jurisdiction", "Wales", "--lever", "Influencing", "--json").out
    )
    assert 0 < len(both) <= len(wales) < len(everyone)
    assert all(p["jurisdiction"] == "Wales" and "Influencing" in p["levers"] for p in both)


def test_protected_people_listed_by_pseudonym_without_contacts(cli) -> None:
    made = cli(
        "stakeholder",
        "add",
        "--name",
        "Real Person",
        "--pseudonym",
        "Nadia",
        "--lived-experience",
        "--intermediary",
        "Harbour Trust",
        "--json",
        check=True,
    )
    assert json.loads(made.out)["name"] == "Nadia"
    listed = cli("stakeholders", "--json", check=True).out
    assert "Real Person" not in listed
    assert "Nadia" in listed


def test_consent_given_then_withdrawn(cli) -> None:
    sid = cli("stakeholder", "add", "--name", "Grace Adeyemi", check=True).out.strip()
    given = cli("consent", sid, "--kind", "named", "--given", "--note", "by email", check=True)
    assert "now given" in given.out
    withdrawn = cli("consent", sid, "--kind", "named", "--withdrawn", check=True)
    assert "now withdrawn" in withdrawn.out
    person = json.loads(cli("stakeholders", "--json").out)[0]
    assert person["consent"]["named"] == "withdrawn"
    assert person["consent"]["contact"] == "not recorded"


def _is_one_line_error(result) -> bool:
    lines = result.err.strip().splitlines()
    return (
        result.code == 1
        and len(lines) == 1
        and lines[0].startswith("error: ")
        and "Traceback" not in result.err
    )


def test_user_errors_exit_1_with_one_line(cli, tmp_path: Path) -> None:
    not_db = tmp_path / "notes.txt"
    not_db.write_text("hello")
    newer = tmp_path / "newer.db"
    cli("init", db=newer, check=True)
    with sqlite3.connect(newer) as conn:
        conn.execute(f"PRAGMA user_version = {latest_version() + 5}")

    cases = {
        "missing folder": cli("init", db=tmp_path / "absent" / "x.db"),
        "not a database": cli("stakeholders", db=not_db),
        "newer schema": cli("stakeholders", db=newer),
        "unknown sector": cli("stakeholder", "add", "--name", "A", "--sector", "Astrology"),
        "malformed email": cli("stakeholder", "add", "--name", "A", "--email", "a@@b"),
        "unknown lever filter": cli("stakeholders", "--lever", "Shouting"),
        "unknown id": cli("consent", "999", "--kind", "contact", "--given"),
        "missing backup": cli("restore", str(tmp_path / "nope.db")),
    }
    for what, result in cases.items():
        assert _is_one_line_error(result), f"{what}: code {result.code}, stderr {result.err!r}"
    assert "does not exist" in cases["missing folder"].err
    assert "not a Convener database" in cases["not a database"].err
    assert "newer version" in cases["newer schema"].err
    assert "unknown sector 'Astrology'" in cases["unknown sector"].err
    assert "a@@b" in cases["malformed email"].err
    assert "no stakeholder with id 999" in cases["unknown id"].err


def test_usage_errors_exit_2(cli) -> None:
    assert cli("stakeholder", "add").code == 2  # --name is required
    assert cli("consent", "1", "--kind", "contact").code == 2  # given or withdrawn
    assert cli("no-such-command").code == 2


def test_backup_restore_and_check(cli, tmp_path: Path) -> None:
    cli("init", "--demo", check=True)
    copy = tmp_path / "copy.db"
    assert cli("backup", str(copy)).code == 0
    assert cli("check").out.strip() == "ok"
    cli("stakeholder", "add", "--name", "Added After Backup", check=True)
    assert cli("backup", str(copy)).code == 1  # never overwrites a file
    assert cli("restore", str(copy)).code == 0
    names = [p["name"] for p in json.loads(cli("stakeholders", "--json").out)]
    assert "Added After Backup" not in names
    assert len(names) >= 60
