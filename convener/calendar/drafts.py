"""E-mail drafts (.eml) that mail clients open as meeting requests with Accept / Decline.

The shape is the one Google Calendar and Outlook send: multipart/mixed holding a
multipart/alternative (text/plain, text/html, text/calendar with the iTIP method) and the same
calendar attached as a file. `X-Unsent: 1` makes Outlook open the file as a draft to send.

Built with the `email.mime` classes: the header registry of the newer `EmailMessage` API costs
about five milliseconds per draft, which made 500 drafts take seconds (see
benchmarks/bench_invitations.py); these classes write the same structure several times faster.
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
from email.utils import format_datetime, formataddr, make_msgid

from convener.calendar.text import one_line

_QUOTED_PRINTABLE = Charset("utf-8")
_QUOTED_PRINTABLE.body_encoding = QP  # readable bodies; the calendar stays base64 (CRLF kept)
# Non-ASCII header words in base64: the default ("shortest") measures both encodings character
# by character, which was the largest single cost of a draft.
_HEADER_WORDS = Charset("utf-8")
_HEADER_WORDS.header_encoding = BASE64


@dataclass(frozen=True, slots=True)
class Mailbox:
    name: str
    email: str

    def header(self) -> str:
        # formataddr quotes commas and other specials and encodes non-ASCII names (RFC 2047).
        return formataddr((one_line(self.name), one_line(self.email)), charset=_HEADER_WORDS)


def _boundary() -> str:
    # "=_" never occurs in quoted-printable or base64 text, so the boundary cannot collide with
    # a body; giving one also spares the generator compiling a regex to check each message.
    return f"=_convener_{uuid.uuid4().hex}"


def _text(body: str, subtype: str, charset: Charset | str) -> MIMENonMultipart:
    part = MIMENonMultipart("text", subtype)
    part.set_payload(body, charset)
    return part


def _header_text(text: str) -> str | Header:
    text = one_line(text)
    return text if text.isascii() else Header(text, _HEADER_WORDS)


def build_email(
    ics: bytes,
    *,
    method: str,
    sender: Mailbox,
    recipient: Mailbox,
    subject: str,
    plain: str,
    html: str,
    stamp: datetime,
) -> bytes:
    """The .eml draft from `sender` to `recipient` alone carrying `ics`."""
    alternative = MIMEMultipart("alternative", boundary=_boundary())
    alternative.attach(_text(plain, "plain", _QUOTED_PRINTABLE))
    alternative.attach(_text(html, "html", _QUOTED_PRINTABLE))
    calendar_part = _text(ics.decode("utf-8"), "calendar", "utf-8")  # base64
    calendar_part.set_param("charset", "UTF-8")
    calendar_part.set_param("method", method)
    alternative.attach(calendar_part)

    name = "cancel.ics" if method == "CANCEL" else "invite.ics"
    attachment = MIMEBase("application", "ics", name=name)
    attachment.set_payload(ics)
    encoders.encode_base64(attachment)
    attachment.add_header("Content-Disposition", "attachment", filename=name)

    message = MIMEMultipart("mixed", boundary=_boundary())
    message["From"] = sender.header()
    message["To"] = recipient.header()
    # An encoded Header is what this API takes for non-ASCII; the stubs only admit str.
    message["Subject"] = _header_text(subject)  # type: ignore[assignment]
    message["Date"] = format_datetime(stamp)
    message["Message-ID"] = make_msgid(domain=sender.email.rpartition("@")[2] or None)
    message["X-Unsent"] = "1"
    message.attach(alternative)
    message.attach(attachment)
    return message.as_bytes()
