"""E-mail drafts (.eml) that mail clients open as meeting requests with Accept / Decline.

The shape is the one Google Calendar and Outlook send: multipart/mixed holding a
multipart/alternative (text/plain, text/html, text/calendar with the iTIP method) and the same
calendar attached as a file. `X-Unsent: 1` makes Outlook open the file as a draft to send.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

from convener.calendar.text import one_line


@dataclass(frozen=True, slots=True)
class Mailbox:
    name: str
    email: str

    def address(self) -> Address:
        return Address(display_name=one_line(self.name), addr_spec=self.email)


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
    message = EmailMessage(policy=SMTP)
    message["From"] = sender.address()
    message["To"] = recipient.address()
    message["Subject"] = one_line(subject)
    message["Date"] = format_datetime(stamp)
    domain = sender.email.rpartition("@")[2] or None
    message["Message-ID"] = make_msgid(domain=domain)
    message["X-Unsent"] = "1"
    message.set_content(plain, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    # base64 keeps the calendar's CRLF line ends and folding byte for byte.
    message.add_alternative(
        ics, maintype="text", subtype="calendar", cte="base64", params={"method": method}
    )
    *_, calendar_part = message.iter_parts()
    calendar_part.set_param("charset", "UTF-8")
    name = "cancel.ics" if method == "CANCEL" else "invite.ics"
    # add_attachment turns the alternative into the first part of a multipart/mixed.
    message.add_attachment(
        ics,
        maintype="application",
        subtype="ics",
        cte="base64",
        filename=name,
        params={"name": name},
    )
    return message.as_bytes()
