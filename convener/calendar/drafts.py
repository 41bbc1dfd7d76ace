"""E-mail drafts (.eml) that mail clients open as meeting requests with Accept / Decline.

The shape is the one Google Calendar and Outlook send: multipart/mixed holding a
multipart/alternative (text/plain, text/html, text/calendar with the iTIP method) and the same
calendar attached as a file. `X-Unsent: 1` makes Outlook open the file as a draft to send.

Built with the `email.mime` classes: the header registry of the newer `EmailMessage` API costs
about five milliseconds per draft, which made 500 drafts take seconds (see
benchmarks/bench_invitations.py); these classes write the same structure several times faster.
An export writes its drafts through one `Drafts`, which folds each header that is the same in
every draft (sender, subject, date, the parts' types) once, not once per draft.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from email import encoders
from email.charset import BASE64, QP, Charset
from email.header import Header
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from email.policy import Compat32
from email.utils import format_datetime, make_msgid

from convener.calendar.header_text import ENCODED_WORD_START, address_header, header_text

_QUOTED_PRINTABLE = Charset("utf-8")
_QUOTED_PRINTABLE.body_encoding = QP  # readable bodies; the calendar stays base64 (CRLF kept)
# Non-ASCII header words in base64: the default ("shortest") measures both encodings character
# by character, which was the largest single cost of a draft.
_HEADER_WORDS = Charset("utf-8")
_HEADER_WORDS.header_encoding = BASE64


class _FoldingOnce(Compat32):
    """compat32 that remembers each header it has folded, for one export's drafts.

    Folding is most of the cost of writing a draft, and all but two of a draft's twenty-odd
    headers are the same in every draft of an export. The result is what compat32 writes,
    with non-ASCII text in base64 words.
    """

    _folded: dict[tuple[str, str], bytes]

    def __init__(self) -> None:
        # CRLF line ends, as RFC 5322 requires of a message (compat32 writes LF by default).
        super().__init__(linesep="\r\n")
        # Policies refuse attribute assignment after construction; the memory is set once.
        object.__setattr__(self, "_folded", {})

    def fold_binary(self, name: str, value: str) -> bytes:
        key = (name, value)
        found = self._folded.get(key)
        if found is None:
            # A subject that looks like an encoded word is encoded, so it reads back as typed.
            if value.isascii() and not (name == "Subject" and ENCODED_WORD_START in value):
                found = super().fold_binary(name, value)
            else:
                # compat32 folds an encoded Header as it stands; a str it would encode in the
                # slow "shortest" way.
                words = Header(value, _HEADER_WORDS, header_name=name)
                found = super().fold_binary(name, words)  # type: ignore[arg-type]
            self._folded[key] = found
        return found


@dataclass(frozen=True, slots=True)
class Mailbox:
    name: str
    email: str

    def header(self) -> str:
        return address_header(self.name, self.email, _HEADER_WORDS)


def _boundary() -> str:
    # "=_" never occurs in quoted-printable or base64 text, so the boundary cannot collide with
    # a body; giving one also spares the generator compiling a regex to check each message.
    return f"=_convener_{uuid.uuid4().hex}"


def _text(body: str, subtype: str) -> MIMENonMultipart:
    part = MIMENonMultipart("text", subtype)
    part.set_payload(body, _QUOTED_PRINTABLE)
    return part


def _calendar(part: MIMEBase, ics: bytes) -> MIMEBase:
    # base64 keeps the calendar's CRLF line ends, which iCalendar requires, through any mailer.
    part.set_payload(ics)
    encoders.encode_base64(part)
    return part


class Drafts:
    """The .eml drafts of one export: one sender, one kind of message, one time stamp."""

    def __init__(self, *, method: str, sender: Mailbox, stamp: datetime) -> None:
        self._method = method
        self._sender = sender.header()
        self._domain = sender.email.rpartition("@")[2] or None
        self._date = format_datetime(stamp)
        self._policy = _FoldingOnce()
        # A boundary needs to be unique only within its own message, so every draft of the
        # export shares the same two and their headers are folded once.
        self._mixed = _boundary()
        self._alternative = _boundary()

    def draft(
        self, ics: bytes, *, recipient: Mailbox, subject: str, plain: str, html: str
    ) -> bytes:
        """The draft to `recipient` alone carrying `ics`."""
        alternative = MIMEMultipart("alternative", boundary=self._alternative)
        alternative.attach(_text(plain, "plain"))
        alternative.attach(_text(html, "html"))
        inline = MIMENonMultipart("text", "calendar", charset="UTF-8", method=self._method)
        alternative.attach(_calendar(inline, ics))

        name = "cancel.ics" if self._method == "CANCEL" else "invite.ics"
        attachment = _calendar(MIMEBase("application", "ics", name=name), ics)
        attachment.add_header("Content-Disposition", "attachment", filename=name)

        message = MIMEMultipart("mixed", boundary=self._mixed)
        message["From"] = self._sender
        message["To"] = recipient.header()
        message["Subject"] = header_text(subject)
        message["Date"] = self._date
        message["Message-ID"] = make_msgid(domain=self._domain)
        message["X-Unsent"] = "1"
        message.attach(alternative)
        message.attach(attachment)
        return message.as_bytes(policy=self._policy)
