from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from tests.conftest import REPO_ROOT, CliResult

Cli = Callable[..., CliResult]


def _create(cli: Cli, *extra: str) -> dict:
    result = cli(
        "roundtable", "create", "--title", "Care sector exploitation", "--theme", "Prevention",
        "--start", "2027-07-14T10:00", "--end", "2027-07-14T12:00", "--capacity", "12",
        "--json", *extra, check=True,
    )  # fmt: skip
    return json.loads(result.out)


def test_create_prints_one_json_document_with_local_and_utc_times(cli: Cli) -> None:
    created = _create(cli)
    assert created["title"] == "Care sector exploitation"
    assert created["tz"] == "Europe/London"
    assert created["status"] == "draft" and created["sequence"] == 0
    assert created["chatham_house"] is True
    london = datetime(2027, 7, 14, 10, 0, tzinfo=ZoneInfo("Europe/London"))
    assert datetime.fromisoformat(created["starts_at_utc"]) == london
    assert datetime.fromisoformat(created["start"]).hour == 10


def test_create_in_another_zone(cli: Cli) -> None:
    created = _create(cli, "--tz", "America/New_York")
    assert created["tz"] == "America/New_York"
    assert created["starts_at_utc"] == "2027-07-14T14:00:00+00:00"


def test_user_errors_exit_one_with_one_line(cli: Cli) -> None:
    for args in (
        ("roundtable", "show", "999"),
        ("roundtable", "create", "--title", "T", "--theme", "Nope", "--start", "2027-01-01T10:00",
         "--end", "2027-01-01T11:00"),
        ("roundtable", "create", "--title", "T", "--theme", "Prevention",
         "--start", "2027-03-28T01:30", "--end", "2027-03-28T03:00"),
    ):  # fmt: skip
        result = cli(*args)
        assert result.code == 1, result.err
        assert result.err.startswith("error: ") and result.err.count("\n") == 1
        assert "Traceback" not in result.err


def test_usage_errors_exit_two(cli: Cli) -> None:
    assert cli("roundtable", "create", "--title", "T").code == 2
    assert cli("roundtable", "invite", "1", "2", "--role", "king").code == 2


def test_invite_show_and_checks(cli: Cli) -> None:
    rid = str(_create(cli)["id"])
    ids = []
    for name, sector, lee in (
        ("Ada Expert", "Lived experience experts", True),
        ("Ben Police", "Law enforcement", False),
    ):
        args = ["stakeholder", "add", "--name", name, "--sector", sector, "--theme", "Prevention"]
        ids.append(cli(*args, *(["--lived-experience"] if lee else []), check=True).out.strip())
    for sid in ids:
        cli("consent", sid, "--kind", "contact", "--given", check=True)
    assert cli("roundtable", "invite", rid, ids[0], "--role", "co-designer").code == 0
    assert cli("roundtable", "invite", rid, ids[1]).code == 0
    shown = json.loads(cli("roundtable", "show", rid, "--json", check=True).out)
    assert shown["id"] == int(rid)
    rows = {row["stakeholder"]["id"]: row for row in shown["invitations"]}
    assert rows[int(ids[0])]["role"] == "co-designer"
    assert rows[int(ids[1])]["status"] == "proposed"
    assert rows[int(ids[1])]["stakeholder"]["name"] == "Ben Police"
    checks = {c["key"]: c for c in shown["checks"]}
    assert checks["lone_lee"]["outcome"] == "fail"
    assert checks["lone_lee"]["stakeholder_ids"] == [int(ids[0])]
    assert checks["lee_codesign"]["outcome"] == "pass"
    assert set(checks) >= {"contact_consent", "sector_diversity", "capacity", "cross_uk"}
    assert all(c["outcome"] in {"pass", "warn", "fail"} and c["message"] for c in shown["checks"])
    assert shown["budget"] == {
        "budget_pence": None, "fees_pence": 0, "expenses_pence": 0, "remaining_pence": None,
        "unpaid": 0,
    }  # fmt: skip
    again = cli("roundtable", "invite", rid, ids[1])
    assert again.code == 1 and "already on the list" in again.err


def test_suggest_json(cli: Cli) -> None:
    rid = str(_create(cli)["id"])
    for name in ("Cara Researcher", "Dev Policy"):
        sid = cli("stakeholder", "add", "--name", name, "--theme", "Prevention", check=True).out
        cli("consent", sid.strip(), "--kind", "contact", "--given", check=True)
    unconsented = cli("stakeholder", "add", "--name", "No Consent", "--theme", "Prevention",
                      check=True).out.strip()  # fmt: skip
    result = cli("roundtable", "suggest", rid, "--size", "5", "--json")
    assert result.code == 0, result.err
    document = json.loads(result.out)
    names = [s["stakeholder"]["name"] for s in document["suggestions"]]
    assert names == ["Cara Researcher", "Dev Policy"]
    assert int(unconsented) not in [s["stakeholder"]["id"] for s in document["suggestions"]]
    assert all(s["reasons"] for s in document["suggestions"])
    assert {c["key"] for c in document["checks"]} >= {"lone_lee", "sector_diversity"}


def test_update_cancel_and_status(cli: Cli) -> None:
    rid = str(_create(cli)["id"])
    quiet = json.loads(
        cli("roundtable", "update", rid, "--capacity", "20", "--json", check=True).out
    )
    assert (quiet["capacity"], quiet["sequence"]) == (20, 0)
    moved = json.loads(
        cli("roundtable", "update", rid, "--start", "2027-07-14T11:00", "--json", check=True).out
    )
    assert moved["sequence"] == 1 and moved["start"].startswith("2027-07-14T11:00")
    skip = cli("roundtable", "update", rid, "--status", "reported")
    assert skip.code == 1 and "cannot move" in skip.err
    sent = json.loads(
        cli("roundtable", "update", rid, "--status", "invitations_sent", "--json", check=True).out
    )
    assert sent["status"] == "invitations_sent"
    cancelled = json.loads(cli("roundtable", "update", rid, "--cancel", "--json", check=True).out)
    assert cancelled["status"] == "cancelled" and cancelled["sequence"] == 2
    assert cli("roundtable", "update", rid, "--title", "Again").code == 1


def test_show_names_protected_people_only_by_pseudonym(cli: Cli) -> None:
    cli("init", "--demo", check=True)
    demo = json.loads((REPO_ROOT / "resources" / "demo" / "demo.json").read_text("utf-8"))
    protected = {
        p["name"]: p["pseudonym"]
        for p in demo["stakeholders"]
        if p.get("lived_experience") and p.get("pseudonym")
    }
    shown = cli("roundtable", "show", "4", "--json", check=True).out
    names = {row["stakeholder"]["name"] for row in json.loads(shown)["invitations"]}
    assert names & set(protected.values())
    assert not any(real in shown for real in protected)
    text = cli("roundtable", "show", "4", check=True).out
    assert "checks:" in text
    assert not any(real in text for real in protected)
