"""The retention review lists people not engaged for their period; keep and anonymise."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from convener.directory import add_stakeholder
from convener.domain import StakeholderDraft
from convener.errors import ValidationError
from convener.retention import (
    RetentionPolicy,
    anonymise,
    keep,
    months_before,
    review_list,
    save_policy,
)
from convener.storage import Store
from convener.storage.roundtables import RoundtableRecord
from tests.conftest import CliResult


def _people(store: Store) -> tuple[int, int, int]:
    staff = add_stakeholder(store, StakeholderDraft(name="Helen Carter"))
    expert = add_stakeholder(
        store, StakeholderDraft(name="Real Name", pseudonym="Willow", lived_experience=True)
    )
    engaged = add_stakeholder(store, StakeholderDraft(name="Imran Shah"))
    return staff, expert, engaged


def _invite_at(store: Store, sid: int, when: datetime) -> None:
    with store.db.atomic():
        rid = store.roundtables.insert(
            RoundtableRecord("Later roundtable", None, when, when + timedelta(hours=2), "UTC")
        )
        store.roundtables.invite(rid, sid)


def test_thresholds_differ_for_lived_experience_experts(store: Store) -> None:
    staff, expert, engaged = _people(store)
    now = datetime.now(UTC)
    _invite_at(store, engaged, now + timedelta(days=400))

    assert review_list(store, now=now + timedelta(days=300)) == []
    after_13_months = review_list(store, now=now + timedelta(days=400))
    assert [(i.stakeholder_id, i.display_name, i.threshold_months) for i in after_13_months] == [
        (expert, "Willow", 12)
    ]
    after_25_months = {i.stakeholder_id for i in review_list(store, now=now + timedelta(days=770))}
    assert after_25_months == {staff, expert}  # the roundtable 13 months on keeps Imran off


def test_keep_restarts_the_clock_and_settings_change_thresholds(store: Store) -> None:
    staff, expert, other = _people(store)
    now = datetime.now(UTC)
    keep(store, expert, now=now + timedelta(days=400))
    assert review_list(store, now=now + timedelta(days=401)) == []
    # Longest idle first: the kept person's clock restarted at day 400.
    assert [i.stakeholder_id for i in review_list(store, now=now + timedelta(days=800))] == [
        staff,
        other,
        expert,
    ]
    save_policy(store, RetentionPolicy(months=6, months_lived_experience=3))
    assert [i.stakeholder_id for i in review_list(store, now=now + timedelta(days=200))] == [
        staff,
        other,
    ]
    with pytest.raises(ValidationError):
        save_policy(store, RetentionPolicy(months=0))


def test_anonymise_erases_and_drops_off_the_list(store: Store) -> None:
    _, expert, _ = _people(store)
    later = datetime.now(UTC) + timedelta(days=400)
    anonymise(store, expert)
    assert store.stakeholders.get(expert).erased
    assert review_list(store, now=later) == []
    assert store.erasures.audit()[0].reason.startswith("retention review")


def test_months_before_clamps_to_the_end_of_the_month() -> None:
    assert months_before(datetime(2026, 3, 31, tzinfo=UTC), 1) == datetime(2026, 2, 28, tzinfo=UTC)
    assert months_before(datetime(2026, 1, 15, tzinfo=UTC), 24) == datetime(2024, 1, 15, tzinfo=UTC)


def test_retention_cli_lists_and_keeps(
    store: Store, db_path: Path, cli: Callable[..., CliResult]
) -> None:
    staff, expert, _engaged = _people(store)
    store.close()
    with sqlite3.connect(db_path) as conn:  # records made long ago
        conn.execute(
            "UPDATE stakeholders SET created_at = '2023-01-01T00:00:00+00:00' WHERE id IN (?, ?)",
            [staff, expert],
        )
    listed = json.loads(cli("retention", "--json", check=True).out)
    assert [(row["id"], row["name"], row["lived_experience"]) for row in listed] == [
        (staff, "Helen Carter", False),
        (expert, "Willow", True),
    ]
    assert all("Real Name" not in json.dumps(row) for row in listed)
    after = json.loads(cli("retention", "--keep", str(expert), "--json", check=True).out)
    assert [row["id"] for row in after] == [staff]
    text = cli("retention", check=True).out
    assert "1 to review" in text
    assert cli("retention", "--keep", "999").code == 1


def test_retention_cli_sets_the_periods(
    store: Store, db_path: Path, cli: Callable[..., CliResult]
) -> None:
    _, expert, _ = _people(store)
    store.close()
    month_ago = (datetime.now(UTC) - timedelta(days=40)).isoformat(timespec="seconds")
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE stakeholders SET created_at = ?", [month_ago])
    assert json.loads(cli("retention", "--json", check=True).out) == []
    listed = json.loads(
        cli("retention", "--lived-experience-months", "1", "--json", check=True).out
    )
    assert [(row["id"], row["threshold_months"]) for row in listed] == [(expert, 1)]
    text = cli("retention", "--months", "1", check=True).out
    assert "not engaged for 1 months (1 for lived experience experts)" in text
    assert "3 to review" in text
    bad = cli("retention", "--months", "0")
    assert bad.code == 1 and "between 1 and 240" in bad.err
