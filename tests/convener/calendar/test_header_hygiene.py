"""Mail headers show what they are: no bidi controls, no encoded words that decode to CR LF."""

from __future__ import annotations

import email
from email import policy
from email.message import EmailMessage
from pathlib import Path

from convener.calendar.export import write_invitations
from convener.directory import add_stakeholder
from convener.domain import InvitationStatus, StakeholderDraft
from convener.storage import Store
from tests.convener.calendar.conftest import record

# Each decodes to CR LF if a mail program decodes it. The title holds a different one from the
# name, since a person's name in the title is withheld from other invitees (issue 14).
ENCODED_CRLF = "=?utf-8?b?DQo=?="
ENCODED_CRLF_Q = "=?utf-8?q?=0D=0A?="


def drafts(store: Store, tmp_path: Path, *names: str) -> list[EmailMessage]:
    rid = store.roundtables.insert(record(title=f"Plans {ENCODED_CRLF_Q} ahead"))
    for number, name in enumerate(names):
        sid = add_stakeholder(store, StakeholderDraft(name=name, email=f"p{number}@x.example"))
        store.roundtables.invite(rid, sid, status=InvitationStatus.INVITED)
    write_invitations(store, rid, tmp_path / "out")
    found = []
    for path in sorted((tmp_path / "out").glob("*-request.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        found.append(message)
    return found


def test_a_display_name_keeps_no_bidi_control(store: Store, tmp_path: Path) -> None:
    (message,) = drafts(store, tmp_path, "Eve \u202egpj.exe")
    (to,) = message["To"].addresses
    assert (to.display_name, to.addr_spec) == ("Eve gpj.exe", "p0@x.example")
    assert "\u202e" not in message.as_string()


def test_an_encoded_word_in_a_name_or_title_reads_back_as_typed(
    store: Store, tmp_path: Path
) -> None:
    (message,) = drafts(store, tmp_path, ENCODED_CRLF)
    (to,) = message["To"].addresses
    assert (to.display_name, to.addr_spec) == (ENCODED_CRLF, "p0@x.example")
    assert f"Plans {ENCODED_CRLF_Q} ahead" in str(message["Subject"])
    for header in ("To", "Subject"):
        assert "\r" not in str(message[header]) and "\n" not in str(message[header])
