"""The generated data: the same for the same seed, cached, and shaped like the office's own."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from benchmarks import generate
from benchmarks.harness import percentile

SMALL = generate.SIZES["small"]


def _people(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT name, pseudonym, email, sector_id, intermediary_id"
            " FROM stakeholders ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def _count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> generate.Dataset:
    return generate.dataset(SMALL, cache_dir=tmp_path_factory.mktemp("cache"))


def test_same_seed_same_data_other_seed_other_data(small: generate.Dataset, tmp_path: Path) -> None:
    again = generate.dataset(SMALL, cache_dir=tmp_path / "a")
    other = generate.dataset(SMALL, seed=small.seed + 1, cache_dir=tmp_path / "b")
    assert _people(again.path) == _people(small.path)
    assert _people(other.path) != _people(small.path)


def test_a_second_request_comes_from_the_cache(small: generate.Dataset) -> None:
    again = generate.dataset(SMALL, cache_dir=small.path.parent)
    assert again.path == small.path
    assert again.build_seconds is None
    assert not list(small.path.parent.glob("*.building-*"))


def test_counts_follow_the_size(small: generate.Dataset) -> None:
    path = small.path
    assert _count(path, "SELECT count(*) FROM stakeholders") == SMALL.stakeholders
    assert _count(path, "SELECT count(*) FROM stakeholder_search") == SMALL.stakeholders
    assert _count(path, "SELECT count(*) FROM roundtables") == SMALL.roundtables
    assert _count(path, "SELECT count(*) FROM findings") == SMALL.findings
    assert _count(path, "SELECT count(*) FROM organisations") == SMALL.organisations


def test_names_come_from_many_scripts(small: generate.Dataset) -> None:
    names = " ".join(row[0] for row in _people(small.path))
    # Latin with diacritics, Greek, Cyrillic, Vietnamese, Yoruba tone marks: at least most.
    samples = ["ł", "ș", "ğ", "ı", "á", "ễ", "Γ", "О", "ọ", "'"]
    assert sum(ch in names for ch in samples) >= 6
    assert not names.isascii()


def test_protected_people_are_realistic(small: generate.Dataset) -> None:
    path = small.path
    experts = _count(path, "SELECT count(*) FROM stakeholders WHERE lived_experience")
    pseudonymous = _count(
        path, "SELECT count(*) FROM stakeholders WHERE lived_experience AND pseudonym IS NOT NULL"
    )
    via = _count(path, "SELECT count(*) FROM stakeholders WHERE intermediary_id IS NOT NULL")
    direct_contact_via = _count(
        path,
        "SELECT count(*) FROM stakeholders WHERE intermediary_id IS NOT NULL"
        " AND (email IS NOT NULL OR phone IS NOT NULL)",
    )
    assert experts >= 10
    assert pseudonymous >= 2
    assert via >= 1
    assert direct_contact_via == 0


def test_consent_is_a_history_with_withdrawals(small: generate.Dataset) -> None:
    path = small.path
    assert _count(path, "SELECT count(*) FROM consent_events") > SMALL.stakeholders
    assert _count(path, "SELECT count(*) FROM consent_events WHERE NOT given") >= 1


def test_every_roundtable_invites_lived_experience_experts_with_fees(
    small: generate.Dataset,
) -> None:
    fewest = _count(
        small.path,
        """SELECT min(n) FROM (SELECT count(*) AS n FROM invitations i
           JOIN stakeholders s ON s.id = i.stakeholder_id
           WHERE s.lived_experience AND i.fee_pence > 0 GROUP BY i.roundtable_id)""",
    )
    with_experts = _count(
        small.path,
        """SELECT count(DISTINCT i.roundtable_id) FROM invitations i
           JOIN stakeholders s ON s.id = i.stakeholder_id WHERE s.lived_experience""",
    )
    assert with_experts == SMALL.roundtables
    assert fewest >= 2


def test_findings_belong_to_held_roundtables_and_some_are_retracted(
    small: generate.Dataset,
) -> None:
    path = small.path
    not_held = _count(
        path,
        """SELECT count(*) FROM findings f JOIN roundtables r ON r.id = f.roundtable_id
           WHERE r.status NOT IN ('held', 'reported')""",
    )
    assert not_held == 0
    assert _count(path, "SELECT count(*) FROM findings WHERE retracted_at IS NOT NULL") >= 1


def test_ascii_fold_is_what_a_uk_keyboard_types() -> None:
    assert generate.ascii_fold("Małgorzata Wójcik") == "Malgorzata Wojcik"
    assert generate.ascii_fold("Nguyễn Thị Hồng") == "Nguyen Thi Hong"
    assert generate.ascii_fold("Ayşe Yılmaz") == "Ayse Yilmaz"


def test_percentile_interpolates_between_ranks() -> None:
    assert percentile([5.0], 95) == 5.0
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 50) == 3.0
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 95) == pytest.approx(4.8)
    assert percentile([10.0, 0.0], 100) == 10.0
