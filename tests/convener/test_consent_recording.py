"""Consent through the command line: give, withdraw, give again; methods, wordings, the ledger."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from convener.consent_recording import outputs_with_data, parse_method, record_consent
from convener.directory import add_stakeholder
from convener.domain import ConsentMethod, ConsentPurpose, StakeholderDraft
from convener.errors import ValidationError
from convener.storage import Store
from tests.conftest import REPO_ROOT, CliResult

WORDINGS = REPO_ROOT / "resources" / "consent"


def _consent_field(cli: Callable[..., CliResult], sid: int) -> dict[str, str]:
    rows = json.loads(cli("stakeholders", "--json", check=True).out)
    return next(row["consent"] for row in rows if row["id"] == sid)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_give_withdraw_give_through_the_cli(cli: Callable[..., CliResult], db_path: Path) -> None:
    sid = cli("stakeholder", "add", "--name", "Priya Raman", check=True).out.strip()
    steps = [
        (["--given", "--method", "in-person"], "given"),
        (["--withdrawn", "--method", "email", "--note", "changed her mind"], "withdrawn"),
        (["--given", "--method", "With_Interpreter", "--wording", "v1"], "given"),
    ]
    for options, expected in steps:
        done = cli("consent", sid, "--kind", "named", *options, "--by", "Office", check=True)
        assert done.out.startswith(f"consent 'named' for stakeholder {sid} is now {expected}")
        assert _consent_field(cli, int(sid))["named"] == expected
    # Other purposes were never recorded.
    assert _consent_field(cli, int(sid))["quoted"] == "not recorded"

    with sqlite3.connect(db_path) as conn:
        history = conn.execute(
            "SELECT given, method, note, recorded_by, wording_version, wording_hash"
            " FROM consent_events WHERE stakeholder_id = ? ORDER BY id",
            [int(sid)],
        ).fetchall()
    newest = sorted(WORDINGS.glob("v*.txt"), key=lambda p: int(p.stem[1:]))[-1]
    assert history == [
        (1, "in person", "", "Office", newest.stem, _sha256(newest)),
        (0, "email", "changed her mind", "Office", "", ""),
        (1, "with interpreter", "", "Office", "v1", _sha256(WORDINGS / "v1.txt")),
    ]


def test_withdrawal_lists_outputs_already_made(
    cli: Callable[..., CliResult], db_path: Path
) -> None:
    sid = int(cli("stakeholder", "add", "--name", "Tomasz Nowak", check=True).out)
    cli("consent", str(sid), "--kind", "named", "--given", check=True)
    with Store.open(db_path) as store:
        store.disclosures.record([sid], "public report PDF", "public", "prevention-report.pdf")
        store.disclosures.record([sid], "CSV export", "internal", "contacts.csv")
    done = cli("consent", str(sid), "--kind", "named", "--withdrawn", "--json", check=True)
    result = json.loads(done.out)
    assert result["status"] == "withdrawn"
    assert [row["file_name"] for row in result["earlier_outputs"]] == [
        "prevention-report.pdf",
        "contacts.csv",
    ]
    text = cli("consent", str(sid), "--kind", "named", "--withdrawn", check=True).out
    assert "2 output(s) already made" in text
    assert "prevention-report.pdf" in text


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--method", "carrier pigeon"], "is not a consent method"),
        (["--wording", "v99"], "no consent wording version 'v99'"),
        (["--method", "via intermediary"], "needs an intermediary"),
    ],
)
def test_bad_consent_input_is_a_user_error(
    cli: Callable[..., CliResult], options: list[str], message: str
) -> None:
    sid = cli("stakeholder", "add", "--name", "Ana Lima", check=True).out.strip()
    done = cli("consent", sid, "--kind", "contact", "--given", *options)
    assert done.code == 1
    assert done.err.startswith("error: ")
    assert message in done.err
    assert "Traceback" not in done.err


def test_unknown_person_and_usage_errors(cli: Callable[..., CliResult]) -> None:
    assert cli("consent", "999", "--kind", "named", "--given").code == 1
    assert cli("consent", "1", "--kind", "famous", "--given").code == 2
    assert cli("consent", "1", "--kind", "named").code == 2


def test_consent_via_intermediary_for_a_protected_person(store: Store) -> None:
    sid = add_stakeholder(
        store,
        StakeholderDraft(
            name="Real Name", pseudonym="River", lived_experience=True, intermediary="Hope Hub"
        ),
    )
    done = record_consent(store, sid, ConsentPurpose.CONTACT, given=True, method="via intermediary")
    assert done.status.value == "given"
    assert store.consent.history(sid)[0].method == "via intermediary"


def test_parse_method_accepts_what_people_type() -> None:
    assert parse_method("In-Person") is ConsentMethod.IN_PERSON
    assert parse_method("  via_intermediary ") is ConsentMethod.VIA_INTERMEDIARY
    assert parse_method("") is None
    with pytest.raises(ValidationError):
        parse_method("fax")


def test_outputs_with_data_leaves_out_the_persons_own_copy(store: Store) -> None:
    sid = add_stakeholder(store, StakeholderDraft(name="Kofi Mensah"))
    store.disclosures.record([sid], "subject access export", "record", "kofi.json")
    store.disclosures.record([sid], "invitation .ics", "invitee", "invite.ics")
    assert [row.file_name for row in outputs_with_data(store, sid)] == ["invite.ics"]
