"""`convener invites` and `convener replies`, run as the real command."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from convener.domain import InvitationStatus
from convener.storage import Store
from tests.conftest import CliResult
from tests.convener.calendar.conftest import Cast
from tests.convener.calendar.test_replies import reply


def test_invites_then_replies(
    store: Store, cast: Cast, tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    out = tmp_path / "out"
    done = cli("invites", str(cast.roundtable_id), "--out", str(out))
    assert done.code == 0, done.err
    assert f"4 invitations (SEQUENCE 0) in {out}" in done.out
    assert "-> Lam" in done.out
    assert "Trần" not in done.out
    assert len(list(out.glob("*-request.ics"))) == 4

    uid = store.roundtables.get(cast.roundtable_id).uid
    accepted = reply(
        tmp_path,
        "a",
        uid=uid,
        address="dev.patel@forum.example",
        partstat="ACCEPTED",
        as_email=True,
    )
    stranger = reply(tmp_path, "s", uid=uid, address="who@else.example", partstat="ACCEPTED")
    done = cli("replies", str(accepted), str(stranger))
    assert done.code == 0, done.err
    assert "Dev Patel (roundtable" in done.out and "invited -> accepted" in done.out
    assert "held: who@else.example: address never invited" in done.out
    by_id = {i.id: i.status for i in store.roundtables.invitations(cast.roundtable_id)}
    assert by_id[cast.invitations["dev"]] is InvitationStatus.ACCEPTED


def test_json_output(
    store: Store, cast: Cast, tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    done = cli("invites", str(cast.roundtable_id), "--out", str(tmp_path / "o"), "--json")
    document = json.loads(done.out)
    assert document["sequence"] == 0
    assert {f["method"] for f in document["files"]} == {"REQUEST", "PUBLISH"}
    uid = store.roundtables.get(cast.roundtable_id).uid
    path = reply(tmp_path, "x", uid=uid, address="who@else.example", partstat="DECLINED")
    document = json.loads(cli("replies", str(path), "--json").out)
    assert document["changes"] == []
    assert document["for_review"] == ["who@else.example"]


def test_user_errors_exit_1(cast: Cast, tmp_path: Path, cli: Callable[..., CliResult]) -> None:
    done = cli("invites", "999", "--out", str(tmp_path / "o"))
    assert (done.code, done.err.strip()) == (1, "error: no roundtable with id 999")
    done = cli("replies", str(tmp_path / "missing.ics"))
    assert done.code == 1
    assert (
        done.err
        == "error: 1 of 1 reply file(s) refused: missing.ics (the reasons are listed above)\n"
    )
    assert "missing.ics: not a reply that can be trusted (it cannot be read" in done.out
    assert "Traceback" not in done.err
